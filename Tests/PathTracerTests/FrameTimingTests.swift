import Testing
@testable import PathTracer

@Suite("Frame timing")
struct FrameTimingTests {
  @Test("frame 2 of 4 over 2 s spans [1, 1.5], and a half-frame shutter is open over [1, 1.25]")
  func frameTwoOfFour() throws {
    let timing = try FrameTiming(frames: 4, sceneTime: 2, startFrame: 0, endFrame: 3)
    #expect(timing.shutterSize == 0.5)   // tray_rust's default
    #expect(timing.frameLength == 0.5)
    #expect(timing.frameInterval(2) == 1...1.5)
    #expect(timing.shutterInterval(2) == 1...1.25)
    #expect(timing.midpoint(of: 2) == 1.25)
    #expect(timing.frameInterval(0) == 0...0.5 && timing.frameInterval(3) == 1.5...2)
    #expect(timing.frameRange == 0...3)
  }

  @Test("the shutter opens at the frame's start: size 0 is the frame's first instant, 1 the whole frame")
  func shutterSizes() throws {
    let instant = try FrameTiming(frames: 4, sceneTime: 2, startFrame: 1, endFrame: 2, shutterSize: 0)
    #expect(instant.shutterInterval(2) == 1...1)
    let whole = try FrameTiming(frames: 4, sceneTime: 2, startFrame: 1, endFrame: 2, shutterSize: 1)
    #expect(whole.shutterInterval(2) == whole.frameInterval(2))
    #expect(whole.frameRange == 1...2)
  }

  @Test("one frame of a long animation, and tray_rust's still scenes (one frame, no time)")
  func longAndStill() throws {
    // tr15.json: 600 frames over 25 s. Frame 599 starts at 599 · 25 / 600 s, computed in Double.
    let tr15 = try FrameTiming(frames: 600, sceneTime: 25, startFrame: 300, endFrame: 300)
    #expect(tr15.frameInterval(599) == Float(599.0 * 25 / 600)...25)
    #expect(tr15.shutterInterval(300) == 12.5...Float(12.5 + 0.5 * 25.0 / 600))
    #expect(tr15.frameRange == 300...300)
    let still = try FrameTiming(frames: 1, sceneTime: 0, startFrame: 0, endFrame: 0)
    #expect(still.frameInterval(0) == 0...0 && still.shutterInterval(0) == 0...0)
    #expect(FrameTiming.still.frameRange == 0...0 && FrameTiming.still.shutterInterval(0) == 0...0)
  }

  @Test("each invalid value is reported with the scene file's key for it",
        arguments: [
          (0, Float(2), 0, 0, Float(0.5), FrameTimingError.Field.frames, "must be at least 1, found 0"),
          (4, -1, 0, 3, 0.5, .sceneTime, "must be a number of seconds, zero or more, found -1.0"),
          (4, .nan, 0, 3, 0.5, .sceneTime, "must be a number of seconds, zero or more, found nan"),
          (4, .infinity, 0, 3, 0.5, .sceneTime, "must be a number of seconds, zero or more, found inf"),
          (4, 2, -1, 3, 0.5, .startFrame, "must be a frame from 0 to 3 (frames - 1), found -1"),
          (4, 2, 4, 4, 0.5, .startFrame, "must be a frame from 0 to 3 (frames - 1), found 4"),
          (4, 2, 2, 1, 0.5, .endFrame, "must be a frame from start_frame 2 to 3 (frames - 1), found 1"),
          (4, 2, 0, 4, 0.5, .endFrame, "must be a frame from start_frame 0 to 3 (frames - 1), found 4"),
          (4, 2, 0, 3, 1.5, .shutterSize, "must be a fraction of the frame from 0 to 1, found 1.5"),
          (4, 2, 0, 3, -0.1, .shutterSize, "must be a fraction of the frame from 0 to 1, found -0.1"),
          (4, 2, 0, 3, .nan, .shutterSize, "must be a fraction of the frame from 0 to 1, found nan"),
        ] as [(Int, Float, Int, Int, Float, FrameTimingError.Field, String)])
  func validation(frames: Int, sceneTime: Float, start: Int, end: Int, shutter: Float,
                  field: FrameTimingError.Field, problem: String) {
    do {
      _ = try FrameTiming(frames: frames, sceneTime: sceneTime, startFrame: start, endFrame: end, shutterSize: shutter)
      Issue.record("expected an error about \(field.rawValue)")
    } catch {
      #expect(error.field == field)
      #expect(error.problem == problem)
      #expect(error.description == "\(field.rawValue): \(problem)")
    }
  }
}

@Suite("Loading frame timing")
struct FrameTimingLoadingTests {
  static func timing(film: String, camera: String? = nil) throws(SceneError) -> FrameTiming {
    let root = try JSONNode.parse("{ \"film\": { \(film) }\(camera.map { ", \"camera\": { \($0) }" } ?? "") }",
                                  fileName: "frames.json")
    return try SceneLoader.frameTiming(film: try root.required("film"), camera: root.optional("camera"))
  }

  @Test("tray_rust's film keys and the camera's shutter_size; each may be left out")
  func loading() throws {
    let tr15 = try Self.timing(film: "\"frames\": 600, \"start_frame\": 10, \"end_frame\": 20, \"scene_time\": 25",
                               camera: "\"shutter_size\": 0.25")
    #expect(tr15 == (try FrameTiming(frames: 600, sceneTime: 25, startFrame: 10, endFrame: 20, shutterSize: 0.25)))
    let still = try Self.timing(film: "\"frames\": 1, \"start_frame\": 0, \"end_frame\": 0, \"scene_time\": 0")
    #expect(still.frameRange == 0...0 && still.shutterSize == 0.5 && still.shutterInterval(0) == 0...0)
    let defaults = try Self.timing(film: "\"frames\": 4, \"scene_time\": 2", camera: "\"fov\": 30")
    #expect(defaults.frameRange == 0...3 && defaults.shutterInterval(2) == 1...1.25)
    #expect(try Self.timing(film: "\"width\": 8") == (try FrameTiming(frames: 1, sceneTime: 0, startFrame: 0, endFrame: 0)))
  }

  @Test("values out of range are reported at their path",
        arguments: [
          ("\"frames\": 0", nil, "frames.json: film.frames: must be at least 1, found 0"),
          ("\"frames\": 2.5", nil, "frames.json: film.frames: expected an integer, found 2.5"),
          ("\"frames\": 4, \"scene_time\": -2", nil, "frames.json: film.scene_time: must be a number of seconds, zero or more"),
          ("\"frames\": 4, \"start_frame\": 4", nil, "frames.json: film.start_frame: must be a frame from 0 to 3 (frames - 1), found 4"),
          ("\"frames\": 4, \"start_frame\": 2, \"end_frame\": 1", nil,
           "frames.json: film.end_frame: must be a frame from start_frame 2 to 3 (frames - 1), found 1"),
          ("\"frames\": 4", "\"shutter_size\": 2", "frames.json: camera.shutter_size: must be a fraction of the frame from 0 to 1, found 2.0"),
          ("\"frames\": 4", "\"shutter_size\": \"half\"", "frames.json: camera.shutter_size: expected a number, found \"half\""),
        ] as [(String, String?, String)])
  func loadingErrors(film: String, camera: String?, expected: String) {
    do {
      _ = try Self.timing(film: film, camera: camera)
      Issue.record("expected an error starting: \(expected)")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }
}
