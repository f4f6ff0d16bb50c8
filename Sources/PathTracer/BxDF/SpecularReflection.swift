/// A perfect mirror: all light from `wo` leaves in the single mirror direction
/// (−wo.x, −wo.y, wo.z), scaled by a Fresnel term. tray_rust's `specular_metal`
/// (conductor Fresnel) and the reflecting half of `glass` (dielectric Fresnel).
///
/// A Dirac delta: `evaluate` and `pdf` are 0 and only `sample` finds the
/// direction, returning pdf 1 and f = R F(cos θi) / |cos θi|, so that the
/// integrator's f |cos θi| / pdf is R·F. The Fresnel term gets the signed
/// cos θi = wi.z, so a dielectric seen from inside (wo.z < 0) shows total
/// internal reflection. Cost: the Fresnel evaluation.
public struct SpecularReflection<Fresnel: FresnelTerm>: BxDF {
  /// A colour scale on the reflected light.
  public var reflectance: Color
  public var fresnel: Fresnel

  @inlinable
  public init(reflectance: Color, fresnel: Fresnel) {
    self.reflectance = reflectance
    self.fresnel = fresnel
  }

  public var flags: BxDFFlags { .specularReflection }

  /// Always black: the chance that an independently chosen `wi` is exactly the
  /// mirror direction is zero.
  public func evaluate(wo: Vector3, wi: Vector3) -> Color { .black }

  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    if wo.z == 0 { return nil }
    let wi = Vector3(-wo.x, -wo.y, wo.z)
    let f = fresnel.evaluate(cosThetaI: wi.z) * reflectance / absCosTheta(wi)
    return BxDFSample(f: f, wi: wi, pdf: 1, flags: .specularReflection)
  }

  public func pdf(wo: Vector3, wi: Vector3) -> Float { 0 }
}
