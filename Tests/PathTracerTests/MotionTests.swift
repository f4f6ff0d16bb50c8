import Foundation
import Testing
import LightArena
@testable import PathTracer

/// A grey floor under a point light, seen from above, with a sphere that
/// slides from x = -2 to x = 2 over the first second (`motion` replaces its
/// placement) and whatever `extraObjects` add.
func movingSphereScene(size: Int = 16, samples: Int = 16, film extraFilm: String = "", camera extraCamera: String = "",
                       motion: String? = nil, light: String? = nil, extraObjects: String = "") -> String {
  let sphereMotion = motion ?? """
    "keyframes": { "control_points": [{ "transform": [{ "type": "translate", "translation": [-2, 1, 0] }] },
                                      { "transform": [{ "type": "translate", "translation": [2, 1, 0] }] }],
                   "knots": [0, 0, 1, 1], "degree": 1 }
    """
  let lightObject = light ?? """
    { "name": "bulb", "type": "emitter", "emitter": "point", "emission": [40, 40, 40],
      "transform": [{ "type": "translate", "translation": [1, 8, 1] }] }
    """
  return """
  {
    "film": { "width": \(size), "height": \(size), "samples": \(samples), \(extraFilm)
              "filter": { "type": "gaussian", "width": 0.5, "height": 0.5, "alpha": 0.01 } },
    "camera": { "fov": 60, \(extraCamera) "transform": [{ "type": "rotate_x", "rotation": 90 },
                                                        { "type": "translate", "translation": [0, 6, 0] }] },
    "integrator": { "type": "pathtracer", "min_depth": 0, "max_depth": 0 },
    "materials": [
      { "name": "grey", "type": "matte", "diffuse": [0.5, 0.5, 0.5], "roughness": 0 },
      { "name": "red", "type": "matte", "diffuse": [0.9, 0.1, 0.1], "roughness": 0 }
    ],
    "objects": [
      { "name": "floor", "type": "receiver", "material": "grey", "geometry": { "type": "plane" },
        "transform": [{ "type": "scale", "scaling": 100 }, { "type": "rotate_x", "rotation": -90 }] },
      { "name": "ball", "type": "receiver", "material": "red", "geometry": { "type": "sphere", "radius": 1 },
        \(sphereMotion) },
      \(lightObject)\(extraObjects)
    ]
  }
  """
}

/// The mean over pixels of |a - b| (all three channels), and the mean of `b`.
func meanDifference(_ a: [Color], _ b: [Color]) -> (difference: Float, mean: Float) {
  var difference: Float = 0, mean: Float = 0
  for (x, y) in zip(a, b) {
    difference += abs(x.r - y.r) + abs(x.g - y.g) + abs(x.b - y.b)
    mean += y.r + y.g + y.b
  }
  return (difference / Float(a.count), mean / Float(a.count))
}

func meanLuminance(_ image: [Color]) -> Float {
  image.reduce(Float(0)) { $0 + $1.luminance } / Float(image.count)
}

@Suite("Motion blur and moving objects")
struct MotionTests {
  @Test("a motion-blurred render matches, within noise, the average of static renders over the shutter")
  func boxShutterIsTheAverageOverTime() throws {
    let scene = try SceneLoader.parse(movingSphereScene(samples: 256), fileName: "blur.json")
    #expect(scene.isAnimated && scene.geometry.hasMotion)
    let blurred = Renderer.render(scene, options: RenderOptions(threads: 2, shutter: 0...1)).image
    // The box shutter's definition: the image is the mean over the shutter's times.
    let instants = 32
    var average = [Color](repeating: .black, count: blurred.count)
    for k in 0..<instants {
      let time = (Float(k) + 0.5) / Float(instants)
      let still = Renderer.render(scene, options: RenderOptions(threads: 2, seed: UInt64(k), time: time)).image
      for i in average.indices { average[i] += still[i] / Float(instants) }
    }
    let atOpen = Renderer.render(scene, options: RenderOptions(threads: 2, time: 0)).image
    let blur = meanDifference(blurred, average)
    let frozen = meanDifference(atOpen, average)
    // The sphere sweeps a band of the image: a still at the shutter's opening is
    // far from the average, the blurred render within noise of it.
    #expect(frozen.difference > 0.1 * frozen.mean, "\(frozen)")
    #expect(blur.difference < 0.02 * blur.mean, "\(blur), still at the opening: \(frozen)")
  }

  @Test("shutter_size 0 renders the scene at the frame's start, bit for bit; an open shutter samples times in [open, close]")
  func closedShutterIsTheStill() throws {
    let text = movingSphereScene(film: #""frames": 4, "scene_time": 2, "start_frame": 2, "end_frame": 2,"#,
                                 camera: #""shutter_size": 0,"#)
    let scene = try SceneLoader.parse(text, fileName: "frames.json")
    #expect(scene.film.timing.shutterInterval(2) == 1...1)
    let frame = Renderer.render(scene, options: RenderOptions(shutter: scene.film.timing.shutterInterval(2), frame: 2)).image
    let still = Renderer.render(scene, options: RenderOptions(time: 1)).image
    let earlier = Renderer.render(scene, options: RenderOptions(time: 0.5)).image
    #expect(frame == still)
    #expect(frame != earlier)

    // Frame 2 of 4 over 2 s with the default shutter: open from 1 for half the frame.
    let open = try SceneLoader.parse(movingSphereScene(film: #""frames": 4, "scene_time": 2,"#), fileName: "frames.json")
    #expect(open.film.timing.shutterInterval(2) == 1...1.25)
    let options = RenderOptions(shutter: 1...1.25)
    let pixels = PixelRenderer(scene: open, film: open.film, options: options)
    #expect(pixels.samplesShutter)
    var rng = PCG32(seed: 7)
    let arrays = HeapPixelSamples(count: 64, bounces: 1, shutterTimes: true, rng: &rng)
    let times = (0..<64).map { pixels.shutterTime(arrays.samples, $0) }
    #expect(times.allSatisfy { (1...1.25).contains($0) })
    // Stratified: every sixteenth of the shutter holds exactly four of the 64 times.
    let strata = Dictionary(grouping: times) { Int(($0 - 1) / 0.25 * 16) }
    #expect(strata.count == 16 && strata.values.allSatisfy { $0.count == 4 })
  }

  @Test("a still scene renders the same image whatever the shutter: no time is drawn")
  func stillSceneIgnoresTheShutter() throws {
    let text = movingSphereScene(motion: #""transform": [{ "type": "translate", "translation": [0, 1, 0] }]"#)
    let scene = try SceneLoader.parse(text, fileName: "still.json")
    #expect(!scene.changesOverTime)
    let instant = Renderer.render(scene, options: RenderOptions(time: 0)).image
    let open = Renderer.render(scene, options: RenderOptions(shutter: 0...1)).image
    #expect(instant == open)
    #expect(scene.prepared(forShutter: 0...1).shutter == scene.shutter)  // never rebuilt
  }

  @Test("the BVH over moving shapes finds the nearest hit at any time in its shutter, as testing every shape does")
  func movingShapesAgainstBruteForce() throws {
    var rng = PCG32(seed: 3)
    func spline(_ points: [Transform]) throws -> TransformSpline {
      try TransformSpline(degree: 1, controlPoints: points, knots: [0, 0] + (1..<points.count - 1).map { Float($0) } + [Float(points.count - 1)] + [Float(points.count - 1)])
    }
    var primitives: [Primitive] = []
    for i in 0..<12 {
      let start = Vector3(rng.nextFloat() * 10 - 5, rng.nextFloat() * 10 - 5, rng.nextFloat() * 10 - 5)
      let end = Vector3(rng.nextFloat() * 10 - 5, rng.nextFloat() * 10 - 5, rng.nextFloat() * 10 - 5)
      let path = try spline([.translate(start), .rotateY(degrees: 170) * .translate(end), .rotateX(degrees: 90) * .scale(2)])
      let own: Transform = .rotateZ(degrees: Float(i * 30))
      let motion = AnimatedTransform(levels: [.fixed(own), .spline(path)])
      let shape: Shape = switch i % 3 {
      case 0: .sphere(Sphere(radius: 0.8))
      case 1: .disk(Disk(radius: 1.2))
      default: .rectangle(Rectangle(width: 1.5, height: 0.7))
      }
      primitives.append(.moving(MovingShape(shape, motion: motion)))
    }
    primitives.append(.shape(.sphere(Sphere(radius: 1, objectToWorld: .translate(Vector3(0, 0, 3))))))
    // Built for another interval first, then for this frame's, as a frame range does.
    let shutter: ClosedRange<Float> = 0.5...1.5
    let aggregate = Aggregate(primitives, shutter: 0...0.25).withMotion(over: shutter)
    #expect(aggregate.shutter == shutter)
    var hits = 0
    var arena = MemoryArena()
    for _ in 0..<4000 {
      let time = shutter.lowerBound + rng.nextFloat() * (shutter.upperBound - shutter.lowerBound)
      let origin = Point3(rng.nextFloat() * 30 - 15, rng.nextFloat() * 30 - 15, -20)
      let target = Point3(rng.nextFloat() * 10 - 5, rng.nextFloat() * 10 - 5, rng.nextFloat() * 10 - 5)
      let ray = Ray(origin: origin, direction: normalize(target - origin), time: time)
      let expected = primitives.enumerated().compactMap { index, primitive in
        primitive.bruteForceIntersect(ray).map { (t: $0.t, index: index) }
      }.min { $0.t < $1.t }
      let found = aggregate.intersect(ray)
      #expect(found?.primitiveIndex == expected?.index)
      #expect(aggregate.intersects(ray) == (expected != nil))
      if let found, let expected { #expect(found.hit.t == expected.t) }
      if expected != nil { hits += 1 }
      // Placed once for the ray's time, in an arena scope, the primitives give the same hits, bit for bit.
      arena.withAllocator { alloc in
        let placed = aggregate.placeMotion(at: time, alloc: alloc)
        let fromPlaced = aggregate.intersect(ray, placed: placed)
        #expect(fromPlaced?.primitiveIndex == found?.primitiveIndex && fromPlaced?.hit.t == found?.hit.t
                && fromPlaced?.hit.p == found?.hit.p)
        #expect(aggregate.intersects(ray, placed: placed) == (found != nil))
      }
    }
    #expect(hits > 400)  // the test sees the moving shapes
  }
}

extension MotionTests {
  /// A closed box of 12 triangles with vertex normals on one face, around the origin.
  static func boxMesh(objectToWorld: Transform = .identity) throws -> TriangleMesh {
    let p: [Point3] = (0..<8).map { Point3($0 & 1 == 0 ? -1 : 1, $0 & 2 == 0 ? -0.5 : 0.5, $0 & 4 == 0 ? -2 : 2) }
    let faces: [[Int]] = [[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2], [1, 3, 7, 5]]
    let indices = faces.flatMap { [$0[0], $0[1], $0[2], $0[0], $0[2], $0[3]] }
    return try TriangleMesh(positions: p, indices: indices.map(UInt32.init), objectToWorld: objectToWorld)
  }

  @Test("a moving mesh is hit where the mesh placed at the ray's time is, with the same hit record to rounding")
  func movingMeshAgainstPlacedMesh() throws {
    let path = try TransformSpline(degree: 2, controlPoints: [
      .translate(Vector3(-3, 0, 0)), .rotateY(degrees: 120) * .scale(1.5), .rotateX(degrees: 60) * .translate(Vector3(2, 1, 0))],
      knots: [0, 0, 0, 1, 1, 1])
    let motion = AnimatedTransform(levels: [.fixed(.rotateZ(degrees: 30)), .spline(path)])
    let moving = MovingMesh(try Self.boxMesh(), motion: motion)
    let aggregate = Aggregate([.movingMesh(moving), .shape(.sphere(Sphere(radius: 0.5, objectToWorld: .translate(Vector3(0, 0, -6)))))],
                              shutter: 0...1)
    var rng = PCG32(seed: 11)
    var arena = MemoryArena()
    var hits = 0
    for _ in 0..<2000 {
      let time = rng.nextFloat()
      let origin = Point3(rng.nextFloat() * 16 - 8, rng.nextFloat() * 16 - 8, -15)
      let target = Point3(rng.nextFloat() * 8 - 4, rng.nextFloat() * 8 - 4, rng.nextFloat() * 8 - 4)
      let ray = Ray(origin: origin, direction: normalize(target - origin), time: time)
      let placed = try Self.boxMesh(objectToWorld: motion.transform(at: time))
      let expected = placed.bruteForceIntersect(ray)
      let found = aggregate.intersect(ray)
      arena.withAllocator { alloc in
        let fromPlaced = aggregate.intersect(ray, placed: aggregate.placeMotion(at: time, alloc: alloc))
        #expect(fromPlaced?.hit.t == found?.hit.t && fromPlaced?.hit.p == found?.hit.p)
      }
      #expect(aggregate.intersects(ray) == (found != nil))
      guard let expected else { continue }
      hits += 1
      guard let found else { Issue.record("missed a hit at t = \(expected.t)"); continue }
      if found.primitiveIndex != 0 { continue }   // the sphere in front
      #expect(abs(found.hit.t - expected.t) <= 1e-4 * expected.t)
      #expect(length(found.hit.p - expected.p) <= 1e-4 * max(1, length(expected.p)))
      #expect(dot(found.hit.n, expected.n) > 0.9999)
    }
    #expect(hits > 200)
  }

  @Test("a mesh in a moving group renders, blurred, with no self-shadowing acne")
  func movingMeshRenders() throws {
    let folder = try TextureFolder()
    let obj = """
      o Cube
      v -1 -1 -1
      v 1 -1 -1
      v 1 1 -1
      v -1 1 -1
      v -1 -1 1
      v 1 -1 1
      v 1 1 1
      v -1 1 1
      f 1 4 3 2
      f 5 6 7 8
      f 1 2 6 5
      f 4 8 7 3
      f 1 5 8 4
      f 2 3 7 6
      """
    try obj.write(toFile: "\(folder.path)/cube.obj", atomically: true, encoding: .utf8)
    let group = """
      ,
      { "name": "mover", "type": "group",
        "keyframes": { "control_points": [{ "transform": [{ "type": "translate", "translation": [0, 0, 0] }] },
                                          { "transform": [{ "type": "translate", "translation": [0, 0, 2] }] }],
                       "knots": [0, 0, 1, 1], "degree": 1 },
        "objects": [{ "name": "cube", "type": "receiver", "material": "grey",
                      "geometry": { "type": "mesh", "file": "cube.obj", "model": "Cube" },
                      "transform": [{ "type": "translate", "translation": [2, 1, -2] }] }] }
      """
    let still = movingSphereScene(motion: #""transform": [{ "type": "translate", "translation": [-3, 1, 0] }]"#, extraObjects: group)
    let scene = try SceneLoader.parse(still, fileName: "mesh.json", directory: folder.path)
    #expect(scene.geometry.hasMotion)
    // At one instant, the moving cube renders as the same cube placed there does.
    let fixedText = still.replacingOccurrences(of: #"[{ "transform": [{ "type": "translate", "translation": [0, 0, 0] }] },"#,
                                               with: #"[{ "transform": [{ "type": "translate", "translation": [0, 0, 1] }] },"#)
      .replacingOccurrences(of: #"{ "transform": [{ "type": "translate", "translation": [0, 0, 2] }] }],"#,
                            with: #"{ "transform": [{ "type": "translate", "translation": [0, 0, 1] }] }],"#)
    let fixed = try SceneLoader.parse(fixedText, fileName: "mesh.json", directory: folder.path)
    #expect(!fixed.geometry.hasMotion)   // equal keyframes: a fixed level
    let moving = Renderer.render(scene, options: RenderOptions(threads: 2, time: 0.5)).image
    let placed = Renderer.render(fixed, options: RenderOptions(threads: 2, time: 0.5)).image
    let difference = meanDifference(moving, placed)
    #expect(difference.difference < 1e-3 * difference.mean, "\(difference)")
    let blurred = Renderer.render(scene, options: RenderOptions(threads: 2, shutter: 0...1)).image
    #expect(meanDifference(blurred, placed).difference > 10 * difference.difference)
  }
}

@Suite("Animated emission in renders")
struct AnimatedEmissionRenderTests {
  static let fadingBulb = """
    { "name": "bulb", "type": "emitter", "emitter": "point",
      "emission": [{ "time": 0, "color": [1, 1, 1, 0] }, { "time": 1, "color": [1, 1, 1, 40] }],
      "transform": [{ "type": "translate", "translation": [1, 8, 1] }] }
    """

  @Test("a light that fades in lights the scene in proportion at each instant, and by its mean over an open shutter")
  func rampsLinearly() throws {
    let text = movingSphereScene(motion: #""transform": [{ "type": "translate", "translation": [0, 1, 0] }]"#,
                                 light: Self.fadingBulb)
    let scene = try SceneLoader.parse(text, fileName: "fade.json")
    #expect(scene.isAnimated && !scene.geometry.hasMotion)
    let dark = meanLuminance(Renderer.render(scene, options: RenderOptions(time: 0)).image)
    let half = meanLuminance(Renderer.render(scene, options: RenderOptions(time: 0.5)).image)
    let full = meanLuminance(Renderer.render(scene, options: RenderOptions(time: 1)).image)
    let later = meanLuminance(Renderer.render(scene, options: RenderOptions(time: 3)).image)  // held
    #expect(dark == 0)
    #expect(full > 0.01)
    #expect(abs(half / full - 0.5) < 1e-4, "\(half) / \(full)")
    #expect(later == full)
    // Over the shutter [0, 1] the light's mean is half its final intensity.
    let blurred = meanLuminance(Renderer.render(scene, options: RenderOptions(shutter: 0...1)).image)
    #expect(abs(blurred / full - 0.5) < 0.01, "\(blurred) / \(full)")
  }

  @Test("lights are chosen by their power averaged over the shutter: a light dark at the opening still is chosen")
  func selectionOverTheShutter() throws {
    let steady = PointLight(position: .zero, intensity: Color(gray: 1))
    let fading = LightAnimation(point: .identity, emission: AnimatedColor(keyframes: [
      .init(time: 0, color: .black), .init(time: 1, color: Color(gray: 2))]))
    func probabilities(over times: ClosedRange<Float>) -> [Float] {
      LightDistribution(powers: [steady.power, fading.averagePower(over: times)]).probabilities
    }
    #expect(probabilities(over: 0...0) == [1, 0])                 // it cannot emit then
    #expect(abs(probabilities(over: 0...0.5)[1] - 1.0 / 3.0) < 1e-6)  // mean intensity 0.5
    #expect(probabilities(over: 0...1) == [0.5, 0.5])
    guard case .point(let halfway) = fading.light(at: 0.5) else { Issue.record("expected a point light"); return }
    #expect(halfway.intensity == Color(gray: 1))

    let text = movingSphereScene(light: Self.fadingBulb, extraObjects: """
      ,
      { "name": "steady", "type": "emitter", "emitter": "point", "emission": [10, 10, 10],
        "transform": [{ "type": "translate", "translation": [-1, 8, 1] }] }
      """)
    let scene = try SceneLoader.parse(text, fileName: "two.json")
    #expect(scene.lightDistribution.probabilities[0] == 0)    // made for the instant 0
    let frame = scene.prepared(forShutter: 0...0.5)
    #expect(frame.lightDistribution.probabilities[0] > 0)
    #expect(frame.shutter == 0...0.5)
  }
}

@Suite("Cameras over frames")
struct CameraScheduleTests {
  static func scene(cameras: String, film: String = #""frames": 10, "scene_time": 10,"#) -> String {
    movingSphereScene(film: film)
      .replacingOccurrences(of: "\"camera\": {", with: "\"cameras\": \(cameras), \"unused_camera\": {")
  }

  static let pair = """
    [{ "fov": 60, "transform": [{ "type": "translate", "translation": [0, 0, -10] }], "active_at": 4 },
     { "fov": [20, 60], "fov_knots": [0, 0, 10, 10], "fov_spline_degree": 1,
       "keyframes": { "control_points": [{ "transform": [{ "type": "translate", "translation": [0, 0, -10] }] },
                                         { "transform": [{ "type": "translate", "translation": [0, 0, -20] }] }],
                      "knots": [0, 0, 10, 10], "degree": 1 } }]
    """

  @Test("the camera of a frame is the last with active_at at or before it; its fov is taken at the frame's middle")
  func lastActiveCamera() throws {
    let scene = try SceneLoader.parse(Self.scene(cameras: Self.pair), fileName: "cams.json")
    let timing = scene.film.timing
    let first = try #require(scene.camera(forFrame: 0, of: timing))
    #expect(first.motion != nil)                         // the second listed, active from 0
    #expect(abs(first.fieldOfView - 22) < 1e-4)          // 20 + 40 · 0.5 / 10
    #expect(abs(try #require(scene.camera(forFrame: 3, of: timing)).fieldOfView - 34) < 1e-4)
    let fourth = try #require(scene.camera(forFrame: 4, of: timing))
    #expect(fourth.motion == nil && fourth.fieldOfView == 60)
    #expect(scene.camera.motion != nil)                  // the start frame's
    // The moving camera films from where it is at the ray's time.
    let raster = first.fitted(toWidth: 4, height: 4)
    #expect(abs(raster.generateRay(filmPoint: Point2(2, 2), time: 5).origin.z + 15) < 1e-4)
  }

  @Test("a cameras list takes precedence over camera, and frames render with their camera")
  func listWins() throws {
    let scene = try SceneLoader.parse(Self.scene(cameras: Self.pair), fileName: "cams.json")
    let film = scene.film
    let zero = Renderer.render(scene, film: film, options: RenderOptions(frame: 0)).image
    let five = Renderer.render(scene, film: film, options: RenderOptions(frame: 5)).image
    #expect(zero != five)
  }

  @Test("every camera error is reported at its JSON path",
        arguments: [
          ("[]", "cams.json: cameras: the list of cameras is empty"),
          (#"[{ "fov": 30, "transform": [], "active_at": -1 }]"#, "cams.json: cameras[0].active_at: must not be negative, found -1"),
          (#"[{ "fov": 30, "transform": [], "active_at": 2.5 }]"#, "cams.json: cameras[0].active_at: expected an integer, found 2.5"),
          (#"[{ "fov": 30, "transform": [], "active_at": 3 }, { "fov": 30, "transform": [], "active_at": 5 }]"#,
           "cams.json: cameras: no camera is active at the start frame 0: the earliest active_at is 3"),
          (#"[{ "fov": 30 }]"#,
           "cams.json: cameras[0]: missing required key \"transform\" (or \"keyframes\", or \"position\", \"target\" and \"up\")"),
          (#"[{ "fov": 30, "transform": [], "keyframes": { "control_points": [], "knots": [] } }]"#,
           "cams.json: cameras[0].keyframes: an object has either \"keyframes\" or \"transform\", not both"),
          (#"[{ "fov": 30, "keyframes": { "control_points": [{ "transform": [] }], "knots": [0, 1, 2, 3] } }]"#,
           "cams.json: cameras[0].keyframes.control_points:"),
        ])
  func cameraErrors(cameras: String, expected: String) throws {
    do {
      _ = try SceneLoader.parse(Self.scene(cameras: cameras), fileName: "cams.json")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }

  @Test("moving objects the renderer cannot place are errors at their JSON path",
        arguments: [
          (#""keyframes": { "control_points": [{ "transform": [] }, { "transform": [{ "type": "scale", "scaling": [1, 2, 1] }] }], "knots": [0, 0, 1, 1], "degree": 1 }"#,
           "sphere", "fail.json: objects[2].keyframes: a spherical light must be scaled uniformly"),
          (#""keyframes": { "control_points": [{ "transform": [] }, { "transform": [{ "type": "translate", "translation": [1, 0, 0] }] }], "knots": [0, 0, 1, 1], "degree": 1 }"#,
           "mesh", "fail.json: objects[2].geometry.file: none.obj: "),
          (#""keyframes": { "control_points": [{ "transform": [] }, { "transform": [] }], "knots": [0, 1, 0, 1], "degree": 1 }"#,
           "sphere", "fail.json: objects[2].keyframes.knots[2]:"),
        ])
  func movingObjectErrors(placement: String, geometry: String, expected: String) throws {
    let geometryText = geometry == "mesh" ? #"{ "type": "mesh", "file": "none.obj", "model": "x" }"#
      : #"{ "type": "sphere", "radius": 1 }"#
    let light = """
      { "name": "lamp", "type": "\(geometry == "mesh" ? "receiver" : "emitter")", "emitter": "area", "material": "grey",
        "emission": [1, 1, 1], "geometry": \(geometryText), \(placement) }
      """
    do {
      _ = try SceneLoader.parse(movingSphereScene(light: light), fileName: "fail.json")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }
}
