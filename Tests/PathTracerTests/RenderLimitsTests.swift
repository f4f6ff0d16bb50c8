import Foundation
import Testing
@testable import PathTracer

/// Issue 11, item 2: sizes that a scene or a command line merely claims are
/// checked, overflow-safe, before anything is allocated for them; and a
/// pixel's memory does not grow with its samples.
@Suite("Render limits")
struct RenderLimitsTests {
  static let scene: Scene = try! SceneLoader.parse(validSceneText, fileName: "tiny.json")

  /// The error `RenderLimits.check` gives for the tiny scene with `change`
  /// made to its film and `options`, or `nil` when it passes.
  static func refusal(options: RenderOptions = RenderOptions(), _ change: (inout FilmDescription) -> Void = { _ in })
    -> String?
  {
    var film = scene.film
    change(&film)
    do {
      try RenderLimits.check(scene, film: film, options: options)
      return nil
    } catch {
      return error.message
    }
  }

  @Test("an ordinary render passes")
  func ordinary() {
    #expect(Self.refusal { $0.width = 1920; $0.height = 1080; $0.samplesPerPixel = 1024 } == nil)
    #expect(Self.refusal(options: RenderOptions(threads: 64)) == nil)
  }

  @Test("a film larger than memory is refused with what it needs and what the machine has")
  func hugeFilm() throws {
    let message = try #require(Self.refusal { $0.width = 100_000; $0.height = 100_000 })
    #expect(message.hasPrefix("a 100000×100000 image needs "), "\(message)")
    #expect(message.contains("more than this machine's"), "\(message)")
  }

  @Test("sizes whose products overflow are refused, not trapped on")
  func overflowingFilm() throws {
    for (width, height) in [(Int.max, 1), (Int.max / 2, 3), (1 << 40, 1 << 40)] {
      let message = try #require(Self.refusal { $0.width = width; $0.height = height })
      #expect(message.contains("needs more than"), "\(message)")
    }
    let estimate = RenderLimits.memoryRequirement(film: { var f = Self.scene.film; f.width = .max; return f }(),
                                                  options: RenderOptions())
    #expect(estimate.bytes == nil)
  }

  @Test("samples, depth, threads and tile sizes out of range are refused, naming the limit")
  func ranges() {
    #expect(Self.refusal { $0.samplesPerPixel = 1_000_000_000_000 }
            == "1000000000000 samples per pixel: the limit is 1 to 4294967295")
    #expect(Self.refusal { $0.samplesPerPixel = 0 } == "0 samples per pixel: the limit is 1 to 4294967295")
    #expect(Self.refusal { $0.sampler = .adaptive(AdaptiveSampling(maxSamples: Int.max)) }
            == "the adaptive sampler's max_samples is \(Int.max): the limit is 1 to 4294967295")
    #expect(Self.refusal(options: RenderOptions(threads: 5000)) == "5000 threads: the limit is 1 to 4096")
    #expect(Self.refusal(options: RenderOptions(tileSize: 0)) == "tile size 0: the limit is 1 to 4096")
  }

  @Test("the scene file's sample counts and depths are checked where they are written",
        arguments: [
          (#""samples": 2,"#, #""samples": 1000000000000,"#,
           "l.json: film.samples: must be at most 4294967295, found 1000000000000"),
          (#""samples": 2,"#, #""samples": 2, "sampler": { "type": "adaptive", "max_samples": 99999999999 },"#,
           "l.json: film.sampler.max_samples: must be at most 4294967295, found 99999999999"),
          (#""max_depth": 4"#, #""max_depth": 1000000000000"#,
           "l.json: integrator.max_depth: must be at most 1024, found 1000000000000"),
        ])
  func loaderLimits(old: String, new: String, expected: String) throws {
    let text = SceneLoaderTests.broken(old, new)
    #expect(throws: SceneError.self) { try SceneLoader.parse(text, fileName: "l.json") }
    do {
      _ = try SceneLoader.parse(text, fileName: "l.json")
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test("memory is estimated from the film and the threads, not from the samples per pixel")
  func estimate() throws {
    var film = Self.scene.film
    film.width = 640
    film.height = 480
    let few = try #require(RenderLimits.memoryRequirement(film: film, options: RenderOptions(threads: 2)).bytes)
    film.samplesPerPixel = 1 << 20
    #expect(RenderLimits.memoryRequirement(film: film, options: RenderOptions(threads: 2)).bytes == few)
    let more = try #require(RenderLimits.memoryRequirement(film: film, options: RenderOptions(threads: 8)).bytes)
    #expect(more > few)
    #expect(few > 640 * 480 * 32)  // at least the sums and the linear image
  }
}
