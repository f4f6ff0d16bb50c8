import RealModule

/// The Beckmann-Spizzichino microfacet distribution: Gaussian-distributed
/// microfacet slopes with RMS slope `alpha`. tray_rust's `roughness` for plastic,
/// metal and rough glass is this `alpha`.
///
/// D(wh) = exp(−tan² θh / α²) / (π α² cos⁴ θh), and Smith's Λ in its exact
/// form (erf(a) − 1) / 2 + exp(−a²) / (2a√π) with a = 1 / (α tan θ).
/// Sampling draws only the microfacet normals *visible* from `wo` (Heitz and
/// d'Eon 2014, with Jakob's numerical inversion of the slope CDF), with density
/// G1(wo) max(0, wo·wh) D(wh) / |cos θo|, so the weight f·cos/pdf of a
/// Torrance-Sparrow sample stays at most the Fresnel term even at grazing angles.
/// Cost: one `exp` per D and an `erf` plus an `exp` per Λ; a sample takes a
/// Newton solve of a few iterations (each an inverse erf and an `exp`).
public struct BeckmannDistribution: MicrofacetDistribution {
  /// RMS slope of the microfacets: 0 is a mirror; about 1 is very rough.
  public var alpha: Float

  /// - Parameter alpha: RMS microfacet slope; clamped to at least 1e-4 so that
  ///   D stays finite in single precision.
  @inlinable
  public init(alpha: Float) {
    self.alpha = max(alpha, 1e-4)
  }

  public func D(_ wh: Vector3) -> Float {
    let cos2 = cos2Theta(wh)
    let cos4 = cos2 * cos2
    // On the horizon exp(-tan²/α²) is 0 faster than cos⁴ is.
    if cos4 == 0 { return 0 }
    let tan2 = sin2Theta(wh) / cos2
    let alpha2 = alpha * alpha
    return .exp(-tan2 / alpha2) / (Float.pi * alpha2 * cos4)
  }

  public func lambda(_ w: Vector3) -> Float {
    let absTanTheta = tan2Theta(w).squareRoot()
    if absTanTheta == 0 { return 0 }
    if absTanTheta.isInfinite { return .infinity }  // on the horizon nothing is visible
    // a = 1 / (α tan θ): the slope of w in units of the RMS microfacet slope.
    let a = 1 / (alpha * absTanTheta)
    if a > 8 { return 0 }  // below 1e-29: saves the erf and exp for steep views
    return (.erf(a) - 1) / 2 + .exp(-a * a) / (2 * a * Float.pi.squareRoot())
  }

  public func sampleWh(wo: Vector3, u: Point2) -> Vector3 {
    // Work with the view direction in the upper hemisphere; mirror at the end.
    let v = wo.z < 0 ? -wo : wo
    // 1. Stretch the configuration to α = 1.
    let stretched = normalize(Vector3(alpha * v.x, alpha * v.y, v.z))
    // 2. Draw a slope visible from the stretched view, in a frame where the
    //    view's azimuth is 0. tan θ and the azimuth come straight from x and y:
    //    going through sin θ = sqrt(1 − cos² θ) loses all precision near the pole.
    let sinLength = (stretched.x * stretched.x + stretched.y * stretched.y).squareRoot()
    var slope = Self.sampleVisibleSlope(tanTheta: sinLength / stretched.z, u: u)
    // 3. Rotate to the view's azimuth, then 4. unstretch.
    if sinLength > 0 {
      let c = stretched.x / sinLength, s = stretched.y / sinLength
      slope = Point2(c * slope.x - s * slope.y, s * slope.x + c * slope.y)
    }
    slope *= alpha
    // 5. The normal of a facet with slopes (x, y) is (−x, −y, 1), normalized.
    let wh = normalize(Vector3(-slope.x, -slope.y, 1))
    return wo.z < 0 ? -wh : wh
  }

  public func pdf(wo: Vector3, wh: Vector3) -> Float {
    visibleNormalPdf(wo: wo, wh: wh)
  }

  /// A slope (x, y) of an α = 1 Beckmann surface seen from polar angle θ at
  /// azimuth 0, distributed as the projected area of the facets visible from
  /// there: density ∝ exp(−x² − y²) max(0, 1 − x tan θ).
  ///
  /// y is independent of x and Gaussian. x has the CDF
  /// C(x) = (1 + erf(x) + tan θ exp(−x²)/√π) / (1 + erf(cot θ) + tan θ exp(−cot² θ)/√π)
  /// on (−∞, cot θ], inverted by safeguarded Newton iteration on b = erf(x),
  /// where dC/db = (1 − x tan θ) / normalizer is cheap. Valid down to θ = 0,
  /// where cot θ is infinite and C is the plain Gaussian CDF.
  @usableFromInline
  static func sampleVisibleSlope(tanTheta: Float, u: Point2) -> Point2 {
    // A view exactly on the horizon (tan θ = ∞) would make the normalizer 0.
    let tanT = min(tanTheta, 1e6)
    let cotT = 1 / tanT
    let invSqrtPi = 1 / Float.pi.squareRoot()
    // tan θ · exp(−cot² θ), written so that θ = 0 gives 0 rather than 0 · ∞.
    let horizonTerm = tanT == 0 ? 0 : tanT * invSqrtPi * .exp(-cotT * cotT)
    let normalizer = 1 / (1 + .erf(cotT) + horizonTerm)
    let target = max(u.x, 1e-6)
    // Bracket [low, high] in b = erf(x); start in proportion to the target.
    var low: Float = -1
    var high = Float.erf(cotT)
    var b = low + (high - low) * target
    for _ in 0..<20 {
      // Fall back to bisection when Newton leaves the bracket (or gives NaN).
      if !(b > low && b < high) { b = 0.5 * (low + high) }
      let x = inverseErf(b)
      let value = normalizer * (1 + b + tanT * invSqrtPi * .exp(-x * x)) - target
      if abs(value) < 1e-6 { break }
      if value > 0 { high = b } else { low = b }
      b -= value / (normalizer * (1 - x * tanT))
    }
    let x = inverseErf(min(max(b, -1 + 1e-7), 1 - 1e-7))
    let y = inverseErf(2 * min(max(u.y, 1e-6), 1 - 1e-6) - 1)
    return Point2(x, y)
  }
}
