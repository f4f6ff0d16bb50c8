/// A statistical description of a rough surface as a field of tiny mirrors
/// ("microfacets") with normals `wh`, as used by ``TorranceSparrow`` and
/// ``MicrofacetTransmission``.
///
/// All vectors are unit length in the local shading frame (macro-surface normal
/// +Z). Conformers are isotropic, so only θ of a direction matters; they are
/// small `BitwiseCopyable` structs so that the BxDFs generic over them are too.
///
/// The functions and how they fit together:
/// - `D(wh)`: the density of microfacet normals per unit solid angle, normalized
///   so that the projected area of the microfacets is that of the macro-surface:
///   ∫ D(wh) cos θh dωh = 1 over the upper hemisphere.
/// - `lambda(w)`: Smith's auxiliary function Λ; the masking function is
///   G1(w) = 1 / (1 + Λ(w)), the fraction of microfacets visible from `w`.
///   Consistency with D means ∫ G1(w) max(0, w·wh) D(wh) dωh = cos θ.
/// - `sampleWh(wo:u:)` draws a microfacet normal; `pdf(wo:wh:)` is its density.
///   Both distributions here draw only the normals visible from `wo`, whose
///   density is ``visibleNormalPdf(wo:wh:)``.
public protocol MicrofacetDistribution: BitwiseCopyable, Sendable {
  /// The microfacet normal distribution D(wh); even in `wh` (depends on cos² θh).
  func D(_ wh: Vector3) -> Float

  /// Smith's Λ(w), with G1(w) = 1 / (1 + Λ(w)); depends only on |tan θ|.
  func lambda(_ w: Vector3) -> Float

  /// Draws a microfacet normal `wh` for a surface seen from `wo`, on the same
  /// side of the macro-surface as `wo` (so the lobe is mirrored for `wo.z < 0`).
  /// `u` is uniform in [0,1)^2.
  func sampleWh(wo: Vector3, u: Point2) -> Vector3

  /// The solid-angle density with which ``sampleWh(wo:u:)`` returns `wh`.
  /// `wh` may be given on either side; it is taken on the side of `wo`.
  func pdf(wo: Vector3, wh: Vector3) -> Float
}

extension MicrofacetDistribution {
  /// Smith's masking function: the fraction of the microfacets facing `w` that
  /// are not hidden by other microfacets when seen from `w`.
  @inlinable
  public func G1(_ w: Vector3) -> Float { 1 / (1 + lambda(w)) }

  /// The height-correlated Smith masking-shadowing function: the fraction of
  /// microfacets visible from both `wo` and `wi`. Symmetric in its arguments.
  @inlinable
  public func G(_ wo: Vector3, _ wi: Vector3) -> Float { 1 / (1 + lambda(wo) + lambda(wi)) }

  /// The density of the normals visible from `wo`, G1(wo) max(0, wo·wh) D(wh) / |cos θo|,
  /// for `wh` taken on the side of `wo`: the pdf of visible-normal sampling.
  /// It integrates to 1 over the hemisphere exactly when Λ is consistent with D.
  @inlinable
  public func visibleNormalPdf(wo: Vector3, wh: Vector3) -> Float {
    let cosThetaO = absCosTheta(wo)
    if cosThetaO == 0 { return 0 }
    // Take wh on wo's side; back-facing microfacets are never visible.
    let cosOH = wo.z * wh.z < 0 ? -dot(wo, wh) : dot(wo, wh)
    if cosOH <= 0 { return 0 }
    return G1(wo) * D(wh) * cosOH / cosThetaO
  }
}
