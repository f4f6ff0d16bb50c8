import Foundation
import LightArena
import Testing
@testable import PathTracer

// MARK: - Fixtures

/// A fresh folder under /tmp for texture files, removed when the value goes
/// away. Each test makes its own, so tests can run in parallel.
final class TextureFolder {
  let path: String

  init() throws {
    var template = Array("/tmp/texture-tests-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
    path = String(cString: created)
  }

  /// Writes `image` as the PNG file `name` (which may contain folders) and
  /// returns its full path.
  @discardableResult
  func write(_ image: RGB8Image, as name: String) throws -> String {
    let file = path + "/" + name
    let folder = (file as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try image.writePNG(to: file)
    return file
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// An 8-bit picture whose pixel `(x, y)` (row 0 at the top) is `pixel(x, y)`.
func picture(width: Int, height: Int, _ pixel: (Int, Int) -> SIMD3<UInt8>) -> RGB8Image {
  var image = RGB8Image(width: width, height: height)
  for y in 0..<height {
    for x in 0..<width { image[x, y] = pixel(x, y) }
  }
  return image
}

/// A picture of one grey level.
func flatPicture(_ level: UInt8, width: Int = 2, height: Int = 2) -> RGB8Image {
  picture(width: width, height: height) { _, _ in SIMD3(repeating: level) }
}

/// A small valid scene whose materials and textures are the given JSON
/// (without brackets): a sphere of material `ball` and a point light.
func sceneWithTextures(_ textures: String, materials: String) -> String {
  """
  {
    "film": { "width": 4, "height": 4, "samples": 1,
              "filter": { "type": "gaussian", "width": 0.5, "height": 0.5, "alpha": 0.01 } },
    "camera": { "fov": 30, "transform": [{ "type": "translate", "translation": [0, 0, -10] }] },
    "integrator": { "type": "pathtracer", "min_depth": 0, "max_depth": 0 },
    "textures": [\(textures)],
    "materials": [\(materials)],
    "objects": [
      { "name": "ball", "type": "receiver", "material": "ball", "geometry": { "type": "sphere", "radius": 1 } },
      { "name": "light", "type": "emitter", "emitter": "point", "emission": [1, 1, 1],
        "transform": [{ "type": "translate", "translation": [0, 0, -5] }] }
    ]
  }
  """
}

/// A matte material named `ball` with the given diffuse colour (JSON).
func matteBall(diffuse: String, roughness: String = "0") -> String {
  "{ \"name\": \"ball\", \"type\": \"matte\", \"diffuse\": \(diffuse), \"roughness\": \(roughness) }"
}

/// The grey table the lookup tests use: 2 × 2 texels of grey 0, 1 (top row)
/// and 2, 4 (bottom row), values chosen so that every blend is exact in binary.
func twoByTwoTable() -> (TextureTable, Int) {
  var table = TextureTable()
  let image = table.addImage(width: 2, height: 2,
                             texels: [Color(gray: 0), Color(gray: 1), Color(gray: 2), Color(gray: 4)])
  let index = table.add(.image(image))
  return (table, index)
}

// MARK: - Lookups

@Suite("Textures")
struct TextureTests {
  @Test("texel (i, j) is found exactly at u = i / width, v = j / height, as in tray_rust")
  func texelPositions() {
    var table = TextureTable()
    let texels = (0..<8).map { Color(Float($0), Float($0) * 10, Float($0) * 100) }
    let image = table.addImage(width: 4, height: 2, texels: texels)
    for j in 0..<2 {
      for i in 0..<4 {
        #expect(image.color(at: Point2(Float(i) / 4, Float(j) / 2), in: table) == texels[j * 4 + i])
        #expect(image.texel(i, j, in: table) == texels[j * 4 + i])
      }
    }
  }

  @Test("between texels the four neighbours are blended bilinearly",
        arguments: [
          (Point2(0.25, 0), Float(0.5)),      // halfway along the top row: (0 + 1) / 2
          (Point2(0.125, 0), Float(0.25)),    // a quarter of the way
          (Point2(0, 0.25), Float(1)),        // halfway down the left column: (0 + 2) / 2
          (Point2(0.25, 0.25), Float(1.75)),  // the middle: (0 + 1 + 2 + 4) / 4
          (Point2(0.25, 0.375), Float(2.375)),  // top 0.5, bottom 3, three quarters down
        ])
  func bilinearBlend(uv: Point2, expected: Float) {
    let (table, index) = twoByTwoTable()
    #expect(table.color(ofTexture: index, at: uv, time: 0) == Color(gray: expected))
  }

  @Test("outside the image, and on the last column and row, lookups take the border texels",
        arguments: [
          (Point2(-0.5, 0), Float(0)), (Point2(-3, -3), Float(0)),
          (Point2(1, 0), Float(1)), (Point2(0.75, 0), Float(1)), (Point2(7, -1), Float(1)),
          (Point2(0, 1), Float(2)), (Point2(1, 1), Float(4)), (Point2(0.9, 0.9), Float(4)),
          (Point2(.nan, .nan), Float(0)), (Point2(.infinity, -.infinity), Float(1)),
        ])
  func clamping(uv: Point2, expected: Float) {
    let (table, index) = twoByTwoTable()
    #expect(table.color(ofTexture: index, at: uv, time: 0) == Color(gray: expected))
  }

  @Test("a scalar lookup is the red channel of the colour")
  func scalarIsRed() {
    var table = TextureTable()
    let image = table.addImage(width: 2, height: 1, texels: [Color(0.25, 0.5, 1), Color(0.75, 0, 0)])
    let index = table.add(.image(image))
    #expect(table.scalar(ofTexture: index, at: Point2(0, 0), time: 0) == 0.25)
    #expect(table.scalar(ofTexture: index, at: Point2(0.25, 0), time: 0) == 0.5)
    #expect(TexturedScalar.texture(index).value(at: Point2(0.5, 0), time: 0, textures: table) == 0.75)
    #expect(TexturedScalar.constant(3).value(at: Point2(0.5, 0), time: 0, textures: table) == 3)
    #expect(TexturedColor.texture(index).value(at: Point2(0, 0), time: 0, textures: table) == Color(0.25, 0.5, 1))
  }

  @Test("an animation blends the keyframes around the time, sorted by time, and holds its ends",
        arguments: [
          (Float(-5), Float(0.25)), (Float(1), Float(0.25)), (Float(1.5), Float(0.375)), (Float(2), Float(0.5)),
          (Float(3), Float(0.75)), (Float(3.5), Float(0.875)), (Float(4), Float(1)), (Float(100), Float(1)),
        ])
  func animation(time: Float, expected: Float) {
    var table = TextureTable()
    func grey(_ level: Float) -> ImageTexture {
      table.addImage(width: 1, height: 1, texels: [Color(gray: level)])
    }
    // Given out of order: the table sorts them.
    let keyframes = [AnimatedTexture.Keyframe(time: 3, image: grey(0.75)),
                     AnimatedTexture.Keyframe(time: 1, image: grey(0.25)),
                     AnimatedTexture.Keyframe(time: 4, image: grey(1))]
    let animation = table.addAnimation(keyframes)
    let index = table.add(.animated(animation))
    #expect(table.keyframes.map(\.time) == [1, 3, 4])
    #expect(table.color(ofTexture: index, at: Point2(0.5, 0.5), time: time) == Color(gray: expected))
  }

  @Test("keyframes at the same time cut from the first listed to the second")
  func cut() {
    var table = TextureTable()
    let black = table.addImage(width: 1, height: 1, texels: [.black])
    let white = table.addImage(width: 1, height: 1, texels: [.white])
    let animation = table.addAnimation([.init(time: 0, image: black), .init(time: 1, image: black),
                                        .init(time: 1, image: white), .init(time: 2, image: white)])
    let index = table.add(.animated(animation))
    #expect(table.color(ofTexture: index, at: .zero, time: 0.999) == .black)
    #expect(table.color(ofTexture: index, at: .zero, time: 1) == .white)
  }

  @Test("a textured material's BSDF holds the colours and numbers found at the hit's uv")
  func materialLooksUpAtUV() {
    var table = TextureTable()
    let colours = table.add(.image(table.addImage(width: 2, height: 1, texels: [Color(1, 0, 0), Color(0, 1, 0)])))
    let numbers = table.add(.image(table.addImage(width: 2, height: 1, texels: [Color(gray: 0), Color(gray: 30)])))
    var hit = upwardHit
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      // Left texel: red, roughness 0, so Lambertian.
      hit.uv = Point2(0, 0)
      let left: BSDF<ArenaBxDFs> = Material.matte(diffuse: .texture(colours), roughness: .texture(numbers))
        .bsdf(at: hit, time: 0, textures: table, alloc: alloc)
      #expect(isType(left.components[0].metatype, Lambertian.self))
      #expect(left.components[0].load(as: Lambertian.self).reflectance == Color(1, 0, 0))
      // Right texel: green, roughness 30 degrees, so Oren-Nayar.
      hit.uv = Point2(0.5, 0)
      let right: BSDF<ArenaBxDFs> = Material.matte(diffuse: .texture(colours), roughness: .texture(numbers))
        .bsdf(at: hit, time: 0, textures: table, alloc: alloc)
      #expect(isType(right.components[0].metatype, OrenNayar.self))
      let orenNayar = right.components[0].load(as: OrenNayar.self)
      let expected = OrenNayar(reflectance: Color(0, 1, 0), sigmaDegrees: 30)
      #expect(orenNayar.reflectance == expected.reflectance && orenNayar.a == expected.a && orenNayar.b == expected.b)
    }
  }

  @Test("textures and the values that refer to them are plain values; a material stays one")
  func plainValues() {
    // The compiler checks BitwiseCopyable; this checks the sizes stay small.
    #expect(MemoryLayout<TexturedColor>.size <= 17)
    #expect(MemoryLayout<TexturedScalar>.size <= 9)
    #expect(MemoryLayout<Texture>.size <= 25)
    func isBitwiseCopyable<T: BitwiseCopyable>(_: T.Type) -> Bool { true }
    #expect(isBitwiseCopyable(Material.self) && isBitwiseCopyable(Texture.self))
  }
}

// MARK: - Scene files

@Suite("Textures in scene files")
struct TextureLoadingTests {
  @Test("u = 0 is the PNG's left column and v = 0 its top row")
  func orientation() throws {
    let folder = try TextureFolder()
    // Top-left red, top-right green, bottom-left blue, bottom-right white.
    try folder.write(picture(width: 2, height: 2) { x, y in
      [SIMD3<UInt8>(255, 0, 0), SIMD3(0, 255, 0), SIMD3(0, 0, 255), SIMD3(255, 255, 255)][y * 2 + x]
    }, as: "corners.png")
    let text = sceneWithTextures("{ \"name\": \"corners\", \"type\": \"image\", \"file\": \"corners.png\" }",
                                 materials: matteBall(diffuse: "\"corners\""))
    let scene = try SceneLoader.parse(text, fileName: "scene.json", directory: folder.path)
    guard case .matte(let diffuse, _) = scene.materials[0] else {
      Issue.record("expected a matte material")
      return
    }
    #expect(diffuse == .texture(0))
    let textures = scene.textures
    func lookup(_ u: Float, _ v: Float) -> Color { textures.color(ofTexture: 0, at: Point2(u, v), time: 0) }
    #expect(lookup(0, 0) == Color(1, 0, 0))
    #expect(lookup(0.5, 0) == Color(0, 1, 0))
    #expect(lookup(0, 0.5) == Color(0, 0, 1))
    #expect(lookup(1, 1) == Color(1, 1, 1))
  }

  @Test("8-bit values are divided by 255 by default, and decoded from sRGB with \"srgb\": true",
        arguments: [nil, false, true] as [Bool?])
  func srgbDecoding(srgb: Bool?) throws {
    let folder = try TextureFolder()
    try folder.write(picture(width: 3, height: 1) { x, _ in SIMD3(repeating: [0, 128, 255][x]) }, as: "ramp.png")
    let option = srgb.map { ", \"srgb\": \($0)" } ?? ""
    let text = sceneWithTextures("{ \"name\": \"ramp\", \"type\": \"image\", \"file\": \"ramp.png\"\(option) }",
                                 materials: matteBall(diffuse: "\"ramp\""))
    let scene = try SceneLoader.parse(text, fileName: "scene.json", directory: folder.path)
    let middle = scene.textures.color(ofTexture: 0, at: Point2(1.0 / 3, 0), time: 0)
    let expected: Float = srgb == true ? SRGB.decode(128 / 255) : 128 / 255
    #expect(middle == Color(gray: expected))
    #expect(srgb != true || abs(expected - 0.2158605) < 1e-6)  // the sRGB curve, not the identity
    #expect(scene.textures.color(ofTexture: 0, at: Point2(0, 0), time: 0) == .black)
    #expect(scene.textures.color(ofTexture: 0, at: Point2(1, 0), time: 0) == .white)
  }

  @Test("every colour and roughness and eta may name a texture; constants stay constants")
  func texturedParameters() throws {
    let folder = try TextureFolder()
    try folder.write(flatPicture(100), as: "grey.png")
    let silverTexture = "\"refractive_index\": \"a\", \"absorption_coefficient\": \"b\""
    let materials = [
      matteBall(diffuse: "\"a\"", roughness: "\"b\""),
      "{ \"name\": \"plastic\", \"type\": \"plastic\", \"diffuse\": [1, 0, 0], \"gloss\": \"b\", \"roughness\": \"a\" }",
      "{ \"name\": \"metal\", \"type\": \"metal\", \(silverTexture), \"roughness\": \"a\" }",
      "{ \"name\": \"mirror\", \"type\": \"specular_metal\", \(silverTexture) }",
      "{ \"name\": \"glass\", \"type\": \"glass\", \"reflect\": \"a\", \"transmit\": \"b\", \"eta\": \"a\" }",
      "{ \"name\": \"frost\", \"type\": \"rough_glass\", \"reflect\": \"b\", \"transmit\": [1, 1, 1], \"eta\": \"b\", \"roughness\": \"a\" }",
    ]
    let textures = """
      { "name": "a", "type": "image", "file": "grey.png" }, { "name": "b", "type": "image", "file": "grey.png" }
      """
    let scene = try SceneLoader.parse(sceneWithTextures(textures, materials: materials.joined(separator: ", ")),
                                      fileName: "scene.json", directory: folder.path)
    let (a, b) = (TexturedColor.texture(0), TexturedColor.texture(1))
    let (scalarA, scalarB) = (TexturedScalar.texture(0), TexturedScalar.texture(1))
    #expect(scene.textures.count == 2)
    guard case let .matte(diffuse, roughness) = scene.materials[0],
          case let .plastic(plasticDiffuse, gloss, plasticRoughness, _) = scene.materials[1],
          case let .metal(eta, k, metalRoughness, _) = scene.materials[2],
          case let .specularMetal(mirrorEta, mirrorK) = scene.materials[3],
          case let .glass(reflect, transmit, glassEta) = scene.materials[4],
          case let .roughGlass(frostReflect, frostTransmit, frostEta, frostRoughness, _) = scene.materials[5]
    else {
      Issue.record("unexpected material types: \(scene.materials)")
      return
    }
    #expect(diffuse == a && roughness == scalarB)
    #expect(plasticDiffuse == .constant(Color(1, 0, 0)) && gloss == b && plasticRoughness == scalarA)
    #expect(eta == a && k == b && metalRoughness == scalarA)
    #expect(mirrorEta == a && mirrorK == b)
    #expect(reflect == a && transmit == b && glassEta == scalarA)
    #expect(frostReflect == b && frostTransmit == .white && frostEta == scalarB && frostRoughness == scalarA)
  }

  @Test("an animated_image loads its keyframes, in time order, relative to the scene's folder")
  func animatedImage() throws {
    let folder = try TextureFolder()
    try folder.write(flatPicture(0), as: "frames/black.png")
    try folder.write(flatPicture(255), as: "frames/white.png")
    let texture = """
      { "name": "fade", "type": "animated_image",
        "keyframes": [{ "time": 2, "file": "frames/white.png" }, { "time": 0, "file": "frames/black.png" }] }
      """
    let scene = try SceneLoader.parse(sceneWithTextures(texture, materials: matteBall(diffuse: "\"fade\"")),
                                      fileName: "scene.json", directory: folder.path)
    func grey(at time: Float) -> Float { scene.textures.color(ofTexture: 0, at: Point2(0.3, 0.7), time: time).g }
    #expect(grey(at: -1) == 0 && grey(at: 0) == 0)
    #expect(grey(at: 0.5) == 0.25 && grey(at: 1) == 0.5)
    #expect(grey(at: 2) == 1 && grey(at: 9) == 1)
  }

  @Test("movie frame i is the file prefix + i padded to five digits + suffix")
  func movieFileNames() {
    #expect(SceneLoader.movieFrameFile(prefix: "frames/f", frame: 0, suffix: ".png") == "frames/f00000.png")
    #expect(SceneLoader.movieFrameFile(prefix: "frames/f", frame: 42, suffix: ".png") == "frames/f00042.png")
    #expect(SceneLoader.movieFrameFile(prefix: "", frame: 123_456, suffix: "") == "123456")
  }

  @Test("a movie shows frame i at time i / framerate and blends in between")
  func movie() throws {
    let folder = try TextureFolder()
    for (frame, level) in [(0, UInt8(0)), (1, 100), (2, 200)] {
      try folder.write(flatPicture(level), as: "clip/f0000\(frame).png")
    }
    let texture = """
      { "name": "clip", "type": "movie", "file_prefix": "clip/f", "file_suffix": ".png", "frames": 3, "framerate": 2 }
      """
    let scene = try SceneLoader.parse(sceneWithTextures(texture, materials: matteBall(diffuse: "\"clip\"")),
                                      fileName: "scene.json", directory: folder.path)
    #expect(scene.textures.keyframes.map(\.time) == [0, 0.5, 1])
    func grey(at time: Float) -> Float { scene.textures.color(ofTexture: 0, at: Point2(0.5, 0.5), time: time).r }
    #expect(grey(at: 0.5) == Float(100) / 255)
    #expect(grey(at: 1) == Float(200) / 255 && grey(at: 5) == Float(200) / 255)
    #expect(abs(grey(at: 0.25) - Float(50) / 255) < 1e-6)
  }

  /// The files the error cases may refer to: `ok.png` exists, `junk.png` is not a PNG.
  static func errorFolder() throws -> TextureFolder {
    let folder = try TextureFolder()
    try folder.write(flatPicture(128), as: "ok.png")
    try folder.write(flatPicture(128), as: "clip/f00000.png")
    try folder.write(flatPicture(128), as: "clip/f00001.png")
    try Data("not a picture".utf8).write(to: URL(fileURLWithPath: folder.path + "/junk.png"))
    return folder
  }

  @Test("mistakes in textures are reported with the file and the JSON path",
        arguments: [
          ("{ \"name\": \"t\", \"type\": \"image\", \"file\": \"missing.png\" }", matteBall(diffuse: "\"t\""),
           "scene.json: textures[0].file: cannot read \"missing.png\": No such file or directory"),
          ("{ \"name\": \"t\", \"type\": \"image\", \"file\": \"junk.png\" }", matteBall(diffuse: "\"t\""),
           "scene.json: textures[0].file: cannot read \"junk.png\": "),
          ("{ \"name\": \"t\", \"type\": \"image\", \"file\": \"ok.png\" }, { \"name\": \"t\", \"type\": \"image\", \"file\": \"ok.png\" }",
           matteBall(diffuse: "\"t\""),
           "scene.json: textures[1].name: a texture named \"t\" is already defined"),
          ("{ \"name\": \"t\", \"type\": \"image\", \"file\": \"ok.png\" }, { \"name\": \"u\", \"type\": \"image\", \"file\": \"ok.png\" }",
           matteBall(diffuse: "\"oak\""),
           "scene.json: materials[0].diffuse: unknown texture \"oak\"; defined textures: \"t\", \"u\""),
          ("{ \"name\": \"t\", \"type\": \"image\", \"file\": \"ok.png\" }", matteBall(diffuse: "[1, 1, 1]", roughness: "\"bumps\""),
           "scene.json: materials[0].roughness: unknown texture \"bumps\"; defined textures: \"t\""),
          ("{ \"name\": \"t\", \"type\": \"animated_image\", \"keyframes\": [{ \"time\": 0, \"file\": \"ok.png\" }] }",
           matteBall(diffuse: "\"t\""),
           "scene.json: textures[0].keyframes: an animated image needs at least 2 keyframes, found 1"),
          ("{ \"name\": \"t\", \"type\": \"animated_image\", \"keyframes\": [{ \"time\": 0, \"file\": \"ok.png\" }, { \"time\": 1, \"file\": \"b.png\" }] }",
           matteBall(diffuse: "\"t\""),
           "scene.json: textures[0].keyframes[1].file: cannot read \"b.png\": No such file or directory"),
          ("{ \"name\": \"t\", \"type\": \"animated_image\", \"keyframes\": [{ \"file\": \"ok.png\" }, { \"time\": 1, \"file\": \"ok.png\" }] }",
           matteBall(diffuse: "\"t\""),
           "scene.json: textures[0].keyframes[0]: missing required key \"time\""),
          ("{ \"name\": \"t\", \"type\": \"movie\", \"file_prefix\": \"clip/f\", \"file_suffix\": \".png\", \"frames\": 0, \"framerate\": 24 }",
           matteBall(diffuse: "\"t\""),
           "scene.json: textures[0].frames: must be greater than zero, found 0"),
          ("{ \"name\": \"t\", \"type\": \"movie\", \"file_prefix\": \"clip/f\", \"file_suffix\": \".png\", \"frames\": 2, \"framerate\": 0 }",
           matteBall(diffuse: "\"t\""),
           "scene.json: textures[0].framerate: must be greater than zero, found 0"),
          ("{ \"name\": \"t\", \"type\": \"movie\", \"file_prefix\": \"clip/f\", \"file_suffix\": \".png\", \"frames\": 3, \"framerate\": 24 }",
           matteBall(diffuse: "\"t\""),
           "scene.json: textures[0]: cannot read \"clip/f00002.png\": No such file or directory"),
          ("{ \"name\": \"t\", \"type\": \"noise\" }", matteBall(diffuse: "\"t\""),
           "scene.json: textures[0].type: unknown texture type \"noise\"; expected image, animated_image or movie"),
          ("{ \"name\": \"t\", \"type\": \"image\", \"file\": \"ok.png\", \"srgb\": \"yes\" }", matteBall(diffuse: "\"t\""),
           "scene.json: textures[0].srgb: expected true or false, found \"yes\""),
          ("{ \"type\": \"image\", \"file\": \"ok.png\" }", matteBall(diffuse: "\"t\""),
           "scene.json: textures[0]: missing required key \"name\""),
        ])
  func errors(textures: String, material: String, expected: String) throws {
    let folder = try Self.errorFolder()
    do {
      _ = try SceneLoader.parse(sceneWithTextures(textures, materials: material), fileName: "scene.json",
                                directory: folder.path)
      Issue.record("expected an error starting with: \(expected)")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }

  @Test("a light's emission cannot be a texture")
  func emissionIsNotTextured() {
    let text = sceneWithTextures("", materials: matteBall(diffuse: "[1, 1, 1]"))
      .replacingOccurrences(of: "\"emission\": [1, 1, 1]", with: "\"emission\": \"glow\"")
    do {
      _ = try SceneLoader.parse(text, fileName: "scene.json")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("scene.json: objects[1].emission: expected an array of 3 or 4 numbers"),
              "\(error.description)")
    }
  }
}

// MARK: - Rendering

/// A 2 × 2 plane at the origin seen head-on from z = −10 through a view just
/// inside it, lit by a large light behind the camera, with the given diffuse
/// colour (JSON) and textures. The plane's u grows to the right (+x) and its
/// v upward (+y) in the image.
func texturedPlaneScene(textures: String, diffuse: String, size: Int = 8, samples: Int = 4) -> String {
  """
  {
    "film": { "width": \(size), "height": \(size), "samples": \(samples),
              "filter": { "type": "gaussian", "width": 0.5, "height": 0.5, "alpha": 0.01 } },
    "camera": { "fov": 10, "transform": [{ "type": "translate", "translation": [0, 0, -10] }] },
    "integrator": { "type": "pathtracer", "min_depth": 0, "max_depth": 0 },
    "textures": [\(textures)],
    "materials": [
      { "name": "plane", "type": "matte", "diffuse": \(diffuse), "roughness": 0 },
      { "name": "black", "type": "matte", "diffuse": [0, 0, 0], "roughness": 0 }
    ],
    "objects": [
      { "name": "plane", "type": "receiver", "material": "plane", "geometry": { "type": "plane" } },
      { "name": "light", "type": "emitter", "emitter": "area", "material": "black", "emission": [1, 1, 1],
        "geometry": { "type": "rectangle", "width": 40, "height": 40 },
        "transform": [{ "type": "translate", "translation": [0, 0, -20] }] }
    ]
  }
  """
}

@Suite("Textures in renders")
struct TextureRenderTests {
  @Test("on a plane seen head-on, the picture's left half shows on the left and its top row at the bottom (tray_rust's v)")
  func texturedPlane() throws {
    let folder = try TextureFolder()
    // 16 × 16: left half red, right half green; the top four rows blue instead.
    try folder.write(picture(width: 16, height: 16) { x, y in
      y < 4 ? SIMD3(0, 0, 255) : x < 8 ? SIMD3(255, 0, 0) : SIMD3(0, 255, 0)
    }, as: "halves.png")
    let text = texturedPlaneScene(textures: "{ \"name\": \"halves\", \"type\": \"image\", \"file\": \"halves.png\" }",
                                  diffuse: "\"halves\"")
    let scene = try SceneLoader.parse(text, fileName: "plane.json", directory: folder.path)
    let (image, report) = Renderer.render(scene)
    #expect(report.droppedSamples == 0)
    func pixel(_ x: Int, _ y: Int) -> Color { image[y * 8 + x] }
    // The view spans u, v ∈ [0.06, 0.94]. Upper rows of the image: v > 0.5, below the blue band.
    for (x, y) in [(0, 0), (2, 1), (1, 3)] {
      #expect(pixel(x, y).r > 0.1 && pixel(x, y).g == 0 && pixel(x, y).b == 0, "left at (\(x), \(y)): \(pixel(x, y))")
    }
    for (x, y) in [(7, 0), (5, 1), (6, 3)] {
      #expect(pixel(x, y).g > 0.1 && pixel(x, y).r == 0 && pixel(x, y).b == 0, "right at (\(x), \(y)): \(pixel(x, y))")
    }
    // The bottom row of pixels is v < 0.17: the picture's top rows, blue.
    for x in 0..<8 {
      #expect(pixel(x, 7).b > 0.1 && pixel(x, 7).r == 0 && pixel(x, 7).g == 0, "bottom at \(x): \(pixel(x, 7))")
    }
  }

  @Test("the render's time selects the frame of an animated texture")
  func animatedRender() throws {
    let folder = try TextureFolder()
    try folder.write(picture(width: 2, height: 2) { _, _ in SIMD3(255, 0, 0) }, as: "red.png")
    try folder.write(picture(width: 2, height: 2) { _, _ in SIMD3(0, 0, 255) }, as: "blue.png")
    let texture = """
      { "name": "fade", "type": "animated_image",
        "keyframes": [{ "time": 0, "file": "red.png" }, { "time": 1, "file": "blue.png" }] }
      """
    let scene = try SceneLoader.parse(texturedPlaneScene(textures: texture, diffuse: "\"fade\"", size: 4, samples: 2),
                                      fileName: "fade.json", directory: folder.path)
    var options = RenderOptions()
    func mean(at time: Float) -> Color {
      options.time = time
      let image = Renderer.render(scene, options: options).image
      return image.reduce(Color.black, +) / Float(image.count)
    }
    let start = mean(at: 0), middle = mean(at: 0.5), end = mean(at: 1)
    #expect(start.r > 0.1 && start.b == 0)
    #expect(end.b > 0.1 && end.r == 0)
    // Halfway, each channel is half of its full value.
    #expect(abs(middle.r - start.r / 2) < 1e-4 * start.r && abs(middle.b - end.b / 2) < 1e-4 * end.b)
  }
}

/// `diskOverFloorScene` with a floor whose colour is an animated texture and
/// whose roughness is an image texture, their PNG files written to `folder`.
func texturedFloorScene(in folder: TextureFolder, size: Int, samples: Int) throws -> String {
  try folder.write(picture(width: 8, height: 8) { x, y in SIMD3(UInt8(x * 30), UInt8(y * 30), 90) }, as: "a.png")
  try folder.write(picture(width: 4, height: 4) { x, y in SIMD3(200, UInt8(x * 60), UInt8(y * 60)) }, as: "b.png")
  try folder.write(picture(width: 4, height: 4) { x, _ in SIMD3(repeating: x % 2 == 0 ? 0 : 255) }, as: "bumps.png")
  let textures = """
    "textures": [
      { "name": "fade", "type": "animated_image", "srgb": true,
        "keyframes": [{ "time": 0, "file": "a.png" }, { "time": 1, "file": "b.png" }] },
      { "name": "bumps", "type": "image", "file": "bumps.png" }
    ],
    """
  let scene = diskOverFloorScene(albedo: 0.7, radiance: 1, radius: 5, height: 3, size: size, samples: samples)
    .replacingOccurrences(of: "\"materials\": [", with: textures + "\n  \"materials\": [")
    .replacingOccurrences(of: "{ \"name\": \"floor\", \"type\": \"matte\", \"diffuse\": [0.7, 0.7, 0.7], \"roughness\": 0 }",
                          with: "{ \"name\": \"floor\", \"type\": \"matte\", \"diffuse\": \"fade\", \"roughness\": \"bumps\" }")
  precondition(scene.contains("\"diffuse\": \"fade\""), "the floor material was not replaced")
  return scene
}

// MARK: - The example scene and the command line

@Suite("Textured example scene")
struct TexturedExampleTests {
  static let examplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../scenes/textured.json").standardized.path

  @Test("scenes/textured.json loads its PNG textures from scenes/textures/")
  func exampleLoads() throws {
    let scene = try SceneLoader.load(path: Self.examplePath)
    #expect(scene.textures.count == 2)
    #expect(scene.materials.contains { if case .matte(.texture, _) = $0 { true } else { false } })
    #expect(scene.materials.contains { if case .metal(_, _, .texture, _) = $0 { true } else { false } })
  }

  @Test("tracer --time renders at the given scene time and refuses a time that is not a number",
        .enabled(if: TracerCommand.executable != nil, "the tracer executable was not built"))
  func timeOption() throws {
    let folder = try TextureFolder()
    let arguments = [Self.examplePath, "-o", "out.png", "--resolution", "16x9", "--spp", "1", "--threads", "1", "--quiet"]
    let rendered = try TracerCommand.run(arguments + ["--time", "0.5"], in: URL(fileURLWithPath: folder.path))
    #expect(rendered.status == 0, "\(rendered.errorOutput)")
    #expect(FileManager.default.fileExists(atPath: folder.path + "/out.png"))
    let refused = try TracerCommand.run(arguments + ["--time", "nan"], in: URL(fileURLWithPath: folder.path))
    #expect(refused.status != 0)
    #expect(refused.errorOutput.contains("--time"), "\(refused.errorOutput)")
  }
}
