/// The exact Fresnel reflectance of a smooth boundary between two dielectrics
/// (glass, water, the clear coat of a plastic) for unpolarized light.
///
/// The boundary has index `etaI` on the side the normal points to ("outside")
/// and `etaT` on the other side. A positive `cosThetaI` means the light arrives
/// from outside; a negative one means it arrives from inside, and beyond the
/// critical angle total internal reflection returns 1.
/// Cost: about 20 flops and two square roots.
public struct FresnelDielectric: FresnelTerm {
  /// Refractive index on the outside (the side the normal points to).
  public var etaI: Float
  /// Refractive index on the inside.
  public var etaT: Float

  @inlinable
  public init(etaI: Float, etaT: Float) {
    self.etaI = etaI
    self.etaT = etaT
  }

  /// The reflected fraction as a scalar (the same for every channel).
  public func reflectance(cosThetaI: Float) -> Float {
    var cosI = min(max(cosThetaI, -1), 1)
    var etaI = self.etaI
    var etaT = self.etaT
    // Light from inside: swap the media so that cosI is positive.
    if cosI < 0 {
      swap(&etaI, &etaT)
      cosI = -cosI
    }
    // Snell's law for the transmitted angle.
    let sinI = max(0, 1 - cosI * cosI).squareRoot()
    let sinT = etaI / etaT * sinI
    if sinT >= 1 { return 1 }  // total internal reflection
    let cosT = max(0, 1 - sinT * sinT).squareRoot()
    // Amplitude ratios for light polarized parallel and perpendicular to the
    // plane of incidence; unpolarized light averages their squares.
    let parallel = (etaT * cosI - etaI * cosT) / (etaT * cosI + etaI * cosT)
    let perpendicular = (etaI * cosI - etaT * cosT) / (etaI * cosI + etaT * cosT)
    return (parallel * parallel + perpendicular * perpendicular) / 2
  }

  public func evaluate(cosThetaI: Float) -> Color {
    Color(gray: reflectance(cosThetaI: cosThetaI))
  }
}
