import Foundation
import Testing
@testable import PathTracer

/// Issue 13, item 8: a scene written the way tray_rust's Blender exporter
/// writes them (`scenes/blender_export.json`): a `cameras` list even for a
/// camera that never moves, one `matrix` control point per frame, degree 1,
/// knots `[t0, t0, t1, …, tn, tn]`, `active_at` from timeline markers.
@Suite("A Blender-exporter-style scene")
struct BlenderExportTests {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../scenes/blender_export.json").standardized.path

  @Test("it loads: six frames, a dolly camera from frame 0 and a still side camera from frame 3")
  func loads() throws {
    let scene = try SceneLoader.load(path: Self.path)
    #expect(scene.film.timing.frames == 6)
    let cameras = try #require(scene.cameras)
    #expect(cameras.entries.map(\.activeAt) == [0, 3])
    #expect(cameras.entries[0].placement.isAnimated)
  }

  @Test("its frames follow the cameras: the dolly moves, the cut at frame 3 switches, the still camera holds",
        .enabled(if: TracerCommand.executable != nil, "the tracer executable was not built"))
  func frames() throws {
    let folder = try TextureFolder()
    let result = try TracerCommand.run([Self.path, "-o", "frames/", "--resolution", "32x24", "--spp", "2", "--quiet"],
                                       in: URL(fileURLWithPath: folder.path))
    #expect(result.status == 0, "\(result.errorOutput)")
    func frame(_ number: Int) throws -> Data {
      try Data(contentsOf: URL(fileURLWithPath: folder.path + "/frames/frame0000\(number).png"))
    }
    #expect(try frame(0) != frame(1))  // the dolly moves between frames
    #expect(try frame(2) != frame(3))  // the cut to the side camera
    #expect(try frame(4) == frame(5))  // the side camera holds still; nothing else moves
  }
}
