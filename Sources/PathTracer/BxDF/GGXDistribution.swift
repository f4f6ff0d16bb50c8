import RealModule

/// The GGX (Trowbridge-Reitz) microfacet distribution: like Beckmann near the
/// peak but with much longer tails, which gives the bright halo of real metals.
///
/// D(wh) = α² / (π ((α² − 1) cos² θh + 1)²), and Λ has the exact closed form
/// (√(1 + α² tan² θ) − 1) / 2.
/// Sampling draws only the normals *visible* from `wo` (Heitz 2018, "Sampling
/// the GGX Distribution of Visible Normals"), with density
/// G1(wo) max(0, wo·wh) D(wh) / |cos θo|. That never wastes a sample on a
/// back-facing microfacet and keeps the weight f·cos/pdf bounded by the Fresnel
/// term. Cost: about 40 flops, three square roots and a sine/cosine per sample.
public struct GGXDistribution: MicrofacetDistribution {
  /// Width of the distribution: 0 is a mirror; 1 is very rough.
  public var alpha: Float

  /// - Parameter alpha: the width; clamped to at least 1e-4 so that D stays
  ///   finite in single precision.
  @inlinable
  public init(alpha: Float) {
    self.alpha = max(alpha, 1e-4)
  }

  public func D(_ wh: Vector3) -> Float {
    // This form needs no tan θ, so it is finite on the horizon too.
    let alpha2 = alpha * alpha
    let denominator = (alpha2 - 1) * cos2Theta(wh) + 1
    return alpha2 / (Float.pi * denominator * denominator)
  }

  public func lambda(_ w: Vector3) -> Float {
    let tan2 = tan2Theta(w)
    if tan2.isInfinite { return .infinity }  // on the horizon nothing is visible
    return ((1 + alpha * alpha * tan2).squareRoot() - 1) / 2
  }

  public func sampleWh(wo: Vector3, u: Point2) -> Vector3 {
    // Work with the view direction in the upper hemisphere; mirror at the end.
    let v = wo.z < 0 ? -wo : wo
    // 1. Stretch the view so that the microsurface becomes a hemisphere of radius 1.
    let vh = normalize(Vector3(alpha * v.x, alpha * v.y, v.z))
    // 2. An orthonormal basis around it (any tangent when looking straight down).
    let tangentLength2 = vh.x * vh.x + vh.y * vh.y
    let t1 = tangentLength2 > 0
      ? Vector3(-vh.y, vh.x, 0) / tangentLength2.squareRoot()
      : Vector3(1, 0, 0)
    let t2 = cross(vh, t1)
    // 3. A uniform point on the disk the hemisphere projects to, then squash the
    //    half of the disk that is partly hidden when the view is tilted.
    let r = u.x.squareRoot()
    let phi = 2 * Float.pi * u.y
    let p1 = r * .cos(phi)
    var p2 = r * .sin(phi)
    let s = 0.5 * (1 + vh.z)
    p2 = (1 - s) * max(0, 1 - p1 * p1).squareRoot() + s * p2
    // 4. Lift the point onto the hemisphere: that is the stretched normal.
    let nh = p1 * t1 + p2 * t2 + max(0, 1 - p1 * p1 - p2 * p2).squareRoot() * vh
    // 5. Unstretch back to the real microsurface.
    let wh = normalize(Vector3(alpha * nh.x, alpha * nh.y, max(1e-6, nh.z)))
    return wo.z < 0 ? -wh : wh
  }

  public func pdf(wo: Vector3, wh: Vector3) -> Float {
    visibleNormalPdf(wo: wo, wh: wh)
  }
}
