import Foundation
import Testing
@testable import PathTracer

/// Issue 11, item 6: every input that ever crashed a fuzz target is kept in
/// `Fuzz/Regressions/<target>/` and goes through the same code here, in
/// every `swift test`. (The fuzz targets themselves, in `Fuzz/`, run under
/// libFuzzer and AddressSanitizer; see `Fuzz/run`.)
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
  static let regressions = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz/Regressions")

  /// The regression inputs of `target`, as (file name, bytes).
  static func inputs(of target: String) throws -> [(name: String, bytes: [UInt8])] {
    let folder = regressions.appendingPathComponent(target)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
    return try names.sorted().map { ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
  }

  @Test("the folder of regressions is found, so the tests below do run")
  func found() throws {
    #expect(!(try Self.inputs(of: "FuzzRender")).isEmpty)
  }

  @Test("scene inputs that once crashed now load with an error, or render an 8×8 image of finite pixels")
  func scenes() throws {
    for target in ["FuzzJSON", "FuzzScene", "FuzzRender"] {
      for input in try Self.inputs(of: target) {
        let text = String(decoding: input.bytes, as: UTF8.self)
        // The scenes folder, where the fuzzer runs, so relative paths mean the same.
        let directory = Self.regressions.deletingLastPathComponent().deletingLastPathComponent()
          .appendingPathComponent("scenes").path
        guard let scene = try? SceneLoader.parse(text, fileName: input.name, directory: directory) else { continue }
        var film = scene.film
        film.width = 8
        film.height = 8
        film.samplesPerPixel = min(film.samplesPerPixel, 4)
        let options = RenderOptions(threads: 1)
        guard (try? RenderLimits.check(scene, film: film, options: options)) != nil else { continue }
        let image = Renderer.render(scene, film: film, options: options).image
        let finite = image.allSatisfy { $0.isFinite }
        #expect(finite, "\(target)/\(input.name)")
      }
    }
  }

  @Test("OBJ, PNG, MERL and OpenEXR inputs that once crashed are read or refused with an error")
  func files() throws {
    for input in try Self.inputs(of: "FuzzOBJ") {
      _ = try? OBJFile.parse(String(decoding: input.bytes, as: UTF8.self), fileName: input.name)
    }
    for input in try Self.inputs(of: "FuzzPNG") {
      _ = try? RGB8Image.decodePNG(input.bytes, path: input.name)
    }
    for input in try Self.inputs(of: "FuzzMERL") {
      _ = input.bytes.withUnsafeBytes { try? MERLFile.table(parsing: $0, fileName: input.name) }
    }
    for input in try Self.inputs(of: "FuzzEXR") {
      if let image = try? EXRImage.decode(input.bytes, path: input.name) {
        // What was decoded is backed by the file's bytes, not merely claimed.
        #expect(image.pixels.count * 4 <= EXRImage.maximumExpansion * 9 * max(input.bytes.count, 64), "\(input.name)")
        _ = try? RenderPartFile.merge([(path: input.name, image: image)])
      }
    }
  }
}
