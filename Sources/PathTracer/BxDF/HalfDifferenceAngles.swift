import RealModule

/// Rusinkiewicz's half/difference angles of a pair of directions: the
/// coordinates in which measured, isotropic BRDFs (the MERL database) are tabulated.
///
/// The half vector wh = normalize(wo + wi) is described by its angle to the
/// normal, θh. The *difference* vector is wi seen from a frame that puts wh at
/// the pole: θd is the angle between wi and wh, φd the angle of wi around wh,
/// measured from the plane that contains the normal and wh. An isotropic BRDF
/// does not depend on φh (the azimuth of wh), so three angles suffice.
///
/// Swapping wo and wi turns φd into φd + π (wo is wi mirrored through wh), so a
/// reciprocal BRDF only needs φd in [0, π): ``phiDiff`` is folded into that range.
/// (Rusinkiewicz, "A New Change of Variables for Efficient BRDF Representation", 1998.)
///
/// Cost: three `atan2`, three square roots and a few dozen flops; no acos.
public struct HalfDifferenceAngles: Sendable, BitwiseCopyable, Equatable {
  /// θh in [0, π/2]: the half vector's angle to the normal.
  public var thetaHalf: Float
  /// θd in [0, π/2]: the angle between wi (or wo) and the half vector.
  public var thetaDiff: Float
  /// φd in [0, π): the azimuth of wi around the half vector, folded by reciprocity.
  public var phiDiff: Float

  /// The angles of `wo` and `wi`, unit vectors in the shading frame, both on
  /// the +Z side. The result is exactly the same for (wo, wi) as for (wi, wo).
  public init(wo: Vector3, wi: Vector3) {
    // Nothing is normalized: every angle comes from atan2 of two lengths
    // that share the same scale. Only sums, differences and dot products with
    // a symmetric frame are used, so swapping wo and wi changes the signs of
    // `difference` and nothing else; that is what makes reciprocity exact in
    // floating point, not just up to rounding.
    let sum = wo + wi            // along wh, of length 2 cos θd
    let difference = wi - wo     // perpendicular to wh, of length 2 sin θd
    let sumLength = length(sum)
    let horizontal = (sum.x * sum.x + sum.y * sum.y).squareRoot()
    thetaHalf = .atan2(y: horizontal, x: sum.z)
    thetaDiff = .atan2(y: length(difference), x: sumLength)

    // The frame around wh: `tilted` lies in the plane of the normal and wh,
    // `sideways` is horizontal. Along the normal, φh is undefined: use φh = 0.
    let (cosPhiHalf, sinPhiHalf) = horizontal > 0 ? (sum.x / horizontal, sum.y / horizontal) : (1, 0)
    let (cosThetaHalf, sinThetaHalf) = sumLength > 0 ? (sum.z / sumLength, horizontal / sumLength) : (1, 0)
    let tilted = Vector3(cosPhiHalf * cosThetaHalf, sinPhiHalf * cosThetaHalf, -sinThetaHalf)
    let sideways = Vector3(-sinPhiHalf, cosPhiHalf, 0)
    var x = dot(difference, tilted), y = dot(difference, sideways)
    // Reciprocity: (x, y) and (−x, −y) are the same measurement. Keep the one
    // in the upper half-plane, then φd = atan2(y, x) lies in [0, π].
    if y < 0 || (y == 0 && x < 0) {
      x = -x
      y = -y
    }
    let phi = Float.atan2(y: y, x: x)
    // π is 0 again (and wo == wi, where φd means nothing, lands here too).
    phiDiff = phi < .pi ? Swift.max(phi, 0) : 0
  }

  /// The angles as given (for tests and for building directions from angles).
  public init(thetaHalf: Float, thetaDiff: Float, phiDiff: Float) {
    self.thetaHalf = thetaHalf
    self.thetaDiff = thetaDiff
    self.phiDiff = phiDiff
  }
}
