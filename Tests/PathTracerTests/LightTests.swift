import Testing
@testable import PathTracer

/// The mean green value of a render of `text`.
func meanGreen(of text: String) throws -> Float {
  let scene = try SceneLoader.parse(text, fileName: "lights.json")
  let (image, report) = Renderer.render(scene)
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

  /// Power lists with dark lights. For the last four the running sum of the
  /// probabilities rounds to `1.nextDown`, below 1, so that a sample just
  /// under 1 lies beyond every light but the dark ones at the end.
  static let powersWithDarkLights: [[Float]] = [
    [1, 0], [1, 1, 0], [0, 2, 0], [0.1, 0.2, 0.3, 0],
    [1, 0.7, 0], [0.1, 0.2, 0], [3, 0.4, 0, 0], [0, 0.1, 0, 0.2, 0],
  ]

  @Test("a light of zero power is never chosen, for any u in [0, 1), even just below 1",
        arguments: powersWithDarkLights)
  func darkLightNeverChosen(powers: [Float]) {
    let distribution = LightDistribution(powers: powers)
    // A sweep, plus the values where float rounding bites: 0, just below 1,
    // and each running sum together with its neighbours.
    var samples: [Float] = (0..<4_096).map { (Float($0) + 0.5) / 4_096 } + [0, Float(1).nextDown]
    for boundary in distribution.cumulative {
      samples += [boundary.nextDown, boundary, boundary.nextUp].filter { $0 >= 0 && $0 < 1 }
    }
    // Outside the contract, but still no dark light and no division by zero.
    samples += [-1, -0.0, 1, 2, .infinity, .nan]
    for u in samples {
      guard let (index, probability) = distribution.choose(u) else {
        Issue.record("no light chosen for u = \(u)")
        continue
      }
      #expect(powers[index] > 0, "u = \(u) chose dark light \(index) of \(powers)")
      #expect(probability > 0 && probability == distribution.probabilities[index], "u = \(u)")
    }
  }

  @Test("when every light is dark, any u in [0, 1) still chooses a light with probability 1/n")
  func allDarkChoice() {
    let distribution = LightDistribution(powers: [0, 0, 0])
    for u in [0, 0.5, Float(1).nextDown] {
      #expect(distribution.choose(u)?.probability == Float(1) / 3)
    }
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
    let image = Renderer.render(scene).image
    for pixel in image {
      #expect(abs(pixel.r - 0.5) < 1e-5 && abs(pixel.g - 1) < 1e-5 && abs(pixel.b - 0.5) < 1e-5, "\(pixel)")
    }
    // Looking up, away from the floor, nothing is hit.
    let upward = text.replacingOccurrences(of: #""rotation": 90 }"#, with: #""rotation": -90 }"#)
    let sky = Renderer.render(try SceneLoader.parse(upward, fileName: "normals.json"), options: RenderOptions()).image
    #expect(sky.allSatisfy { $0.isBlack })
  }
}
