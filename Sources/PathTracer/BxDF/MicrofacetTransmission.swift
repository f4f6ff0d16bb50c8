/// Refraction through a rough dielectric boundary (Walter, Marschner, Li and
/// Torrance 2007, "Microfacet Models for Refraction through Rough Surfaces"):
/// the transmitting half of tray_rust's `rough_glass`.
///
/// Each microfacet refracts by Snell's law. For a pair (wo, wi) on opposite
/// sides, the one microfacet normal that refracts one into the other is the
/// generalized half vector wh ∝ −(η_o wo + η_i wi), and
///
///     f = T (1 − F(wo·wh)) D(wh) G(wo, wi) |wi·wh| |wo·wh| η_i²
///         / (|cos θo| |cos θi| (η_o wo·wh + η_i wi·wh)²) · (η_o / η_i)²,
///
/// where the last factor is the radiance scaling of refraction (paths traced
/// from the camera), which cancels the η_i². Sampling picks wh from the
/// distribution and refracts `wo` through it; the density of `wi` is
/// pdf(wh) · η_i² |wi·wh| / (η_o wo·wh + η_i wi·wh)², the Jacobian of that map.
/// Microfacets that would totally internally reflect give no sample.
///
/// The boundary has index `etaA` on the +Z side and `etaB` on the −Z side; `wo`
/// may be on either. Both come from the Fresnel term, so the refraction and the
/// reflected fraction cannot disagree. Rough glass pairs this lobe with a
/// reflecting ``TorranceSparrow`` of the same boundary in ``RoughDielectric``.
/// Cost: a Fresnel evaluation, D, two Λ and a few square roots.
public struct MicrofacetTransmission<Distribution: MicrofacetDistribution>: BxDF {
  /// A colour scale on the transmitted light (tray_rust's `transmit`).
  public var transmittance: Color
  public var distribution: Distribution
  /// The dielectric boundary: its indices and its reflectance.
  public var fresnel: FresnelDielectric

  @inlinable
  public init(transmittance: Color, distribution: Distribution, fresnel: FresnelDielectric) {
    self.transmittance = transmittance
    self.distribution = distribution
    self.fresnel = fresnel
  }

  /// Refractive index outside (on the +Z side).
  @inlinable public var etaA: Float { fresnel.etaI }
  /// Refractive index inside (on the −Z side).
  @inlinable public var etaB: Float { fresnel.etaT }

  public var flags: BxDFFlags { .glossyTransmission }

  /// The pieces `evaluate` and `pdf` share: the refracting microfacet normal
  /// (on `wo`'s side), its cosines with `wo` and `wi`, and η_i / η_o.
  /// Nil when no microfacet can refract `wo` into `wi`.
  @usableFromInline
  func refractionGeometry(wo: Vector3, wi: Vector3)
    -> (wh: Vector3, cosOH: Float, cosIH: Float, eta: Float)?
  {
    guard wo.z * wi.z < 0 else { return nil }
    // eta = η_i / η_o: the index on wi's side over the one on wo's side.
    let eta = wo.z > 0 ? etaB / etaA : etaA / etaB
    var wh = wo + eta * wi
    let lengthSquared = dot(wh, wh)
    guard lengthSquared > 0 else { return nil }
    wh /= lengthSquared.squareRoot()
    if wh.z * wo.z < 0 { wh = -wh }
    let cosOH = dot(wo, wh)
    let cosIH = dot(wi, wh)
    // A refracting microfacet has wo in front of it and wi behind it.
    guard cosOH > 0, cosIH < 0 else { return nil }
    return (wh, cosOH, cosIH, eta)
  }

  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    guard let (wh, cosOH, cosIH, eta) = refractionGeometry(wo: wo, wi: wi) else { return .black }
    // The Fresnel term's sign convention is relative to the macro-surface:
    // negative when the light arrives from inside.
    let reflected = fresnel.reflectance(cosThetaI: wo.z > 0 ? cosOH : -cosOH)
    let denominator = cosOH + eta * cosIH
    // η_i² from the Jacobian times the radiance scale (η_o / η_i)² is 1.
    let value = distribution.D(wh) * distribution.G(wo, wi) * abs(cosIH) * cosOH
      / (absCosTheta(wo) * absCosTheta(wi) * denominator * denominator)
    return transmittance * ((1 - reflected) * value)
  }

  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    if wo.z == 0 { return nil }
    let wh = distribution.sampleWh(wo: wo, u: u)
    guard dot(wo, wh) > 0 else { return nil }
    // Snell's law at the microfacet, with η_o / η_i.
    let eta = wo.z > 0 ? etaA / etaB : etaB / etaA
    guard let wi = refract(wo, normal: wh, eta: eta), wo.z * wi.z < 0 else { return nil }
    let pdf = pdf(wo: wo, wi: wi)
    guard pdf > 0 else { return nil }
    return BxDFSample(f: evaluate(wo: wo, wi: wi), wi: wi, pdf: pdf, flags: .glossyTransmission)
  }

  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    guard let (wh, _, cosIH, eta) = refractionGeometry(wo: wo, wi: wi) else { return 0 }
    let denominator = dot(wo, wh) + eta * cosIH
    let jacobian = eta * eta * abs(cosIH) / (denominator * denominator)
    return distribution.pdf(wo: wo, wh: wh) * jacobian
  }
}

extension MicrofacetTransmission {
  /// A boundary with index `etaA` outside (+Z) and `etaB` inside (−Z).
  @inlinable
  public init(transmittance: Color, distribution: Distribution, etaA: Float, etaB: Float) {
    self.init(transmittance: transmittance, distribution: distribution,
              fresnel: FresnelDielectric(etaI: etaA, etaT: etaB))
  }
}
