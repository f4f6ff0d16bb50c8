import Foundation
import Testing
@testable import PathTracer

/// tray_rust's own scenes, which name models and MERL files that tray_rust's
/// repository does not include: each test writes stand-ins with the names the
/// scene asks for (a small octahedron per OBJ model, one constant MERL table
/// per file) next to a copy of the scene, then loads and renders it tiny.
struct TrayRustStandIns {
  let folder: TextureFolder
  let scenePath: String

  /// The scene `name` of `scenes/tray_rust/`, copied into a new folder with
  /// stand-ins for every `file`/`model` and `merl` file it names.
  init(_ name: String) throws {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scenes/tray_rust/\(name)")
    let text = try String(contentsOf: source, encoding: .utf8)
    folder = try TextureFolder()
    scenePath = "\(folder.path)/\(name)"
    try text.write(toFile: scenePath, atomically: true, encoding: .utf8)

    var models: [String: Set<String>] = [:]
    var merlFiles: Set<String> = []
    func visit(_ node: JSONNode) throws {
      if let geometry = node.optional("geometry"), try geometry.optional("type")?.string() == "mesh" {
        models[try geometry.required("file").string(), default: []].insert(try geometry.required("model").string())
      }
      for child in try node.optional("objects")?.elements() ?? [] { try visit(child) }
    }
    let root = try JSONNode.parse(text, fileName: name)
    for object in try root.required("objects").elements() { try visit(object) }
    for material in try root.required("materials").elements() where try material.optional("type")?.string() == "merl" {
      merlFiles.insert(try material.required("file").string())
    }
    for (file, names) in models {
      try write(Self.octahedra(named: names.sorted()), as: file)
    }
    if !merlFiles.isEmpty {
      let table = Data(merlFileBytes { _, channel in [0.3, 0.2, 0.1][channel] })
      for file in merlFiles { try write(table, as: file) }
    }
  }

  private func write(_ text: String, as file: String) throws { try write(Data(text.utf8), as: file) }

  private func write(_ data: Data, as file: String) throws {
    let url = URL(fileURLWithPath: "\(folder.path)/\(file)")
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
  }

  /// An OBJ file with one octahedron of radius 1 per name.
  static func octahedra(named names: [String]) -> String {
    var text = ""
    for (index, name) in names.enumerated() {
      let base = 6 * index
      text += "o \(name)\nv 1 0 0\nv -1 0 0\nv 0 1 0\nv 0 -1 0\nv 0 0 1\nv 0 0 -1\n"
      for (a, b, c) in [(1, 3, 5), (3, 2, 5), (2, 4, 5), (4, 1, 5), (3, 1, 6), (2, 3, 6), (4, 2, 6), (1, 4, 6)] {
        text += "f \(base + a) \(base + b) \(base + c)\n"
      }
    }
    return text
  }

  /// Renders `frames` of the scene at `width` × `height` with 1 sample per
  /// pixel, each over its shutter with its camera, and returns the images.
  func render(frames: [Int], width: Int = 32, height: Int = 18) throws -> (scene: Scene, images: [[Color]]) {
    let scene = try SceneLoader.load(path: scenePath)
    var film = scene.film
    film.width = width
    film.height = height
    film.samplesPerPixel = 1
    let images = frames.map { frame in
      Renderer.render(scene, film: film, options: RenderOptions(threads: 2, shutter: film.timing.shutterInterval(frame),
                                                                frame: frame)).image
    }
    return (scene, images)
  }
}

@Suite("tray_rust's scenes with stand-in models")
struct TrayRustSceneTests {
  @Test("tr15.json loads and renders two frames of its range, with moving groups, meshes, camera and fading lights")
  func tr15() throws {
    let standIns = try TrayRustStandIns("tr15.json")
    let (scene, images) = try standIns.render(frames: [150, 151])
    #expect(scene.film.timing.frames == 600)
    #expect(scene.isAnimated && scene.geometry.hasMotion && !scene.lightAnimations.isEmpty)
    #expect(scene.camera.motion != nil)
    for image in images {
      #expect(image.allSatisfy { $0.r.isFinite && $0.g.isFinite && $0.b.isFinite })
      #expect(meanLuminance(image) > 0)
    }
    #expect(images[0] != images[1])
  }

  @Test("tray_rust's still scenes load and render with stand-in models and MERL tables",
        arguments: ["suzanne_scene.json", "logo_shadow.json", "logo_with_friends.json"])
  func stillScenes(name: String) throws {
    let standIns = try TrayRustStandIns(name)
    let (scene, images) = try standIns.render(frames: [scene(standIns).film.timing.startFrame])
    #expect(!scene.geometry.hasMotion)
    #expect(images[0].allSatisfy { $0.r.isFinite && $0.g.isFinite && $0.b.isFinite })
    #expect(meanLuminance(images[0]) > 0)
  }

  func scene(_ standIns: TrayRustStandIns) throws -> Scene { try SceneLoader.load(path: standIns.scenePath) }
}
