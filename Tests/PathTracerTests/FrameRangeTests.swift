import Foundation
import Testing
@testable import PathTracer

/// Issue 13, item 1: a scene's frames (`film.frames`, `scene_time`,
/// `start_frame`, `end_frame`, the camera's `shutter_size`), and the command
/// line that renders a range of them.
@Suite("Frame ranges")
struct FrameRangeTests {
  static func scene(film extra: String, camera: String = "") -> String {
    SceneLoaderTests.broken("\"samples\": 2,", "\"samples\": 2, \(extra)")
      .replacingOccurrences(of: "\"camera\": {", with: "\"camera\": { \(camera)")
  }

  @Test("the film's frame keys and the camera's shutter size load, with tray_rust's defaults")
  func loads() throws {
    let still = try SceneLoader.parse(validSceneText, fileName: "s.json").film.timing
    #expect(still == .still || (still.frames == 1 && still.frameRange == 0...0))
    let timing = try SceneLoader.parse(
      Self.scene(film: #""frames": 4, "scene_time": 2, "start_frame": 1,"#, camera: #""shutter_size": 0.25,"#),
      fileName: "s.json").film.timing
    #expect(timing.frames == 4 && timing.sceneTime == 2 && timing.frameRange == 1...3)
    #expect(timing.shutterInterval(2) == 1...1.125)
  }

  @Test("every bad frame key is an error at its JSON path",
        arguments: [
          (#""frames": 0,"#, "", "f.json: film.frames: must be at least 1, found 0"),
          (#""frames": 4, "scene_time": -1,"#, "", "f.json: film.scene_time: must be a number of seconds, zero or more, found -1.0"),
          (#""frames": 4, "start_frame": 4,"#, "", "f.json: film.start_frame: must be a frame from 0 to 3 (frames - 1), found 4"),
          (#""frames": 4, "start_frame": 2, "end_frame": 1,"#, "",
           "f.json: film.end_frame: must be a frame from start_frame 2 to 3 (frames - 1), found 1"),
          (#""frames": 4,"#, #""shutter_size": 2,"#, "f.json: camera.shutter_size: must be a fraction of the frame from 0 to 1, found 2.0"),
        ])
  func errors(film: String, camera: String, expected: String) {
    do {
      _ = try SceneLoader.parse(Self.scene(film: film, camera: camera), fileName: "f.json")
      Issue.record("loaded")
    } catch {
      #expect(error.description == expected)
    }
  }
}

@Suite("Frame ranges on the command line", .enabled(if: TracerCommand.executable != nil, "the tracer executable was not built"))
struct FrameCommandLineTests {
  let folder: URL
  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracer-frames-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FrameRangeTests.scene(film: #""frames": 3, "scene_time": 3,"#)
      .write(to: folder.appendingPathComponent("anim.json"), atomically: true, encoding: .utf8)
  }

  func files(_ subfolder: String = "") throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(subfolder).path).sorted()
  }

  @Test("several frames put their number before the extension; one frame writes the name as given")
  func naming() throws {
    var result = try TracerCommand.run(["anim.json", "-o", "out.png", "--quiet"], in: folder)
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(try files() == ["anim.json", "out00000.png", "out00001.png", "out00002.png"])
    result = try TracerCommand.run(["anim.json", "-o", "one.png", "--start-frame", "1", "--end-frame", "1", "--quiet"], in: folder)
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(try files().contains("one.png"))
    // Frame 1 is the scene at its shutter's opening, time 1: what --time 1 renders.
    result = try TracerCommand.run(["anim.json", "-o", "t1.png", "--time", "1", "--quiet"], in: folder)
    #expect(try Data(contentsOf: folder.appendingPathComponent("t1.png"))
            == Data(contentsOf: folder.appendingPathComponent("one.png")))
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("-o naming a folder, or a new path without an extension, writes frameNNNNN files in it")
  func folders() throws {
    var result = try TracerCommand.run(["anim.json", "-o", "frames", "--start-frame", "1", "--quiet"], in: folder)
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(try files("frames") == ["frame00001.png", "frame00002.png"])
    result = try TracerCommand.run(["anim.json", "-o", "frames", "--start-frame", "0", "--end-frame", "0", "--quiet"], in: folder)
    #expect(try files("frames") == ["frame00000.png", "frame00001.png", "frame00002.png"])
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("parts of several frames, --skip-existing per frame, and bad ranges")
  func partsAndErrors() throws {
    var result = try TracerCommand.run(["anim.json", "--part", "1/2", "-o", "p1.exr", "--quiet"], in: folder)
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(try files().filter { $0.hasSuffix(".exr") } == ["p100000.exr", "p100001.exr", "p100002.exr"])
    try FileManager.default.removeItem(at: folder.appendingPathComponent("p100001.exr"))
    result = try TracerCommand.run(["anim.json", "--part", "1/2", "-o", "p1.exr", "--skip-existing"], in: folder)
    #expect(result.errorOutput.components(separatedBy: "skipped").count - 1 == 2, "\(result.errorOutput)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("p100001.exr").path))

    result = try TracerCommand.run(["anim.json", "--start-frame", "3"], in: folder)
    #expect(result.status == 1)
    #expect(result.errorOutput.contains("--start-frame: must be a frame from 0 to 2"), "\(result.errorOutput)")
    result = try TracerCommand.run(["anim.json", "--time", "1", "--end-frame", "1"], in: folder)
    #expect(result.status != 0)
    #expect(result.errorOutput.contains("--time renders one instant"), "\(result.errorOutput)")
    result = try TracerCommand.run(["anim.json", "-o", "-"], in: folder)
    #expect(result.status == 1)
    #expect(result.errorOutput.contains("-o - writes one image"), "\(result.errorOutput)")
    try? FileManager.default.removeItem(at: folder)
  }
}
