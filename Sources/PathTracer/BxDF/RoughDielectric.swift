/// Frosted glass in one BxDF: microfacet reflection (``TorranceSparrow``) and
/// microfacet refraction (``MicrofacetTransmission``) at one rough dielectric
/// boundary, as pbrt-v4's `DielectricBxDF` keeps them together.
///
/// The two lobes must agree on the boundary: the same Fresnel term decides how
/// much each one gets, and the same microfacet distribution shapes both. Here
/// each lobe holds its own copy of both values (12 bytes in all), which cannot
/// disagree because nothing changes them after the material builds them: the
/// BxDF is a plain value with no pointer in it.
///
/// `sample` picks reflection when `uc < 1/2` and refraction otherwise, then
/// returns the value and density of both lobes together for the sampled
/// direction, f = f_r + f_t and pdf = (pdf_r + pdf_t) / 2, as ``evaluate(wo:wi:)``
/// and ``pdf(wo:wi:)`` do. (Only one of each pair is non-zero: reflection
/// answers when `wo` and `wi` are on the same side, refraction when they are not.)
/// Cost: one lobe's sampling plus both lobes' pdfs.
public struct RoughDielectric<Distribution: MicrofacetDistribution>: BxDF {
  public var reflection: TorranceSparrow<Distribution, FresnelDielectric>
  public var transmission: MicrofacetTransmission<Distribution>

  /// Glass of index `eta` inside (−Z) and air outside (+Z): reflection scaled
  /// by `reflect`, refraction by `transmit` (tray_rust's `rough_glass` colours).
  @inlinable
  public init(reflect: Color, transmit: Color, eta: Float, distribution: Distribution) {
    let boundary = FresnelDielectric(etaI: 1, etaT: eta)
    reflection = TorranceSparrow(reflectance: reflect, distribution: distribution, fresnel: boundary)
    transmission = MicrofacetTransmission(transmittance: transmit, distribution: distribution, fresnel: boundary)
  }

  public var flags: BxDFFlags { BxDFFlags.glossyReflection.union(.transmission) }

  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    sameHemisphere(wo, wi) ? reflection.evaluate(wo: wo, wi: wi) : transmission.evaluate(wo: wo, wi: wi)
  }

  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    let lobe = uc < 0.5 ? reflection.sample(wo: wo, uc: uc, u: u) : transmission.sample(wo: wo, uc: uc, u: u)
    guard let lobe else { return nil }
    let pdf = pdf(wo: wo, wi: lobe.wi)
    guard pdf > 0 else { return nil }
    return BxDFSample(f: evaluate(wo: wo, wi: lobe.wi), wi: lobe.wi, pdf: pdf, flags: lobe.flags)
  }

  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    (reflection.pdf(wo: wo, wi: wi) + transmission.pdf(wo: wo, wi: wi)) / 2
  }
}
