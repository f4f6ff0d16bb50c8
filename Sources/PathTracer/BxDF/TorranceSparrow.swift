/// Glossy reflection from a rough surface of mirror microfacets (Torrance and
/// Sparrow 1967, Cook and Torrance 1982):
///
///     f(wo, wi) = R · D(wh) · G(wo, wi) · F(wi·wh) / (4 |cos θo| |cos θi|),
///
/// where wh = normalize(wo + wi) is the half vector: the only microfacet normal
/// that mirrors `wo` into `wi`. Used for plastic's clear coat (dielectric
/// Fresnel), for rough metals (conductor Fresnel) and for the reflecting half
/// of rough glass (``RoughDielectric``).
///
/// Generic over the distribution and the Fresnel term, so it is a plain struct
/// (32 to 64 bytes) with no indirection. Sampling picks a microfacet normal from
/// the distribution and mirrors `wo` about it; the density of `wi` is
/// pdf(wh) / (4 |wo·wh|), the Jacobian of the reflection map.
///
/// Two-sided: for `wo.z < 0` the lobe is mirrored. The Fresnel term gets the
/// cosine of `wi` with the microfacet normal turned to the +Z side, so it is
/// negative below the surface, as for ``SpecularReflection``: a conductor
/// ignores the sign, and a dielectric uses it, so that rough glass seen from
/// inside reflects totally past the critical angle. (tray_rust, like pbrt-v3,
/// always passes a positive cosine there, which makes rough glass lose the
/// light it should reflect internally.) Plastic's opaque coat should look the
/// same from both sides and wraps its Fresnel term in ``FresnelTwoSided``.
public struct TorranceSparrow<Distribution: MicrofacetDistribution, Fresnel: FresnelTerm>: BxDF {
  /// A colour scale on top of the Fresnel term (tray_rust's `gloss`).
  public var reflectance: Color
  public var distribution: Distribution
  public var fresnel: Fresnel

  @inlinable
  public init(reflectance: Color, distribution: Distribution, fresnel: Fresnel) {
    self.reflectance = reflectance
    self.distribution = distribution
    self.fresnel = fresnel
  }

  public var flags: BxDFFlags { .glossyReflection }

  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    guard sameHemisphere(wo, wi) else { return .black }
    // Same hemisphere, so wo + wi cannot vanish.
    let wh = normalize(wo + wi)
    // Negative when the light arrives from below the surface (wh then points down).
    let cosIH = wh.z < 0 ? -dot(wi, wh) : dot(wi, wh)
    let f = fresnel.evaluate(cosThetaI: cosIH)
    let scale = distribution.D(wh) * distribution.G(wo, wi)
      / (4 * absCosTheta(wo) * absCosTheta(wi))
    return reflectance * f * scale
  }

  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    if wo.z == 0 { return nil }
    let wh = distribution.sampleWh(wo: wo, u: u)
    let cosOH = dot(wo, wh)
    // A back-facing microfacet would mirror wo below the horizon anyway.
    guard cosOH > 0 else { return nil }
    let wi = reflect(wo, about: wh)
    guard sameHemisphere(wo, wi) else { return nil }
    let pdf = distribution.pdf(wo: wo, wh: wh) / (4 * cosOH)
    guard pdf > 0 else { return nil }
    return BxDFSample(f: evaluate(wo: wo, wi: wi), wi: wi, pdf: pdf, flags: .glossyReflection)
  }

  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    guard sameHemisphere(wo, wi) else { return 0 }
    let wh = normalize(wo + wi)
    return distribution.pdf(wo: wo, wh: wh) / (4 * dot(wo, wh))
  }
}
