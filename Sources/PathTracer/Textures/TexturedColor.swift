/// A material's colour parameter: either a constant or a texture of the scene.
///
/// Materials hold this rather than a texture itself so that they stay small
/// plain values (`BitwiseCopyable`): building a BSDF from a constant costs a
/// branch, and even a textured lookup touches no reference counts, because the
/// texture is reached through the scene's table, passed in borrowed.
///
/// In a scene file, `"diffuse": [0.8, 0.2, 0.2]` is a constant and
/// `"diffuse": "wood"` refers to the texture named `wood`.
public enum TexturedColor: Sendable, BitwiseCopyable, Equatable {
  /// The same colour everywhere.
  case constant(Color)
  /// The texture at this index of the scene's ``TextureTable``.
  case texture(Int)

  public static let black = TexturedColor.constant(.black)
  public static let white = TexturedColor.constant(.white)

  /// The colour at `uv` and `time`, looking textures up in `textures` (the
  /// scene's table; it may be empty when nothing is textured).
  /// Cost: a branch for a constant, a texture lookup otherwise.
  public func value(at uv: Point2, time: Float, textures: borrowing TextureTable) -> Color {
    switch self {
    case .constant(let color): color
    case .texture(let index): textures.color(ofTexture: index, at: uv, time: time)
    }
  }
}
