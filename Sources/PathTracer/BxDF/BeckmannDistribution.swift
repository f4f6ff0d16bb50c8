#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The Beckmann-Spizzichino microfacet distribution: Gaussian-distributed
/// microfacet slopes with RMS slope `alpha`. tray_rust's `roughness` for plastic,
/// metal and rough glass is this `alpha`.
///
/// D(wh) = exp(−tan² θh / α²) / (π α² cos⁴ θh). Λ uses pbrt's rational
/// approximation of the exact erf-based expression (error under 0.4%).
/// Sampling draws normals from D(wh) |cos θh| (the whole distribution, not only
/// the visible normals), so some samples give directions below the horizon
/// that the BxDF then rejects. Cost: one `exp` per D, one `log` plus a sine and
/// cosine per sample.
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
    return exp(-tan2 / alpha2) / (Float.pi * alpha2 * cos4)
  }

  public func lambda(_ w: Vector3) -> Float {
    let absTanTheta = (tan2Theta(w)).squareRoot()
    if absTanTheta.isInfinite { return 0 }
    // a = 1 / (α tan θ) is the distance of the slope of w from the mean in
    // units of the slope deviation; beyond 1.6 masking is negligible.
    let a = 1 / (alpha * absTanTheta)
    if a >= 1.6 { return 0 }
    return (1 - 1.259 * a + 0.396 * a * a) / (3.535 * a + 2.181 * a * a)
  }

  public func sampleWh(wo: Vector3, u: Point2) -> Vector3 {
    // Invert the CDF of tan² θh, which is exponential: tan² θh = −α² ln(1 − u).
    // 1 − u.x is in (0, 1], so the logarithm is finite.
    let tan2 = -alpha * alpha * log(1 - u.x)
    let cosThetaH = 1 / (1 + tan2).squareRoot()
    let sinThetaH = max(0, 1 - cosThetaH * cosThetaH).squareRoot()
    let wh = sphericalDirection(sinTheta: sinThetaH, cosTheta: cosThetaH, phi: 2 * .pi * u.y)
    return wo.z < 0 ? -wh : wh
  }

  public func pdf(wo: Vector3, wh: Vector3) -> Float {
    D(wh) * absCosTheta(wh)
  }
}
