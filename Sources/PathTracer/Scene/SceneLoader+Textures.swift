/// Reading tray_rust's `textures` and the material parameters that refer to them.
///
/// ```json
/// "textures": [
///   { "name": "wood", "type": "image", "file": "textures/wood.png" },
///   { "name": "fade", "type": "animated_image", "srgb": true,
///     "keyframes": [{ "time": 0, "file": "a.png" }, { "time": 2, "file": "b.png" }] },
///   { "name": "clip", "type": "movie", "file_prefix": "frames/f", "file_suffix": ".png",
///     "frames": 48, "framerate": 24 }
/// ]
/// ```
///
/// Every texture has a unique `name` and a `type`:
/// - `image`: the PNG `file` (relative to the scene file's folder).
/// - `animated_image`: at least two `keyframes`, each a `time` and a `file`;
///   see ``AnimatedTexture`` for the blending.
/// - `movie`: `frames` files named `file_prefix` + the frame number padded
///   with zeros to five digits + `file_suffix` (`frames/f00000.png`, …), frame
///   `i` shown at time `i / framerate`; then as `animated_image`.
///
/// And optionally `srgb` (this renderer's extension): `true` decodes 8-bit
/// values from sRGB to linear, right for photographs and paintings. The
/// default, `false`, divides them by 255 as tray_rust does, so that tray_rust
/// scenes keep their brightness and data such as roughness maps stays linear.
/// It applies to all three channels, so to scalar lookups (red) too.
///
/// Pictures are PNG files of any kind (grey, palette, 16-bit, …), converted
/// to 8-bit RGB; transparent pixels are composited over black (tray_rust
/// ignores alpha). See ``ImageTexture`` for how `(u, v)` maps to texels.
extension SceneLoader {
  /// The scene's textures, in file order, and their names.
  struct LoadedTextures {
    var table = TextureTable()
    var names = TextureNames()
  }

  /// Texture names, for material parameters that name a texture.
  struct TextureNames {
    /// Index into the scene's texture table, by name.
    var index: [String: Int] = [:]

    /// The index of the texture that the string at `node` names. Throws, at
    /// `node`, `unknown texture "wood"` and the names that do exist.
    func reference(_ node: JSONNode) throws(SceneError) -> Int {
      let name = try node.string()
      if let found = index[name] { return found }
      let known = index.sorted { $0.value < $1.value }.map { JSONValue.quoted($0.key) }
      let list = known.isEmpty ? "the scene defines no textures" : "defined textures: " + known.joined(separator: ", ")
      throw node.error("unknown texture \(JSONValue.quoted(name)); \(list)")
    }
  }

  /// `textures` (absent means none): each texture read, its images decoded.
  func readTextures(_ node: JSONNode?) throws(SceneError) -> LoadedTextures {
    var loaded = LoadedTextures()
    guard let node else { return loaded }
    for entry in try node.elements() {
      let nameNode = try entry.required("name")
      let name = try nameNode.string()
      guard loaded.names.index[name] == nil else {
        throw nameNode.error("a texture named \(JSONValue.quoted(name)) is already defined")
      }
      let texture = try texture(from: entry, storingDataIn: &loaded.table)
      loaded.names.index[name] = loaded.table.add(texture)
    }
    return loaded
  }

  /// One texture, by its `type`; its pictures and keyframes go into `table`.
  func texture(from node: JSONNode, storingDataIn table: inout TextureTable) throws(SceneError) -> Texture {
    let decodingSRGB = try node.optional("srgb")?.bool() ?? false
    let type = try node.required("type")
    switch try type.string() {
    case "image":
      let file = try node.required("file")
      let picture = try image(named: try file.string(), reportedAt: file)
      return .image(table.addImage(picture, decodingSRGB: decodingSRGB))

    case "animated_image":
      let keyframesNode = try node.required("keyframes")
      let entries = try keyframesNode.elements()
      guard entries.count >= 2 else {
        throw keyframesNode.error("an animated image needs at least 2 keyframes, found \(entries.count)")
      }
      var keyframes: [AnimatedTexture.Keyframe] = []
      for entry in entries {
        let time = try entry.required("time").float()
        let file = try entry.required("file")
        let picture = try image(named: try file.string(), reportedAt: file)
        keyframes.append(AnimatedTexture.Keyframe(time: time, image: table.addImage(picture, decodingSRGB: decodingSRGB)))
      }
      return .animated(table.addAnimation(keyframes))

    case "movie":
      let prefix = try node.required("file_prefix").string()
      let suffix = try node.required("file_suffix").string()
      let frameCount = try node.required("frames").positiveInt()
      let framerate = try node.required("framerate").positiveFloat()
      var keyframes: [AnimatedTexture.Keyframe] = []
      for frame in 0..<frameCount {
        let picture = try image(named: Self.movieFrameFile(prefix: prefix, frame: frame, suffix: suffix),
                                reportedAt: node)
        keyframes.append(AnimatedTexture.Keyframe(time: Float(frame) / framerate,
                                                  image: table.addImage(picture, decodingSRGB: decodingSRGB)))
      }
      return .animated(table.addAnimation(keyframes))

    case let other:
      throw type.error("unknown texture type \(JSONValue.quoted(other)); expected image, animated_image or movie")
    }
  }

  /// The file of a movie's frame: `prefix`, the frame number padded with
  /// zeros to at least five digits, `suffix` (tray_rust's `{:05}`).
  static func movieFrameFile(prefix: String, frame: Int, suffix: String) -> String {
    let digits = String(frame)
    return prefix + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + suffix
  }

  /// The PNG `file` (relative to the scene's folder). A file that cannot be
  /// read is reported at `node`: `cannot read "wood.png": No such file or directory`.
  func image(named file: String, reportedAt node: JSONNode) throws(SceneError) -> RGB8Image {
    let picture: RGB8Image
    do {
      picture = try RGB8Image.readPNG(from: resolve(file))
    } catch {
      throw node.error("cannot read \(JSONValue.quoted(file)): \(Self.reason(error))")
    }
    guard picture.width > 0, picture.height > 0 else {
      throw node.error("cannot read \(JSONValue.quoted(file)): the image has no pixels")
    }
    return picture
  }

  /// What went wrong with a PNG file, without its path (the caller names the file).
  private static func reason(_ error: PNGError) -> String {
    switch error {
    case .libpng(_, let message): message
    case .invalidImage(_, let reason), .unreadable(_, let reason): reason
    case .fileSystem: error.description
    }
  }

  // MARK: - Material parameters

  /// A colour parameter: `[r, g, b]` / `[r, g, b, s]` (see ``color(_:)``), or
  /// the name of a texture.
  static func texturedColor(_ node: JSONNode, textures: TextureNames) throws(SceneError) -> TexturedColor {
    if case .string = node.value { return .texture(try textures.reference(node)) }
    return .constant(try color(node))
  }

  /// What a constant scalar parameter must be.
  enum ScalarRange {
    /// Zero or more, like a roughness.
    case nonNegative
    /// More than zero, like an index of refraction.
    case positive
  }

  /// A number parameter (`roughness`, `eta`): a number in `range`, or the
  /// name of a texture, whose red channel gives the number.
  static func texturedScalar(_ node: JSONNode, textures: TextureNames,
                             range: ScalarRange) throws(SceneError) -> TexturedScalar {
    if case .string = node.value { return .texture(try textures.reference(node)) }
    switch range {
    case .nonNegative: return .constant(try node.nonNegativeFloat())
    case .positive: return .constant(try node.positiveFloat())
    }
  }
}
