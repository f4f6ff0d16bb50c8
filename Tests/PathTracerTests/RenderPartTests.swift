import Foundation
import Testing
@testable import PathTracer

/// Issue 10, items 2 and 3: a render split into parts, each written as an
/// OpenEXR file, merges into the one-process image bit for bit.
@Suite("Render parts and merging")
struct RenderPartTests {
  /// A small scene with a wide filter, so that tiles' aprons overlap their neighbours.
  static let scene: Scene = try! SceneLoader.parse(
    SceneLoaderTests.broken("\"samples\": 2,", "\"samples\": 4,")
      .replacingOccurrences(of: "\"width\": 8, \"height\": 6", with: "\"width\": 37, \"height\": 23"),
    fileName: "parts.json")
  static let identity = RenderIdentity(sceneFile: Array("parts.json".utf8), film: scene.film, options: options(threads: 1))

  static func options(threads: Int) -> RenderOptions { RenderOptions(threads: threads, seed: 7, tileSize: 8) }

  /// Part `part`, rendered with `threads` threads, written to OpenEXR bytes and read back.
  static func partFile(_ part: RenderPart, threads: Int) throws -> EXRImage {
    let image = Renderer.renderTiles(scene, options: options(threads: threads), part: part) { film, _ in
      RenderPartFile.image(of: film, part: part, identity: identity)
    }
    return try EXRImage.decode(try image.encoded(name: "part.exr"), path: "part.exr")
  }

  @Test("parts tile the image: every tile in exactly one part, interleaved", arguments: [1, 2, 3, 7, 40])
  func tiles(count: Int) {
    let grid = TileGrid(width: 37, height: 23, tileSize: 8)
    let all = (1...count).flatMap { RenderPart($0, of: count)!.tiles(of: grid) }
    #expect(all.sorted() == Array(0..<grid.count))
    #expect(RenderPart(parsing: "\(count)/\(count)") == RenderPart(count, of: count))
  }

  @Test("K/N is parsed strictly", arguments: ["0/3", "4/3", "1/0", "-1/2", "1", "1/2/3", "a/b", "", "1/"])
  func badParts(text: String) {
    #expect(RenderPart(parsing: text) == nil)
  }

  @Test("the merged parts are the one-process image, bit for bit, for N = 1, 2, 3, 7", arguments: [1, 2, 3, 7])
  func bitExact(count: Int) throws {
    let whole = Renderer.render(Self.scene, options: Self.options(threads: 2)).image
    let parts = try (1...count).map { index in
      (path: "part-\(index).exr", image: try Self.partFile(RenderPart(index, of: count)!, threads: 1 + index % 2))
    }
    let merged = try RenderPartFile.merge(parts.reversed())  // the order of the files does not matter
    #expect(merged.width == 37 && merged.height == 23)
    #expect(merged.image.count == whole.count)
    #expect(merged.image.map(\.rgb) == whole.map(\.rgb))
    #expect(zip(merged.image, whole).allSatisfy { $0.rgb.x.bitPattern == $1.rgb.x.bitPattern
      && $0.rgb.y.bitPattern == $1.rgb.y.bitPattern && $0.rgb.z.bitPattern == $1.rgb.z.bitPattern })
  }

  @Test("merge refuses a part of another render, a repeated part, a missing part and a file that is no part")
  func refusals() throws {
    let one = try Self.partFile(RenderPart(1, of: 3)!, threads: 1)
    let two = try Self.partFile(RenderPart(2, of: 3)!, threads: 1)
    let three = try Self.partFile(RenderPart(3, of: 3)!, threads: 1)

    #expect(throws: RenderMergeError(path: nil, problem: "part 2 of 3 missing")) {
      try RenderPartFile.merge([("a.exr", one), ("c.exr", three)])
    }
    #expect(throws: RenderMergeError(path: nil, problem: "parts 2, 3 of 3 missing")) {
      try RenderPartFile.merge([("a.exr", one)])
    }
    #expect(throws: RenderMergeError(path: "b2.exr", problem: "part 2/3 again: b.exr is that part already")) {
      try RenderPartFile.merge([("a.exr", one), ("b.exr", two), ("b2.exr", two), ("c.exr", three)])
    }
    var otherSeed = two
    otherSeed.attributes["tracer.seed"] = "8"
    #expect(throws: RenderMergeError(path: "b.exr", problem: "part of another render than a.exr: its tracer.seed is 8, not 7")) {
      try RenderPartFile.merge([("a.exr", one), ("b.exr", otherSeed), ("c.exr", three)])
    }
    var otherCount = two
    otherCount.attributes["tracer.part"] = "2/4"
    #expect(throws: RenderMergeError(path: "b.exr", problem: "part 2/4 of 4, but a.exr is one of 3")) {
      try RenderPartFile.merge([("a.exr", one), ("b.exr", otherCount), ("c.exr", three)])
    }
    let plain = EXRImage(width: 2, height: 2, colors: Array(repeating: Color(1, 1, 1), count: 4))
    let error = #expect(throws: RenderMergeError.self) { try RenderPartFile.merge([("a.exr", one), ("x.exr", plain)]) }
    #expect(error?.path == "x.exr")
    #expect(error?.problem.hasPrefix("not a render part") == true)
    var huge = one
    huge.attributes["tracer.part"] = "1/1"
    huge.attributes["tracer.resolution"] = "60000x60000"  // claimed, not held: nothing is allocated for it
    let claimed = #expect(throws: RenderMergeError.self) { try RenderPartFile.merge([("h.exr", huge)]) }
    #expect(claimed?.problem.hasPrefix("damaged: a part of 56250000 tiles") == true, "\(String(describing: claimed))")
    var cropped = two
    cropped.height -= 1
    cropped.pixels.removeLast(cropped.width * cropped.channels.count)
    let damaged = #expect(throws: RenderMergeError.self) {
      try RenderPartFile.merge([("a.exr", one), ("b.exr", cropped), ("c.exr", three)])
    }
    #expect(damaged?.path == "b.exr")
  }
}
