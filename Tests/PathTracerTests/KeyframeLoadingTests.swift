import Foundation
import Testing
@testable import PathTracer

/// Valid keyframes: degree 1 through a move, a turn and a scale, knots in seconds.
private let validKeyframes = """
{ "control_points": [
    { "transform": [] },
    { "transform": [{ "type": "translate", "translation": [0, 2, 0] }] },
    { "transform": [{ "type": "rotate_y", "rotation": 90 }, { "type": "translate", "translation": [0, 2, 0] }] },
    { "transform": [{ "type": "scale", "scaling": 2 }] } ],
  "knots": [1, 1, 2, 2.5, 4, 4], "degree": 1 }
"""

/// An object holding `keyframes`, at `objects[0]` of a document, as in a scene.
private func object(_ keyframes: String, extra: String = "") throws(SceneError) -> JSONNode {
  let root = try JSONNode.parse("{ \"objects\": [{ \"name\": \"o\", \(extra)\"keyframes\": \(keyframes) }] }",
                                fileName: "anim.json")
  return try root.required("objects").elements()[0]
}

/// `validKeyframes` with the first `old` replaced by `new`.
private func changed(_ old: String, _ new: String) -> String {
  precondition(validKeyframes.contains(old), "test setup: \(old) not found")
  return validKeyframes.replacingOccurrences(of: old, with: new, options: [], range: validKeyframes.range(of: old))
}

@Suite("Loading keyframes")
struct KeyframeLoadingTests {
  @Test("valid keyframes evaluate to each control point's transform at its knot")
  func validKeyframesEvaluate() throws {
    let spline = try SceneLoader.keyframes(from: try object(validKeyframes).required("keyframes"))
    #expect(spline.domain == 1...4)
    let expected: [(Float, Transform)] = [
      (1, .identity),
      (2, .translate(Vector3(0, 2, 0))),
      (2.5, .translate(Vector3(0, 2, 0)) * .rotateY(degrees: 90)),
      (4, .scale(2)),
    ]
    for (time, transform) in expected {
      #expect(geometryClose(spline.transform(at: time).matrix, transform.matrix, tolerance: 1e-5), "at \(time)")
    }
    // Between knots the move and the turn are blended: halfway from 2 to 2.5 s, 45 degrees.
    #expect(geometryClose(spline.transform(at: 2.25).matrix,
                          (Transform.translate(Vector3(0, 2, 0)) * .rotateY(degrees: 45)).matrix, tolerance: 1e-5))
  }

  @Test("the degree defaults to 3, and a clamped cubic starts and ends at its end points")
  func defaultDegree() throws {
    let keyframes = """
      { "control_points": [{ "transform": [] }, { "transform": [] },
                           { "transform": [{ "type": "translate", "translation": [4, 0, 0] }] },
                           { "transform": [{ "type": "translate", "translation": [8, 0, 0] }] }],
        "knots": [2.5, 2.5, 2.5, 2.5, 6.0, 6.0, 6.0, 6.0] }
      """
    let spline = try SceneLoader.keyframes(from: try object(keyframes).required("keyframes"))
    #expect(spline.spline.degree == 3)
    #expect(spline.transform(at: 2.5).apply(point: .zero) == Point3(0, 0, 0))
    #expect(geometryClose(spline.transform(at: 6).apply(point: .zero), Point3(8, 0, 0)))
    #expect(geometryClose(spline.transform(at: 0).apply(point: .zero), Point3(0, 0, 0)))
    // Halfway: the cubic weights 1/8, 3/8, 3/8, 1/8 give 3/8 · 4 + 1/8 · 8 = 2.5.
    #expect(geometryClose(spline.transform(at: 4.25).apply(point: .zero), Point3(2.5, 0, 0), tolerance: 1e-5))
  }

  @Test("a placement is keyframes, a transform list or nothing, never both")
  func placementLevels() throws {
    guard case .spline = try SceneLoader.placementLevel(of: try object(validKeyframes)) else {
      Issue.record("keyframes should give a moving level"); return
    }
    let root = try JSONNode.parse("""
      { "a": { "transform": [{ "type": "translate", "translation": [1, 0, 0] }] }, "b": {} }
      """, fileName: "anim.json")
    guard case .fixed(let moved) = try SceneLoader.placementLevel(of: try root.required("a")) else {
      Issue.record("a transform list should give a fixed level"); return
    }
    #expect(moved == .translate(Vector3(1, 0, 0)))
    guard case .fixed(let none) = try SceneLoader.placementLevel(of: try root.required("b")) else {
      Issue.record("no placement should give the identity"); return
    }
    #expect(none == .identity)
    #expect(throws: SceneError.self) {
      try SceneLoader.placementLevel(of: try object(validKeyframes, extra: "\"transform\": [], "))
    }
  }

  @Test("every mistake in keyframes is reported at its JSON path",
        arguments: [
          (changed("\"degree\": 1", "\"degree\": -1"),
           "anim.json: objects[0].keyframes.degree: the degree must not be negative, found -1"),
          (changed("\"degree\": 1", "\"degree\": 1.5"),
           "anim.json: objects[0].keyframes.degree: expected an integer, found 1.5"),
          ("[]", "anim.json: objects[0].keyframes: expected an object, found an array"),
          (changed("\"control_points\"", "\"points\""),
           "anim.json: objects[0].keyframes: missing required key \"control_points\""),
          (changed("\"knots\"", "\"times\""),
           "anim.json: objects[0].keyframes: missing required key \"knots\""),
          (changed("\"knots\": [1, 1, 2, 2.5, 4, 4]", "\"knots\": 4"),
           "anim.json: objects[0].keyframes.knots: expected an array, found 4"),
          (changed("{ \"transform\": [] }", "{ \"transfrom\": [] }"),
           "anim.json: objects[0].keyframes.control_points[0]: missing required key \"transform\""),
          (changed("\"type\": \"rotate_y\"", "\"type\": \"shear\""),
           "anim.json: objects[0].keyframes.control_points[2].transform[0].type: unknown transform type \"shear\""),
          (changed("\"scaling\": 2", "\"scaling\": 0"),
           "anim.json: objects[0].keyframes.control_points[3].transform[0].scaling: a scale factor of zero flattens the object"),
          (changed("{ \"transform\": [] }", "{ \"transform\": [{ \"type\": \"scale\", \"scaling\": 1e-20 }, { \"type\": \"scale\", \"scaling\": 1e-20 }] }"),
           "anim.json: objects[0].keyframes.control_points[0].transform: the composed transform is singular or not finite"),
          (changed("\"scaling\": 2", "\"scaling\": [-2, 2, 2]"),
           "anim.json: objects[0].keyframes.control_points[3].transform: control point 3 mirrors space and control point 0 does not"),
          (changed("2.5, 4, 4", "\"late\", 4, 4"),
           "anim.json: objects[0].keyframes.knots[3]: expected a number, found \"late\""),
          (changed("[1, 1, 2, 2.5, 4, 4]", "[1, 1, 2, 4, 4]"),
           "anim.json: objects[0].keyframes.knots: expected 6 knots (one per control point plus the degree plus 1), found 5"),
          (changed("\"degree\": 1", "\"degree\": 2"),
           "anim.json: objects[0].keyframes.knots: expected 7 knots (one per control point plus the degree plus 1), found 6"),
          (changed("[1, 1, 2, 2.5, 4, 4]", "[1, 1, 2.5, 2, 4, 4]"),
           "anim.json: objects[0].keyframes.knots[3]: knots must not decrease, but knot 3 is smaller than knot 2"),
          (changed("\"degree\": 1", "\"degree\": 4"),
           "anim.json: objects[0].keyframes.control_points: a spline of degree 4 needs more than 4 control points, found 4"),
          (changed("[1, 1, 2, 2.5, 4, 4]", "[0, 3, 3, 3, 3, 5]"),
           "anim.json: objects[0].keyframes.knots: the spline's time domain [3.0, 3.0]"),
          (changed("\"control_points\": [", "\"control_points\": { }, \"unused\": ["),
           "anim.json: objects[0].keyframes.control_points: expected an array, found an object"),
        ])
  func keyframeErrors(keyframes: String, expected: String) throws {
    do {
      _ = try SceneLoader.keyframes(from: try object(keyframes).required("keyframes"))
      Issue.record("expected an error starting: \(expected)")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }

  @Test("an object with both keyframes and a transform is an error at its keyframes")
  func bothPlacements() throws {
    do {
      _ = try SceneLoader.placementLevel(of: try object(validKeyframes, extra: "\"transform\": [], "))
      Issue.record("expected an error")
    } catch {
      #expect(error.description
        == "anim.json: objects[0].keyframes: an object has either \"keyframes\" or \"transform\", not both")
    }
  }

  @Test("the scene loader places objects and cameras with keyframes, which then move")
  func loadedAndMoving() throws {
    let onObject = SceneLoaderTests.broken("\"transform\": [{ \"type\": \"rotate_x\", \"rotation\": 90 }, { \"type\": \"translate\", \"translation\": [0, 5, 0] }]",
                                           "\"keyframes\": \(validKeyframes)")
    let moving = try SceneLoader.parse(onObject, fileName: "a.json")
    #expect(moving.isAnimated && moving.geometry.hasMotion)
    #expect(moving.camera.motion == nil)
    guard case .area? = moving.lightAnimations.first?.motion else { Issue.record("expected a moving area light"); return }
    let onCamera = SceneLoaderTests.broken("\"transform\": [{ \"type\": \"translate\", \"translation\": [0, 0, -10] }]",
                                           "\"keyframes\": \(validKeyframes)")
    let filmed = try SceneLoader.parse(onCamera, fileName: "a.json")
    #expect(filmed.camera.motion != nil)
    #expect(!filmed.isAnimated)
  }

  @Test("every keyframes block in tray_rust's tr15.json loads", .enabled(if: tr15Exists()))
  func trayRustKeyframes() throws {
    let root = try JSONNode.load(path: tr15Path)
    var found = 0
    func visit(_ node: JSONNode) throws {
      if let keyframes = node.optional("keyframes") {
        let spline = try SceneLoader.keyframes(from: keyframes)
        #expect(spline.domain.lowerBound >= 0 && spline.domain.upperBound <= 25)
        found += 1
      }
      for child in try node.optional("objects")?.elements() ?? [] { try visit(child) }
    }
    try visit(try root.required("camera"))
    for object in try root.required("objects").elements() { try visit(object) }
    #expect(found == 12)  // the camera, walls and its three walls, four light cones, dragon, logo, cow
  }
}

private let tr15Path = "/work/shared/tray_rust/tr15.json"

private func tr15Exists() -> Bool {
  (try? SceneFile.readBytes(atPath: tr15Path)) != nil
}

@Suite("Loading an animated field of view")
struct FieldOfViewLoadingTests {
  static func camera(_ members: String) throws(SceneError) -> JSONNode {
    try JSONNode.parse("{ \"camera\": { \(members) } }", fileName: "cam.json").required("camera")
  }

  @Test("one angle is constant; an array with knots and a degree is a spline, clamped to its domain")
  func fieldOfView() throws {
    let fixed = try SceneLoader.fieldOfView(from: try Self.camera("\"fov\": 30"))
    #expect(fixed.evaluate(at: -4) == 30 && fixed.evaluate(at: 100) == 30)
    let animated = try SceneLoader.fieldOfView(from: try Self.camera(
      "\"fov\": [40, 55, 30], \"fov_knots\": [0, 0, 1, 2, 2], \"fov_spline_degree\": 1"))
    #expect(animated.evaluate(at: 0) == 40 && animated.evaluate(at: 0.5) == 47.5 && animated.evaluate(at: 1) == 55)
    #expect(animated.evaluate(at: 2) == 30 && animated.evaluate(at: 7) == 30)
    // tray_rust evaluates it once per frame, at the frame's middle.
    let timing = try FrameTiming(frames: 4, sceneTime: 2, startFrame: 0, endFrame: 3)
    #expect(animated.evaluate(at: timing.midpoint(of: 1)) == 47.5 + 0.25 * 15)
  }

  @Test("mistakes in an animated field of view are reported at their JSON path",
        arguments: [
          ("\"fov\": 180", "cam.json: camera.fov: must be less than 180 degrees, found 180.0"),
          ("\"fov\": [40, 0], \"fov_knots\": [0, 0, 1, 1], \"fov_spline_degree\": 1",
           "cam.json: camera.fov[1]: must be greater than zero, found 0"),
          ("\"fov\": [40, 50], \"fov_knots\": [0, 0, 1, 1]", "cam.json: camera: missing required key \"fov_spline_degree\""),
          ("\"fov\": [40, 50], \"fov_spline_degree\": 1", "cam.json: camera: missing required key \"fov_knots\""),
          ("\"fov\": [40, 50], \"fov_knots\": [0, 0, 1, 1], \"fov_spline_degree\": -1",
           "cam.json: camera.fov_spline_degree: the degree must not be negative, found -1"),
          ("\"fov\": [40, 50], \"fov_knots\": [0, 0, 1], \"fov_spline_degree\": 1",
           "cam.json: camera.fov_knots: expected 4 knots (one per control point plus the degree plus 1), found 3"),
          ("\"fov\": [40, 50], \"fov_knots\": [0, 1, 0, 1], \"fov_spline_degree\": 1",
           "cam.json: camera.fov_knots[2]: knots must not decrease"),
          ("\"fov\": [40, 50], \"fov_knots\": [0, 0, 0, 1, 1], \"fov_spline_degree\": 2",
           "cam.json: camera.fov: a spline of degree 2 needs more than 2 control points, found 2"),
          ("\"fov\": [], \"fov_knots\": [0], \"fov_spline_degree\": 0",
           "cam.json: camera.fov: a spline of degree 0 needs more than 0 control points, found 0"),
        ])
  func fieldOfViewErrors(members: String, expected: String) {
    do {
      _ = try SceneLoader.fieldOfView(from: try Self.camera(members))
      Issue.record("expected an error starting: \(expected)")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }
}
