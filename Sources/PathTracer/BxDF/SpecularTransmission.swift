/// Refraction through a perfectly smooth dielectric boundary (the
/// transmitting half of tray_rust's `glass`): `wi` is the Snell's-law direction,
/// carrying the part 1 − F that the Fresnel term does not reflect.
///
/// The boundary has index `etaA` on the +Z side (outside) and `etaB` on the −Z
/// side (inside); `wo` may be on either. Radiance is scaled by (η_o / η_i)², η_o
/// being the index on `wo`'s side and η_i on `wi`'s, because refraction squeezes
/// or spreads the same power over a different solid angle (this is the correct
/// factor for paths traced from the camera). Beyond the critical angle there is
/// no transmitted direction and `sample` returns nil.
///
/// A Dirac delta: `evaluate` and `pdf` are 0; `sample` returns pdf 1.
/// Cost: a Fresnel evaluation and a refraction, two square roots each.
public struct SpecularTransmission: BxDF {
  /// A colour scale on the transmitted light (tray_rust's `transmit`).
  public var transmittance: Color
  /// Refractive index outside (on the +Z side).
  public var etaA: Float
  /// Refractive index inside (on the −Z side).
  public var etaB: Float

  @inlinable
  public init(transmittance: Color, etaA: Float, etaB: Float) {
    self.transmittance = transmittance
    self.etaA = etaA
    self.etaB = etaB
  }

  public var flags: BxDFFlags { .specularTransmission }

  public func evaluate(wo: Vector3, wi: Vector3) -> Color { .black }

  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    if wo.z == 0 { return nil }
    let entering = wo.z > 0
    let etaO = entering ? etaA : etaB
    let etaI = entering ? etaB : etaA
    let normal = Vector3(0, 0, entering ? 1 : -1)
    guard let wi = refract(wo, normal: normal, eta: etaO / etaI) else { return nil }
    // The Fresnel reflectance is the same for both ends of a refraction, so
    // evaluating it for wo is as good as for wi.
    let reflected = FresnelDielectric(etaI: etaA, etaT: etaB).reflectance(cosThetaI: wo.z)
    let radianceScale = (etaO * etaO) / (etaI * etaI)
    let f = transmittance * ((1 - reflected) * radianceScale / absCosTheta(wi))
    return BxDFSample(f: f, wi: wi, pdf: 1, flags: .specularTransmission)
  }

  public func pdf(wo: Vector3, wi: Vector3) -> Float { 0 }
}
