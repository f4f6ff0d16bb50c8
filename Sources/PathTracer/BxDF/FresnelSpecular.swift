/// Smooth glass in one BxDF: reflection and refraction at a dielectric
/// boundary, choosing between them with the Fresnel reflectance F.
///
/// `sample` reflects with probability F and refracts with probability 1 − F,
/// so every sample carries weight f |cos θi| / pdf equal to `reflectance` or
/// `transmittance` (times the (η_o/η_i)² radiance scale for refraction): no
/// sample is wasted on a lobe that contributes little. Equivalent in
/// expectation to ``SpecularReflection`` with ``FresnelDielectric`` plus
/// ``SpecularTransmission``, which is how tray_rust builds `glass`.
/// Under total internal reflection F = 1 and the sample always reflects.
///
/// A Dirac delta: `evaluate` and `pdf` are 0. Uses only `u.x`.
/// Cost: a Fresnel evaluation and possibly a refraction.
public struct FresnelSpecular: BxDF {
  public var reflectance: Color
  public var transmittance: Color
  /// Refractive index outside (on the +Z side).
  public var etaA: Float
  /// Refractive index inside (on the −Z side).
  public var etaB: Float

  @inlinable
  public init(reflectance: Color, transmittance: Color, etaA: Float, etaB: Float) {
    self.reflectance = reflectance
    self.transmittance = transmittance
    self.etaA = etaA
    self.etaB = etaB
  }

  public var flags: BxDFFlags { BxDFFlags.specularReflection.union(.transmission) }

  public func evaluate(wo: Vector3, wi: Vector3) -> Color { .black }

  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    if wo.z == 0 { return nil }
    let reflected = FresnelDielectric(etaI: etaA, etaT: etaB).reflectance(cosThetaI: wo.z)
    if u.x < reflected {
      let wi = Vector3(-wo.x, -wo.y, wo.z)
      return BxDFSample(f: reflectance * (reflected / absCosTheta(wi)), wi: wi,
                        pdf: reflected, flags: .specularReflection)
    }
    let entering = wo.z > 0
    let etaO = entering ? etaA : etaB
    let etaI = entering ? etaB : etaA
    let normal = Vector3(0, 0, entering ? 1 : -1)
    guard let wi = refract(wo, normal: normal, eta: etaO / etaI) else { return nil }
    let radianceScale = (etaO * etaO) / (etaI * etaI)
    let transmitted = 1 - reflected
    return BxDFSample(f: transmittance * (transmitted * radianceScale / absCosTheta(wi)), wi: wi,
                      pdf: transmitted, flags: .specularTransmission)
  }

  public func pdf(wo: Vector3, wi: Vector3) -> Float { 0 }
}
