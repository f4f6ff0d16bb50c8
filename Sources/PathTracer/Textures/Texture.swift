/// A texture of the scene: a picture, or pictures that change over time.
///
/// Like its cases, a `Texture` is a small plain value that refers to its
/// data in a ``TextureTable`` by index; materials in turn refer to textures by
/// their index in the table (see ``TexturedColor`` and ``TexturedScalar``).
public enum Texture: Sendable, BitwiseCopyable, Equatable {
  /// A still picture (`"type": "image"`).
  case image(ImageTexture)
  /// Pictures blended over time (`"animated_image"` and `"movie"`).
  case animated(AnimatedTexture)

  /// The colour at surface coordinates `uv` at scene time `time` (which still
  /// pictures ignore), reading data from `table`. Cost: one or two bilinear lookups.
  public func color(at uv: Point2, time: Float, in table: borrowing TextureTable) -> Color {
    switch self {
    case .image(let image): image.color(at: uv, in: table)
    case .animated(let animation): animation.color(at: uv, time: time, in: table)
    }
  }
}
