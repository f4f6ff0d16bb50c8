/// A rough diffuse reflector: the qualitative Oren-Nayar model (Oren and Nayar
/// 1994, in the form given by pbrt), for a surface of tiny V-shaped Lambertian
/// facets whose slopes have standard deviation σ.
///
/// f = R/π · (A + B · max(0, cos(φi − φo)) · sin α · tan β), with α = max(θi, θo),
/// β = min(θi, θo), A = 1 − σ² / (2(σ² + 0.33)), B = 0.45 σ² / (σ² + 0.09).
/// At σ = 0 it is exactly ``Lambertian``; rougher surfaces look flatter, with more
/// back-scattering toward the light. Sampled like Lambertian (cosine-weighted).
/// Two-sided. 24 bytes; each evaluation costs about 20 flops and one square root.
public struct OrenNayar: BxDF {
  /// The diffuse reflectance R of the facets.
  public var reflectance: Color
  /// The constant term A = 1 − σ² / (2(σ² + 0.33)), precomputed: with B, the
  /// only way σ enters the formula.
  public var a: Float
  /// The back-scattering term B = 0.45 σ² / (σ² + 0.09), precomputed.
  public var b: Float

  /// - Parameters:
  ///   - reflectance: the facets' albedo.
  ///   - sigmaDegrees: the standard deviation of the facet slope angle, in
  ///     degrees (tray_rust's `roughness` for a matte material).
  public init(reflectance: Color, sigmaDegrees: Float) {
    let sigma = sigmaDegrees.radians
    let sigma2 = sigma * sigma
    self.reflectance = reflectance
    a = 1 - sigma2 / (2 * (sigma2 + 0.33))
    b = 0.45 * sigma2 / (sigma2 + 0.09)
  }

  public var flags: BxDFFlags { .diffuseReflection }

  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    guard sameHemisphere(wo, wi) else { return .black }
    let sinThetaI = sinTheta(wi)
    let sinThetaO = sinTheta(wo)
    // cos(φi − φo) from the tangent-plane components, without computing angles.
    var maxCos: Float = 0
    if sinThetaI > 1e-4 && sinThetaO > 1e-4 {
      let cosPhiDifference = (wi.x * wo.x + wi.y * wo.y) / (sinThetaI * sinThetaO)
      maxCos = max(0, cosPhiDifference)
    }
    // sin α and tan β, where α is the larger polar angle and β the smaller one.
    let sinAlpha: Float
    let tanBeta: Float
    if absCosTheta(wi) > absCosTheta(wo) {
      sinAlpha = sinThetaO
      tanBeta = sinThetaI / absCosTheta(wi)
    } else {
      sinAlpha = sinThetaI
      tanBeta = sinThetaO / absCosTheta(wo)
    }
    return reflectance * ((1 / Float.pi) * (a + b * maxCos * sinAlpha * tanBeta))
  }

  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    var wi = cosineSampleHemisphere(u)
    if wo.z < 0 { wi.z = -wi.z }
    guard sameHemisphere(wo, wi) else { return nil }
    return BxDFSample(f: evaluate(wo: wo, wi: wi), wi: wi,
                      pdf: cosineHemispherePdf(cosTheta: absCosTheta(wi)),
                      flags: .diffuseReflection)
  }

  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    sameHemisphere(wo, wi) ? cosineHemispherePdf(cosTheta: absCosTheta(wi)) : 0
  }
}
