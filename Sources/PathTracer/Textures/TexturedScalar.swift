/// A material's number parameter (roughness, index of refraction): either a
/// constant or a texture of the scene, whose red channel gives the number.
///
/// The scalar counterpart of ``TexturedColor``, with the same reasons for
/// being an index rather than a texture. A number literal makes a constant,
/// so `Material.matte(diffuse: .white, roughness: 0)` reads naturally.
///
/// In a scene file, `"roughness": 0.2` is a constant and `"roughness": "bumps"`
/// refers to the texture named `bumps` (values in [0, 1], from its red channel).
public enum TexturedScalar: Sendable, BitwiseCopyable, Equatable,
                            ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
  /// The same number everywhere.
  case constant(Float)
  /// The texture at this index of the scene's ``TextureTable``.
  case texture(Int)

  public init(floatLiteral value: Float) { self = .constant(value) }
  public init(integerLiteral value: Int) { self = .constant(Float(value)) }

  /// The number at `uv` and `time`, looking textures up in `textures`.
  /// Cost: a branch for a constant, a texture lookup otherwise.
  public func value(at uv: Point2, time: Float, textures: borrowing TextureTable) -> Float {
    switch self {
    case .constant(let number): number
    case .texture(let index): textures.scalar(ofTexture: index, at: uv, time: time)
    }
  }
}
