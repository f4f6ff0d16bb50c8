import Testing
@testable import PathTracer

private func gray(_ value: Float) -> Color { Color(gray: value) }

private func close(_ a: Color, _ b: Color, tolerance: Float = 1e-5) -> Bool {
  all(abs(a.rgb - b.rgb) .<= SIMD3(repeating: tolerance * max(1, b.maxComponent)))
}

@Suite("Animated emission")
struct AnimatedEmissionTests {
  /// Dark until 1 s, ramping to 8 by 3 s, then a cut to 2 at 3 s, held after.
  static let ramp = AnimatedColor(keyframes: [.init(time: 3, color: gray(8)), .init(time: 1, color: .black),
                                              .init(time: 3, color: gray(2))])

  @Test("linear between keyframes, held before the first and after the last, sorted by time, cut at equal times")
  func lookups() {
    let ramp = Self.ramp
    #expect(ramp.keyframes.map(\.time) == [1, 3, 3])
    #expect(ramp.keyframes[1].color == gray(8) && ramp.keyframes[2].color == gray(2))  // listed order kept
    #expect(ramp.color(at: -5) == .black && ramp.color(at: 1) == .black)
    #expect(ramp.color(at: 2) == gray(4))
    #expect(ramp.color(at: 2.999).r > 7.9)
    #expect(ramp.color(at: 3) == gray(2))           // the later colour at the cut
    #expect(ramp.color(at: 100) == gray(2))
    #expect(ramp.color(at: .nan) == .black)
    #expect(!ramp.isConstant && AnimatedColor(gray(3)).isConstant)
    #expect(AnimatedColor(gray(3)).color(at: -7) == gray(3))
  }

  @Test("the mean over an interval is exact: trapezoids, held ends and cuts")
  func averages() {
    let ramp = Self.ramp
    #expect(close(ramp.averageColor(over: 1...3), gray(4)))                 // the ramp's mean
    #expect(close(ramp.averageColor(over: 0...4), gray((8 + 2) / 4)))       // 0 + 8 + 2 over 4 s
    #expect(close(ramp.averageColor(over: 1.5...2.5), gray(4)))             // inside one piece: the midpoint's value
    #expect(close(ramp.averageColor(over: 3...5), gray(2)))                 // after the cut
    #expect(close(ramp.averageColor(over: 2...4), gray((6 + 2) / 2)))       // (8 + 4) / 2 for 1 s, then 2 for 1 s
    #expect(ramp.averageColor(over: -3 ... -1) == .black)
    #expect(ramp.averageColor(over: 2...2) == gray(4))                      // an instant
  }

  @Test("the mean agrees with dense numerical integration for random keyframes")
  func averagesMatchIntegration() {
    var rng = PCG32(seed: 99)
    for _ in 0..<100 {
      let count = 1 + Int(rng.nextUInt32() % 6)
      let keyframes = (0..<count).map { _ in
        AnimatedColor.Keyframe(time: (rng.nextFloat() * 8).rounded() / 2,   // repeats make cuts
                               color: Color(rng.nextFloat(), rng.nextFloat() * 4, rng.nextFloat() * 10))
      }
      let color = AnimatedColor(keyframes: keyframes)
      let start = rng.nextFloat() * 6 - 1
      let end = start + rng.nextFloat() * 4 + 0.01
      let steps = 20_000
      var sum = Color.black
      for i in 0..<steps { sum += color.color(at: start + (end - start) * (Float(i) + 0.5) / Float(steps)) }
      let numerical = sum / Float(steps)
      #expect(close(color.averageColor(over: start...end), numerical, tolerance: 2e-3), "\(keyframes) over \(start)...\(end)")
    }
  }

  @Test("a light that shines for part of the shutter has a mean above zero; one dark throughout has zero")
  func neverZeroWhileEmitting() {
    let flash = AnimatedColor(keyframes: [.init(time: 1, color: .black), .init(time: 1.01, color: gray(50)),
                                          .init(time: 1.02, color: .black)])
    #expect(flash.averageColor(over: 0...2).r > 0)
    #expect(flash.averageColor(over: 1.015...1.016).r > 0)
    #expect(flash.averageColor(over: 0...0.99) == .black)
    #expect(flash.averageColor(over: 1.5...3) == .black)
  }

  // MARK: Loading

  static func emission(_ json: String) throws(SceneError) -> AnimatedColor {
    let root = try JSONNode.parse("{ \"objects\": [{ \"emission\": \(json) }] }", fileName: "lights.json")
    return try SceneLoader.emission(from: try root.required("objects").elements()[0].required("emission"))
  }

  @Test("an emission is a plain colour or a list of timed colours in any order")
  func loading() throws {
    #expect(try Self.emission("[1, 0.5, 0.25, 4]") == AnimatedColor(Color(4, 2, 1)))
    let fade = try Self.emission("[{ \"time\": 0.5, \"color\": [1, 1, 1, 90] }, { \"time\": 0, \"color\": [1, 1, 1, 0] }]")
    #expect(fade.keyframes == [.init(time: 0, color: .black), .init(time: 0.5, color: gray(90))])
    #expect(fade.color(at: 0.25) == gray(45))
  }

  @Test("mistakes in an animated emission are reported at their JSON path",
        arguments: [
          ("[]", "lights.json: objects[0].emission: an emission needs a colour, or at least one {\"time\", \"color\"} keyframe"),
          ("[{ \"time\": 0, \"color\": [1, 1, 1] }, { \"color\": [1, 1, 1] }]",
           "lights.json: objects[0].emission[1]: missing required key \"time\""),
          ("[{ \"time\": 0 }]", "lights.json: objects[0].emission[0]: missing required key \"color\""),
          ("[{ \"time\": \"now\", \"color\": [1, 1, 1] }]", "lights.json: objects[0].emission[0].time: expected a number, found \"now\""),
          ("[{ \"time\": 0, \"color\": [1, 1] }]",
           "lights.json: objects[0].emission[0].color: expected an array of 3 or 4 numbers, found an array of 2"),
          ("[{ \"time\": 0, \"color\": [1, -1, 1] }]",
           "lights.json: objects[0].emission[0].color: colour components must not be negative"),
          ("[{ \"time\": 0, \"color\": [1, 1, 1] }, [1, 1, 1]]",
           "lights.json: objects[0].emission[1]: expected an object, found an array"),
          ("\"bright\"", "lights.json: objects[0].emission: expected an array of 3 or 4 numbers, found \"bright\""),
        ])
  func loadingErrors(json: String, expected: String) {
    do {
      _ = try Self.emission(json)
      Issue.record("expected an error starting: \(expected)")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }
}
