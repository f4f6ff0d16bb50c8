/// The Fresnel reflectance of a smooth metal, whose complex refractive index
/// η + i·k (relative to the surrounding medium) is given per RGB channel.
///
/// The absorption coefficient `k` is what makes metals reflect strongly and
/// coloured (gold: η ≈ (0.14, 0.37, 1.44), k ≈ (3.98, 2.39, 1.60)). With k = 0
/// the formula reduces to the dielectric one. Light arriving from either side is
/// treated alike (the sign of `cosThetaI` is ignored). Cost: about 30 vector
/// flops and two vector square roots.
public struct FresnelConductor: FresnelTerm {
  /// Real part of the relative refractive index, per channel.
  public var eta: Color
  /// Absorption coefficient (imaginary part of the index), per channel.
  public var k: Color

  @inlinable
  public init(eta: Color, k: Color) {
    self.eta = eta
    self.k = k
  }

  public func evaluate(cosThetaI: Float) -> Color {
    // The closed form for an absorbing medium, with a² + b² standing for
    // |η̃² − sin² θ| (the squared modulus of the complex cos θt times η̃²).
    let cosI = min(abs(cosThetaI), 1)
    let cos2 = cosI * cosI
    let sin2 = 1 - cos2
    let eta2 = eta.rgb * eta.rgb
    let k2 = k.rgb * k.rgb
    let t0 = eta2 - k2 - SIMD3(repeating: sin2)
    let a2PlusB2 = (t0 * t0 + 4 * eta2 * k2).squareRoot()
    let t1 = a2PlusB2 + SIMD3(repeating: cos2)
    let a = (0.5 * (a2PlusB2 + t0)).squareRoot()
    let t2 = 2 * cosI * a
    let perpendicular = (t1 - t2) / (t1 + t2)
    let t3 = cos2 * a2PlusB2 + SIMD3(repeating: sin2 * sin2)
    let t4 = t2 * sin2
    let parallel = perpendicular * (t3 - t4) / (t3 + t4)
    return Color(0.5 * (parallel + perpendicular))
  }
}
