import Foundation
import Testing
@testable import PathTracer

/// A small valid scene; the error tests break one thing in it at a time.
let validSceneText = """
{
  "film": { "width": 8, "height": 6, "samples": 2,
            "filter": { "type": "mitchell_netravali", "width": 2, "height": 2, "b": 0.33, "c": 0.33 } },
  "camera": { "fov": 30, "transform": [{ "type": "translate", "translation": [0, 0, -10] }] },
  "integrator": { "type": "pathtracer", "min_depth": 2, "max_depth": 4 },
  "materials": [
    { "name": "white", "type": "matte", "diffuse": [0.8, 0.8, 0.8], "roughness": 0 },
    { "name": "shiny", "type": "plastic", "diffuse": [0.2, 0.2, 0.8], "gloss": [1, 1, 1], "roughness": 0.1 }
  ],
  "objects": [
    { "name": "ball", "type": "receiver", "material": "shiny", "geometry": { "type": "sphere", "radius": 1 } },
    { "name": "light", "type": "emitter", "emitter": "area", "material": "white", "emission": [1, 1, 1, 5],
      "geometry": { "type": "rectangle", "width": 2, "height": 2 },
      "transform": [{ "type": "rotate_x", "rotation": 90 }, { "type": "translate", "translation": [0, 5, 0] }] }
  ]
}
"""

@Suite("Scene loading")
struct SceneLoaderTests {
  @Test("a valid scene loads with its film, camera, materials, objects and lights")
  func validScene() throws {
    let scene = try SceneLoader.parse(validSceneText, fileName: "valid.json")
    #expect(scene.film.width == 8 && scene.film.height == 6 && scene.film.samplesPerPixel == 2)
    #expect(scene.materials.count == 2 && scene.objects.count == 2 && scene.lights.count == 1)
    #expect(scene.objects[1].light == 0)
    guard case .path(let integrator) = scene.integrator else { Issue.record("expected a path tracer"); return }
    #expect(integrator.minDepth == 2 && integrator.maxDepth == 4)
  }

  @Test("a filter radius above the film's old 7.5-pixel limit loads, up to the sanity bound of 16")
  func wideFilter() throws {
    let scene = try SceneLoader.parse(Self.broken("\"width\": 2, \"height\": 2", "\"width\": 10, \"height\": 16"),
                                      fileName: "wide.json")
    #expect(scene.film.filter.radius == SIMD2(10, 16))
  }

  /// Replaces the first occurrence of `old` in the valid scene.
  static func broken(_ old: String, _ new: String) -> String {
    precondition(validSceneText.contains(old), "test setup: \(old) not found")
    return validSceneText.replacingOccurrences(of: old, with: new, options: [], range: validSceneText.range(of: old))
  }

  @Test("bad input is reported with the file, the JSON path and the problem",
        arguments: [
          (broken("\"radius\": 1 }", "\"radius\": \"5\" }"),
           "bad.json: objects[0].geometry.radius: expected a number, found \"5\""),
          (broken("\"radius\": 1 }", "\"radius\": -1 }"),
           "bad.json: objects[0].geometry.radius: must be greater than zero, found -1"),
          (broken(", \"radius\": 1 }", " }"),
           "bad.json: objects[0].geometry: missing required key \"radius\""),
          (broken("\"type\": \"sphere\"", "\"type\": \"torus\""),
           "bad.json: objects[0].geometry.type: unknown geometry type \"torus\""),
          (broken("\"material\": \"shiny\"", "\"material\": \"gold\""),
           "bad.json: objects[0].material: no material named \"gold\""),
          (broken("\"width\": 8", "\"width\": 0"),
           "bad.json: film.width: must be greater than zero, found 0"),
          (broken("\"samples\": 2", "\"samples\": 2.5"),
           "bad.json: film.samples: expected an integer, found 2.5"),
          (broken("\"fov\": 30", "\"fov\": 1e999"),
           "bad.json:4:"),
          (broken("\"type\": \"matte\"", "\"type\": \"velvet\""),
           "bad.json: materials[0].type: unknown material type \"velvet\""),
          (broken("\"type\": \"matte\"", "\"type\": \"merl\""),
           "bad.json: materials[0]: missing required key \"file\""),
          (broken("\"transform\": [{ \"type\": \"rotate_x\"", "\"keyframes\": [], \"transform\": [{ \"type\": \"rotate_x\""),
           "bad.json: objects[1].keyframes: an object has either \"keyframes\" or \"transform\", not both"),
          (broken("\"emitter\": \"area\", \"material\": \"white\",", "\"emitter\": \"none\", \"material\": \"white\","),
           "bad.json: objects[1].emitter: unknown emitter \"none\""),
          (broken("\"type\": \"emitter\", \"emitter\": \"area\"", "\"type\": \"receiver\", \"emitter\": \"area\""),
           "bad.json: the scene has no light"),
          (broken("\"translation\": [0, 0, -10]", "\"translation\": [0, 0]"),
           "bad.json: camera.transform[0].translation: expected an array of 3 numbers"),
          (broken("\"type\": \"translate\"", "\"type\": \"shear\""),
           "bad.json: camera.transform[0].type: unknown transform type \"shear\""),
          (broken("\"diffuse\": [0.8, 0.8, 0.8]", "\"diffuse\": \"wood\""),
           "bad.json: materials[0].diffuse: unknown texture \"wood\"; the scene defines no textures"),
          (broken("\"width\": 2, \"height\": 2", "\"width\": 2, \"height\": 16.5"),
           "bad.json: film.filter: filter width and height are radii in pixels and must be at most 16, found 2.0 and 16.5"),
          (broken("\"samples\": 2,", "\"samples\": 2,,"),
           "bad.json:2:51: expected a string key, found ','"),
          // Steps that are each fine but compose to a singular or infinite transform.
          (broken("\"transform\": [{ \"type\": \"translate\", \"translation\": [0, 0, -10] }]",
                  "\"transform\": [{ \"type\": \"scale\", \"scaling\": 1e-30 }, { \"type\": \"scale\", \"scaling\": 1e-30 }]"),
           "bad.json: camera.transform: the composed transform is singular or not finite"),
          (broken("\"transform\": [{ \"type\": \"translate\", \"translation\": [0, 0, -10] }]",
                  "\"transform\": [{ \"type\": \"translate\", \"translation\": [3e38, 0, 0] }, { \"type\": \"translate\", \"translation\": [3e38, 0, 0] }]"),
           "bad.json: camera.transform: the composed transform is singular or not finite"),
          (broken("\"transform\": [{ \"type\": \"rotate_x\", \"rotation\": 90 }",
                  "\"transform\": [{ \"type\": \"scale\", \"scaling\": 1e-20 }, { \"type\": \"scale\", \"scaling\": 1e-20 }, { \"type\": \"rotate_x\", \"rotation\": 90 }"),
           "bad.json: objects[1].transform: the composed transform is singular or not finite"),
          (broken("\"geometry\": { \"type\": \"sphere\", \"radius\": 1 }",
                  "\"geometry\": { \"type\": \"mesh\", \"file\": \"missing.obj\", \"model\": \"Cube\" }"),
           "bad.json: objects[0].geometry.file: missing.obj: cannot open: No such file or directory"),
        ])
  func badInput(text: String, expected: String) {
    do {
      _ = try SceneLoader.parse(text, fileName: "bad.json", directory: "/nonexistent-folder")
      Issue.record("expected an error containing: \(expected)")
    } catch {
      #expect(error.description.hasPrefix(expected) || error.description.contains(expected), "\(error.description)")
    }
  }

  /// The valid scene with its first material replaced by `material`.
  static func withMaterial(_ material: String) -> String {
    broken("{ \"name\": \"white\", \"type\": \"matte\", \"diffuse\": [0.8, 0.8, 0.8], \"roughness\": 0 }", material)
  }

  static let silver = "\"refractive_index\": [0.155, 0.117, 0.138], \"absorption_coefficient\": [4.83, 3.12, 2.15]"

  @Test("metal, specular_metal, glass and rough_glass load with their parameters; distribution defaults to beckmann")
  func newMaterials() throws {
    func load(_ material: String) throws -> Material {
      try SceneLoader.parse(Self.withMaterial(material), fileName: "materials.json").materials[0]
    }
    guard case let .metal(eta, k, roughness, model) =
            try load("{ \"name\": \"white\", \"type\": \"metal\", \(Self.silver), \"roughness\": 0.2 }")
    else { Issue.record("expected a metal"); return }
    #expect(eta == .constant(Color(0.155, 0.117, 0.138)) && k == .constant(Color(4.83, 3.12, 2.15)))
    #expect(roughness == 0.2 && model == .beckmann)

    guard case let .metal(_, _, _, ggx) =
            try load("{ \"name\": \"white\", \"type\": \"metal\", \(Self.silver), \"roughness\": 0.2, \"distribution\": \"ggx\" }")
    else { Issue.record("expected a metal"); return }
    #expect(ggx == .ggx)

    guard case let .specularMetal(mirrorEta, mirrorK) =
            try load("{ \"name\": \"white\", \"type\": \"specular_metal\", \(Self.silver) }")
    else { Issue.record("expected a specular metal"); return }
    #expect(mirrorEta == .constant(Color(0.155, 0.117, 0.138)) && mirrorK == .constant(Color(4.83, 3.12, 2.15)))

    guard case let .glass(reflect, transmit, glassEta) =
            try load("{ \"name\": \"white\", \"type\": \"glass\", \"reflect\": [1, 1, 1], \"transmit\": [0.5, 0.5, 0.5, 2], \"eta\": 1.52 }")
    else { Issue.record("expected glass"); return }
    #expect(reflect == .white && transmit == .white && glassEta == 1.52)

    guard case let .roughGlass(roughReflect, roughTransmit, roughEta, glassRoughness, glassModel) =
            try load("""
              { "name": "white", "type": "rough_glass", "reflect": [1, 1, 1], "transmit": [0.9, 0.8, 0.7],
                "eta": 1.33, "roughness": 0.3, "distribution": "ggx" }
              """)
    else { Issue.record("expected rough glass"); return }
    #expect(roughReflect == .white && roughTransmit == .constant(Color(0.9, 0.8, 0.7)))
    #expect(roughEta == 1.33 && glassRoughness == 0.3 && glassModel == .ggx)

    guard case let .plastic(_, _, _, plasticModel) =
            try load("{ \"name\": \"white\", \"type\": \"plastic\", \"diffuse\": [1, 0, 0], \"gloss\": [1, 1, 1], \"roughness\": 0.1 }")
    else { Issue.record("expected plastic"); return }
    #expect(plasticModel == .beckmann)
  }

  @Test("mistakes in the new materials are reported at their JSON path",
        arguments: [
          ("{ \"name\": \"white\", \"type\": \"metal\", \"absorption_coefficient\": [1, 1, 1], \"roughness\": 0.1 }",
           "bad.json: materials[0]: missing required key \"refractive_index\""),
          ("{ \"name\": \"white\", \"type\": \"metal\", \(silver) }",
           "bad.json: materials[0]: missing required key \"roughness\""),
          ("{ \"name\": \"white\", \"type\": \"metal\", \(silver), \"roughness\": 0.1, \"distribution\": \"phong\" }",
           "bad.json: materials[0].distribution: unknown microfacet distribution \"phong\"; expected beckmann or ggx"),
          ("{ \"name\": \"white\", \"type\": \"metal\", \(silver), \"roughness\": 0.1, \"distribution\": 2 }",
           "bad.json: materials[0].distribution: expected a string, found 2"),
          ("{ \"name\": \"white\", \"type\": \"metal\", \(silver), \"roughness\": -0.1 }",
           "bad.json: materials[0].roughness: must not be negative, found -0.1"),
          ("{ \"name\": \"white\", \"type\": \"specular_metal\", \"refractive_index\": [0.2, 0.2], \"absorption_coefficient\": [1, 1, 1] }",
           "bad.json: materials[0].refractive_index: expected an array of 3 or 4 numbers, found an array of 2"),
          ("{ \"name\": \"white\", \"type\": \"specular_metal\", \"refractive_index\": [0.2, 0.2, 0.2] }",
           "bad.json: materials[0]: missing required key \"absorption_coefficient\""),
          ("{ \"name\": \"white\", \"type\": \"glass\", \"reflect\": [1, 1, 1], \"transmit\": [1, 1, 1], \"eta\": \"1.5\" }",
           "bad.json: materials[0].eta: unknown texture \"1.5\"; the scene defines no textures"),
          ("{ \"name\": \"white\", \"type\": \"glass\", \"reflect\": [1, 1, 1], \"transmit\": [1, 1, 1], \"eta\": 0 }",
           "bad.json: materials[0].eta: must be greater than zero, found 0"),
          ("{ \"name\": \"white\", \"type\": \"glass\", \"reflect\": [1, 1, 1], \"eta\": 1.5 }",
           "bad.json: materials[0]: missing required key \"transmit\""),
          ("{ \"name\": \"white\", \"type\": \"glass\", \"reflect\": [1, -1, 1], \"transmit\": [1, 1, 1], \"eta\": 1.5 }",
           "bad.json: materials[0].reflect: colour components must not be negative"),
          ("{ \"name\": \"white\", \"type\": \"rough_glass\", \"reflect\": [1, 1, 1], \"transmit\": [1, 1, 1], \"eta\": 1.5 }",
           "bad.json: materials[0]: missing required key \"roughness\""),
          ("{ \"name\": \"white\", \"type\": \"rough_glass\", \"reflect\": \"frost\", \"transmit\": [1, 1, 1], \"eta\": 1.5, \"roughness\": 0.1 }",
           "bad.json: materials[0].reflect: unknown texture \"frost\"; the scene defines no textures"),
          ("{ \"name\": \"white\", \"type\": \"plastic\", \"diffuse\": [1, 1, 1], \"gloss\": [1, 1, 1], \"roughness\": 0.1, \"distribution\": \"GGX\" }",
           "bad.json: materials[0].distribution: unknown microfacet distribution \"GGX\""),
          ("{ \"name\": \"white\", \"type\": \"merl\", \"file\": \"gold.binary\" }",
           "bad.json: materials[0].file: \"gold.binary\" cannot be read: No such file or directory"),
        ])
  func badMaterial(material: String, expected: String) {
    do {
      _ = try SceneLoader.parse(Self.withMaterial(material), fileName: "bad.json")
      Issue.record("expected an error containing: \(expected)")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }

  @Test("OBJ models load relative to the scene file; missing models and malformed lines are named")
  func objErrors() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scene-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "o Tri\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n".write(to: folder.appendingPathComponent("tri.obj"), atomically: true, encoding: .utf8)
    try "o Bad\nv 0 0 0\nv 1 zero 0\n".write(to: folder.appendingPathComponent("bad.obj"), atomically: true, encoding: .utf8)
    let sphere = "\"geometry\": { \"type\": \"sphere\", \"radius\": 1 }"
    func load(_ geometry: String) throws -> Scene {
      try SceneLoader.parse(Self.broken(sphere, geometry), fileName: "mesh.json", directory: folder.path)
    }
    let scene = try load("\"geometry\": { \"type\": \"mesh\", \"file\": \"tri.obj\", \"model\": \"Tri\" }")
    #expect(scene.objects.count == 2)
    #expect(throws: SceneError.self) { try load("\"geometry\": { \"type\": \"mesh\", \"file\": \"tri.obj\", \"model\": \"Quad\" }") }
    do {
      _ = try SceneLoader.parse(Self.broken(sphere, "\"geometry\": { \"type\": \"mesh\", \"file\": \"bad.obj\", \"model\": \"Bad\" }"),
                                fileName: "mesh.json", directory: folder.path)
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("objects[0].geometry.file: bad.obj:3:"), "\(error.description)")
    }
  }

  @Test("tray_rust's cornell_box.json (copied into scenes/) loads unmodified")
  func trayRustCornellBox() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../scenes/tray_rust/cornell_box.json").standardized.path
    let scene = try SceneLoader.load(path: path)
    #expect(scene.film.width == 800 && scene.film.height == 600)
    #expect(scene.lights.count == 1)
    #expect(scene.objects.count == 8)  // 5 walls, the light, 2 blocks
  }

  @Test("tray_rust's smallpt.json (copied into scenes/) loads unmodified, with its metal and glass spheres")
  func trayRustSmallpt() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../scenes/smallpt.json").standardized.path
    let scene = try SceneLoader.load(path: path)
    #expect(scene.film.width == 800 && scene.film.height == 600)
    #expect(scene.lights.count == 1)
    #expect(scene.objects.count == 8)  // 5 walls, 2 spheres, the light
    #expect(scene.materials.contains { if case .metal = $0 { true } else { false } })
    #expect(scene.materials.contains { if case .glass = $0 { true } else { false } })
  }
}
