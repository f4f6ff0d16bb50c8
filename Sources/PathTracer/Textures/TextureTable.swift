/// All the textures of a scene, with their pictures' texels.
///
/// Everything is stored flat, in arrays of plain values: one pool of texels
/// for all pictures, one array of keyframes for all animations, and the
/// textures themselves, which only say where their data is. A lookup
/// therefore reads plain values from arrays owned by the (borrowed) table and
/// never copies a reference: no retain or release on a hot path shared by all
/// worker threads, where the atomic updates of a reference count would make
/// the threads fight over one cache line. (An array of pictures that each own
/// an array of texels would copy, and so retain, a picture on every lookup.)
///
/// Build a table with ``addImage(_:decodingSRGB:)`` (or
/// ``addImage(width:height:texels:)``), ``addAnimation(_:)`` and ``add(_:)``;
/// look textures up by the index ``add(_:)`` returns.
public struct TextureTable: Sendable {
  /// The textures, by the index that ``TexturedColor/texture(_:)`` uses.
  public private(set) var textures: [Texture] = []
  /// The keyframes of every animation, each animation's sorted by time.
  public private(set) var keyframes: [AnimatedTexture.Keyframe] = []
  /// The linear RGB texels of every picture, each picture's row by row.
  public private(set) var texels: [Color] = []

  /// An empty table.
  public init() {}

  /// The number of textures.
  public var count: Int { textures.count }

  /// The colour of texture `index` at `uv` and scene time `time`.
  /// Cost: one bilinear lookup, or for an animation a binary search and two.
  public func color(ofTexture index: Int, at uv: Point2, time: Float) -> Color {
    textures[index].color(at: uv, time: time, in: self)
  }

  /// A number from texture `index` at `uv` and `time`: the red channel of its
  /// colour, as tray_rust reads scalar textures. For pictures from files it
  /// lies in [0, 1].
  public func scalar(ofTexture index: Int, at uv: Point2, time: Float) -> Float {
    color(ofTexture: index, at: uv, time: time).r
  }

  // MARK: - Building

  /// Adds `texture` and returns its index, for ``TexturedColor/texture(_:)``.
  public mutating func add(_ texture: Texture) -> Int {
    textures.append(texture)
    return textures.count - 1
  }

  /// Stores a picture's texels (`width * height` linear colours, top row
  /// first) and returns the picture, ready for ``add(_:)`` or an animation.
  ///
  /// - Precondition: `width >= 1`, `height >= 1`, `texels.count == width * height`.
  public mutating func addImage(width: Int, height: Int, texels pictureTexels: [Color]) -> ImageTexture {
    require(pictureTexels.count == width * height, "\(pictureTexels.count) texels for \(width)×\(height)")
    let image = ImageTexture(firstTexel: texels.count, width: width, height: height)
    texels.append(contentsOf: pictureTexels)
    return image
  }

  /// Stores an 8-bit picture and returns it. With `decodingSRGB`, each byte
  /// is taken as sRGB-encoded and converted to linear (right for photographs
  /// and paintings); without, it is simply divided by 255 (tray_rust's
  /// behaviour, right for pictures of linear data such as roughness maps).
  ///
  /// Cost: one pass over the pixels; 16 bytes of table per texel.
  ///
  /// - Precondition: the picture has at least one pixel and `3 * width * height` bytes.
  public mutating func addImage(_ picture: RGB8Image, decodingSRGB: Bool) -> ImageTexture {
    require(picture.pixels.count == 3 * picture.width * picture.height, "malformed image")
    // 256 possible byte values: decode each once rather than once per texel.
    let linear = (0...255).map { byte in
      decodingSRGB ? SRGB.decode(Float(byte) / 255) : Float(byte) / 255
    }
    let bytes = picture.pixels
    let pictureTexels = (0..<(picture.width * picture.height)).map { index in
      Color(linear[Int(bytes[3 * index])], linear[Int(bytes[3 * index + 1])], linear[Int(bytes[3 * index + 2])])
    }
    return addImage(width: picture.width, height: picture.height, texels: pictureTexels)
  }

  /// Stores an animation's keyframes, sorted by time, and returns the
  /// animation. Keyframes of equal time keep their order (the sort is
  /// stable): the animation cuts from the first to the second.
  ///
  /// - Precondition: at least one keyframe (the scene format asks for two, as
  ///   tray_rust does; one is simply a still picture), each time finite.
  public mutating func addAnimation(_ animationKeyframes: [AnimatedTexture.Keyframe]) -> AnimatedTexture {
    require(animationKeyframes.allSatisfy { $0.time.isFinite }, "keyframe times must be finite")
    let start = keyframes.count
    keyframes.append(contentsOf: animationKeyframes.sorted { $0.time < $1.time })
    return AnimatedTexture(keyframes: start..<keyframes.count)
  }
}
