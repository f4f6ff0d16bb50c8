/// The ideal diffuse reflector: light is scattered equally in all directions of
/// the hemisphere of `wo`, f = R / π.
///
/// Sampled with cosine-weighted directions, which makes the Monte Carlo weight
/// f |cos θi| / pdf exactly `reflectance` for every sample (zero variance from
/// the BxDF itself). Two-sided. 16 bytes; every call costs a few flops.
public struct Lambertian: BxDF {
  /// The fraction of light reflected (the albedo), per RGB channel.
  public var reflectance: Color

  @inlinable
  public init(reflectance: Color) {
    self.reflectance = reflectance
  }

  public var flags: BxDFFlags { .diffuseReflection }

  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    sameHemisphere(wo, wi) ? reflectance * (1 / Float.pi) : .black
  }

  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    var wi = cosineSampleHemisphere(u)
    // Two-sided: mirror the lobe to whichever side `wo` is on.
    if wo.z < 0 { wi.z = -wi.z }
    guard sameHemisphere(wo, wi) else { return nil }
    return BxDFSample(f: reflectance * (1 / Float.pi), wi: wi,
                      pdf: cosineHemispherePdf(cosTheta: absCosTheta(wi)),
                      flags: .diffuseReflection)
  }

  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    sameHemisphere(wo, wi) ? cosineHemispherePdf(cosTheta: absCosTheta(wi)) : 0
  }
}
