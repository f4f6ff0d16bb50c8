/// Which microfacet distribution a rough material uses: the scene file's
/// optional `"distribution"` key on `plastic`, `metal` and `rough_glass`.
///
/// tray_rust always uses Beckmann; `"ggx"` is this renderer's extension,
/// for the longer highlight tails of GGX. In both, tray_rust's `roughness`
/// is the distribution's α.
public enum MicrofacetModel: String, Sendable, BitwiseCopyable, CaseIterable {
  /// ``BeckmannDistribution``: tray_rust's choice, and the default.
  case beckmann
  /// ``GGXDistribution`` (Trowbridge-Reitz).
  case ggx

  /// The smallest α a rough material uses. α = 0 would be a mirror, which a
  /// microfacet model cannot represent (D becomes a delta); a mirror is
  /// `specular_metal` or `glass`.
  public static let smallestAlpha: Float = 0.001
}
