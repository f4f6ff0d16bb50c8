/// A ``FresnelTerm`` for a boundary between two dielectrics, which also says
/// what the two refractive indices are: a BxDF that refracts
/// (``MicrofacetTransmission``) needs them for Snell's law, and must use the
/// same ones as its Fresnel term.
///
/// ``FresnelDielectric`` conforms, and so does a ``Shared`` one, which lets
/// the reflection and transmission of rough glass use a single Fresnel term.
public protocol DielectricFresnelTerm: FresnelTerm {
  /// Refractive index on the outside (the side the normal points to, +Z).
  var etaI: Float { get }
  /// Refractive index on the inside (−Z).
  var etaT: Float { get }
  /// The reflected fraction, the same for every channel. A positive
  /// `cosThetaI` means the light arrives from outside, a negative one from inside.
  func reflectance(cosThetaI: Float) -> Float
}

extension FresnelDielectric: DielectricFresnelTerm {}
