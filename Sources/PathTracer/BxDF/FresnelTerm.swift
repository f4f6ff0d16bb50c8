/// The Fresnel reflectance of a surface: the fraction of light reflected (rather
/// than transmitted or absorbed) as a function of the angle of incidence.
///
/// `cosThetaI` is the cosine between the incident direction and the normal (of
/// the macro-surface or of a microfacet). For ``FresnelDielectric`` its sign
/// says which side the light comes from; ``FresnelConductor`` and
/// ``FresnelNoOp`` ignore the sign. Conformers are small `BitwiseCopyable`
/// structs so that BxDFs generic over them stay `BitwiseCopyable`.
public protocol FresnelTerm: BitwiseCopyable, Sendable {
  /// The reflected fraction per RGB channel, each in [0, 1].
  func evaluate(cosThetaI: Float) -> Color
}
