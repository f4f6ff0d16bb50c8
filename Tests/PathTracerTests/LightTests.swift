import Testing
@testable import PathTracer

/// A grey floor seen from straight above (as in ``diskOverFloorScene``), lit
/// by the given emitter objects, rendered with direct lighting only.
func floorScene(albedo: Float, emitters: [String], integrator: String = #"{ "type": "pathtracer", "min_depth": 0, "max_depth": 0 }"#,
                size: Int = 8, samples: Int = 64) -> String {
  """
  {
    "film": { "width": \(size), "height": \(size), "samples": \(samples),
              "filter": { "type": "gaussian", "width": 0.5, "height": 0.5, "alpha": 0.01 } },
    "camera": { "fov": 0.5, "transform": [{ "type": "rotate_x", "rotation": 90 },
                                           { "type": "translate", "translation": [0, 1, 0] }] },
    "integrator": \(integrator),
    "materials": [
      { "name": "floor", "type": "matte", "diffuse": [\(albedo), \(albedo), \(albedo)], "roughness": 0 },
      { "name": "black", "type": "matte", "diffuse": [0, 0, 0], "roughness": 0 }
    ],
    "objects": [
      { "name": "floor", "type": "receiver", "material": "floor", "geometry": { "type": "plane" },
        "transform": [{ "type": "scale", "scaling": 100 }, { "type": "rotate_x", "rotation": -90 }] },
      \(emitters.joined(separator: ",\n      "))
    ]
  }
  """
}

/// A point light of intensity `intensity` at height `height` above the floor, `offset` to the side of its centre.
func pointEmitter(intensity: Float, height: Float, offset: Float = 0) -> String {
  """
  { "name": "bulb", "type": "emitter", "emitter": "point", "emission": [\(intensity), \(intensity), \(intensity)],
    "transform": [{ "type": "translate", "translation": [\(offset), \(height), 0] }] }
  """
}

/// A downward-facing disk light of radiance `radiance` and radius `radius` at height `height`.
func diskEmitter(radiance: Float, radius: Float, height: Float) -> String {
  """
  { "name": "panel", "type": "emitter", "emitter": "area", "material": "black",
    "emission": [\(radiance), \(radiance), \(radiance)], "geometry": { "type": "disk", "radius": \(radius) },
    "transform": [{ "type": "rotate_x", "rotation": 90 }, { "type": "translate", "translation": [0, \(height), 0] }] }
  """
}

/// The mean green value of a render of `text`.
func meanGreen(of text: String) throws -> Float {
  let scene = try SceneLoader.parse(text, fileName: "lights.json")
  let (image, report) = Renderer.render(scene, settings: scene.film)
  #expect(report.droppedSamples == 0)
  return image.reduce(Float(0)) { $0 + $1.g } / Float(image.count)
}

@Suite("Lights")
struct LightTests {
  @Test("a point light of intensity I at height h lights the floor below it with albedo/π · I/h²",
        arguments: [#"{ "type": "pathtracer", "min_depth": 0, "max_depth": 0 }"#,
                    #"{ "type": "whitted", "min_depth": 2 }"#])
  func pointLightFalloff(integrator: String) throws {
    let (albedo, intensity, height): (Float, Float, Float) = (0.6, 50, 5)
    let mean = try meanGreen(of: floorScene(albedo: albedo, emitters: [pointEmitter(intensity: intensity, height: height)],
                                            integrator: integrator, samples: 4))
    let expected = albedo / .pi * intensity / (height * height)
    // A point light has no noise: only the film's tiny footprint around the axis differs.
    #expect(abs(mean - expected) / expected < 0.001, "mean \(mean), expected \(expected)")
  }

  @Test("a point light's power is 4π I (luminance), an area light's π L A")
  func powers() {
    let point = PointLight(position: .zero, intensity: Color(gray: 2))
    #expect(abs(point.power - 8 * .pi) < 1e-4)
    let disk = AreaLight(shape: .disk(Disk(radius: 2)),
                         emission: Color(gray: 3))
    #expect(abs(disk.power - 3 * .pi * (4 * .pi)) < 1e-3)
  }

  @Test("lights are chosen in proportion to their power, and a dark light never")
  func choiceByPower() {
    let distribution = LightDistribution(lights: [
      .point(PointLight(position: .zero, intensity: Color(gray: 1))),
      .point(PointLight(position: .zero, intensity: .black)),
      .point(PointLight(position: .zero, intensity: Color(gray: 3))),
    ])
    let expected: [Float] = [0.25, 0, 0.75]
    #expect(zip(distribution.probabilities, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "\(distribution.probabilities)")
    var counts = [0, 0, 0]
    let n = 10_000
    for i in 0..<n {
      let u = (Float(i) + 0.5) / Float(n)
      guard let (index, probability) = distribution.choose(u) else { Issue.record("no light chosen"); return }
      #expect(probability == distribution.probabilities[index])
      counts[index] += 1
    }
    #expect(counts == [2_500, 0, 7_500])
    // Exactly on the boundary between light 0 and the dark light 1: light 2, never the dark one.
    #expect(distribution.choose(0.25)?.index == 2)
    #expect(distribution.choose(0)?.index == 0)
  }

  @Test("when every light is dark, each is chosen with equal probability")
  func allDark() {
    let distribution = LightDistribution(lights: [
      .point(PointLight(position: .zero, intensity: .black)),
      .point(PointLight(position: .zero, intensity: .black)),
    ])
    #expect(distribution.probabilities == [0.5, 0.5])
    #expect(LightDistribution(lights: []).choose(0.5) == nil)
  }

  @Test("with two lights of very different power, the image is the sum of the images with each alone")
  func twoLightsAddUp() throws {
    // The point light is off to the side, so that the disk does not shadow it.
    let point = pointEmitter(intensity: 20, height: 6, offset: 8)
    let disk = diskEmitter(radiance: 2, radius: 3, height: 4)
    let pointAlone = try meanGreen(of: floorScene(albedo: 0.5, emitters: [point]))
    let diskAlone = try meanGreen(of: floorScene(albedo: 0.5, emitters: [disk]))
    let both = try meanGreen(of: floorScene(albedo: 0.5, emitters: [point, disk]))
    #expect(abs(both - (pointAlone + diskAlone)) / (pointAlone + diskAlone) < 0.03,
            "both \(both), alone \(pointAlone) + \(diskAlone)")
  }
}

@Suite("Normals integrator")
struct NormalsIntegratorTests {
  @Test("normals_debug shows (n + 1) / 2: a floor facing +Y is (0.5, 1, 0.5), the background black")
  func floorAndBackground() throws {
    let text = floorScene(albedo: 0.5, emitters: [pointEmitter(intensity: 1, height: 3)],
                          integrator: #"{ "type": "normals_debug" }"#, samples: 1)
    let scene = try SceneLoader.parse(text, fileName: "normals.json")
    guard case .normals = scene.integrator else { Issue.record("expected normals_debug"); return }
    let image = Renderer.render(scene, settings: scene.film).image
    for pixel in image {
      #expect(abs(pixel.r - 0.5) < 1e-5 && abs(pixel.g - 1) < 1e-5 && abs(pixel.b - 0.5) < 1e-5, "\(pixel)")
    }
    // Looking up, away from the floor, nothing is hit.
    let upward = text.replacingOccurrences(of: #""rotation": 90 }"#, with: #""rotation": -90 }"#)
    let sky = Renderer.render(try SceneLoader.parse(upward, fileName: "normals.json"), settings: scene.film).image
    #expect(sky.allSatisfy { $0.isBlack })
  }
}
