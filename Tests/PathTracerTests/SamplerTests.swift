import Foundation
import LightArena
import Testing
@testable import PathTracer

/// True when `points` (2^k of them in [0, 1)²) put exactly one point in every
/// elementary interval of area 2^-k: every grid of 2^a × 2^(k−a) cells.
func isZeroTwoNet(_ points: [Point2]) -> Bool {
  let k = points.count.trailingZeroBitCount
  precondition(points.count == 1 << k, "test setup: a power of two points")
  for xBits in 0...k {
    let columns = 1 << xBits, rows = points.count / columns
    let cells = Set(points.map { Int($0.x * Float(columns)) * rows + Int($0.y * Float(rows)) })
    if cells.count != points.count { return false }
  }
  return true
}

@Suite("Low-discrepancy samples")
struct SamplerTests {
  @Test("the (0,2)-sequence puts exactly one of n = 2^k points in each of the n strata of every elementary shape")
  func stratification() {
    var coordinates = [Float](repeating: 0, count: 128)
    var rng = PCG32(seed: 7)
    coordinates.withUnsafeMutableBufferPointer { LowDiscrepancy.fill2D($0, rng: &rng) }
    let points = (0..<64).map { Point2(coordinates[2 * $0], coordinates[2 * $0 + 1]) }
    // Elementary intervals of area 1/64: 1x64, 2x32, ..., 64x1 grids.
    for xBits in 0...6 {
      let columns = 1 << xBits, rows = 64 / columns
      var seen = Set<Int>()
      for p in points {
        seen.insert(Int(p.x * Float(columns)) * rows + Int(p.y * Float(rows)))
      }
      #expect(seen.count == 64, "grid \(columns)x\(rows)")
    }
    #expect(points.allSatisfy { $0.x >= 0 && $0.x < 1 && $0.y >= 0 && $0.y < 1 })
  }

  @Test("the fills step through the sequence to exactly the points the direct formulas give")
  func steppedPointsMatchTheFormulas() {
    let scramble = SIMD2<UInt32>(0x9e37_79b9, 0x7f4a_7c15)
    // From 0, from an odd index, and across a carry into a high bit.
    for firstIndex: UInt32 in [0, 37, (1 << 20) - 5] {
      var coordinates = [Float](repeating: 0, count: 2 * 16)
      var values = [Float](repeating: 0, count: 16)
      var rng = PCG32(seed: 3), sameRng = rng
      coordinates.withUnsafeMutableBufferPointer {
        LowDiscrepancy.fill2D($0, scramble: scramble, firstIndex: firstIndex, rng: &rng)
      }
      values.withUnsafeMutableBufferPointer {
        LowDiscrepancy.fill1D($0, scramble: scramble.x, firstIndex: firstIndex, rng: &sameRng)
      }
      let points = (0..<16).map { SIMD2(coordinates[2 * $0], coordinates[2 * $0 + 1]) }
      let expected = (0..<16).map {
        SIMD2(LowDiscrepancy.vanDerCorput(firstIndex + UInt32($0), scramble: scramble.x),
              LowDiscrepancy.sobol2(firstIndex + UInt32($0), scramble: scramble.y))
      }
      // Shuffled, so compare as sets: the same points, each with its own two coordinates.
      #expect(Set(points.map { [$0.x, $0.y] }) == Set(expected.map { [$0.x, $0.y] }), "from \(firstIndex)")
      #expect(Set(values) == Set(expected.map(\.x)), "from \(firstIndex)")
    }
  }

  @Test("a pixel's samples depend on the seed and the pixel, not on anything else")
  func determinism() {
    var arena = MemoryArena()
    func filmSamples(seed: UInt64, x: Int) -> [Point2] {
      arena.withAllocator { alloc in
        var rng = pixelGenerator(seed: seed, x: x, y: 3, width: 100)
        let samples = PixelSamples(alloc: alloc, count: 16, bounces: 3, rng: &rng)
        return (0..<16).map { samples.filmOffset($0) } + [samples.vertex(sample: 5, bounce: 2).bsdf]
      }
    }
    #expect(filmSamples(seed: 1, x: 5) == filmSamples(seed: 1, x: 5))
    #expect(filmSamples(seed: 1, x: 5) != filmSamples(seed: 1, x: 6))
    #expect(filmSamples(seed: 1, x: 5) != filmSamples(seed: 2, x: 5))
  }

  /// The film positions of two batches of 32, the second starting at sequence index 32.
  static func twoBatches(secondScrambles: PCG32?) -> [Point2] {
    let scrambles = PCG32(seed: 11, stream: 3)
    var rng = PCG32(seed: 5)
    var points: [Point2] = []
    for (firstIndex, batchScrambles) in [(0, scrambles), (32, secondScrambles ?? scrambles)] {
      var batch = LowDiscrepancyBatch(scrambles: batchScrambles, firstIndex: firstIndex)
      var coordinates = [Float](repeating: 0, count: 64)
      coordinates.withUnsafeMutableBufferPointer { batch.fill2D($0, rng: &rng) }
      points += (0..<32).map { Point2(coordinates[2 * $0], coordinates[2 * $0 + 1]) }
    }
    return points
  }

  @Test("two adaptive batches that continue one scrambled sequence are together a (0,6,2)-net; freshly scrambled ones are not")
  func continuedBatchesStayStratified() {
    let continued = Self.twoBatches(secondScrambles: nil)
    #expect(isZeroTwoNet(Array(continued[..<32])))
    #expect(isZeroTwoNet(Array(continued[32...])))
    #expect(isZeroTwoNet(continued))
    // A fresh scramble keeps the second batch a net, but the union is one only by luck.
    let fresh = (0..<32).map { Self.twoBatches(secondScrambles: PCG32(seed: 100 + UInt64($0), stream: 3)) }
    #expect(fresh.allSatisfy { isZeroTwoNet(Array($0[32...])) })
    let lucky = fresh.filter(isZeroTwoNet).count
    #expect(lucky < 8, "\(lucky) of 32 freshly scrambled unions are nets")
  }

  @Test("an adaptive batch reuses the scramble of every set in the same order: the first batch's points are a prefix")
  func batchesShareScrambles() {
    var arena = MemoryArena()
    let scrambles = PCG32(seed: 3, stream: 9)
    // Sequence points 0..<8 as one batch, and as points 0..<4 of a batch of 8 taken
    // in two batches of 4: the sets must be the same points (in some order).
    func lightPoints(batches: [(first: Int, count: Int)]) -> Set<[Float]> {
      var rng = PCG32(seed: 1)
      var result = Set<[Float]>()
      for batch in batches {
        arena.withAllocator { alloc in
          let pattern = Sampler.ArrayFill.lowDiscrepancyBatch(LowDiscrepancyBatch(scrambles: scrambles, firstIndex: batch.first))
          let samples = PixelSamples(alloc: alloc, count: batch.count, bounces: 2, fill: pattern, rng: &rng)
          for s in 0..<batch.count {
            let p = samples.vertex(sample: s, bounce: 1).light
            result.insert([p.x, p.y])
          }
        }
      }
      return result
    }
    let whole = lightPoints(batches: [(0, 8)])
    #expect(whole.count == 8)
    #expect(lightPoints(batches: [(0, 4), (4, 4)]) == whole)
  }
}

@Suite("Uniform sampler")
struct UniformSamplerTests {
  @Test("uniform values lie in [0, 1) and pass a chi-square test on 20 bins, with mean 1/2 and variance 1/12")
  func uniformity() {
    var values = [Float](repeating: -1, count: 20_000)
    var rng = PCG32(seed: 2024)
    values.withUnsafeMutableBufferPointer { UniformRandom.fill($0, rng: &rng) }
    #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
    var bins = [Int](repeating: 0, count: 20)
    for v in values { bins[Int(v * 20)] += 1 }
    let expected = Double(values.count) / 20
    let chiSquare = bins.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    // 19 degrees of freedom: P(chi² > 43.8) = 0.001.
    #expect(chiSquare < 43.8, "chi-square \(chiSquare), bins \(bins)")
    let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
    let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count - 1)
    #expect(abs(mean - 0.5) < 0.01)
    #expect(abs(variance - 1.0 / 12) < 0.005)
  }

  @Test("a uniform pixel fills every set with values in [0, 1), unlike the low-discrepancy ones from the same generator")
  func pixelSamples() {
    var arena = MemoryArena()
    func values(_ pattern: Sampler.ArrayFill) -> [Float] {
      arena.withAllocator { alloc in
        var rng = PCG32(seed: 8)
        let samples = PixelSamples(alloc: alloc, count: 8, bounces: 2, fill: pattern, rng: &rng)
        return (0..<8).flatMap { [samples.filmOffset($0).x, samples.filmOffset($0).y] }
          + (0..<8).flatMap { s in (0..<2).flatMap { b in
            let v = samples.vertex(sample: s, bounce: b)
            return [v.light.x, v.light.y, v.lightChoice, v.bsdf.x, v.bsdf.y, v.bsdfComponent]
          } }
      }
    }
    let uniform = values(.uniform)
    #expect(uniform.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(Set(uniform).count > uniform.count - 2)  // no set left at zero
    #expect(uniform != values(.lowDiscrepancy))
  }
}

@Suite("Adaptive sampler")
struct AdaptiveSamplerTests {
  /// The batch sizes `rule` asks for when sample `i` has luminance `luminance(i)`.
  static func batches(_ rule: AdaptiveSampling, firstBatch: Int, luminance: (Int) -> Float) -> [Int] {
    var statistics = LuminanceStatistics()
    var taken = 0
    var sizes: [Int] = []
    while let size = rule.nextBatchSize(taken: taken, luminance: statistics, firstBatch: firstBatch) {
      for i in taken..<taken + size { statistics.add(luminance(i)) }
      taken += size
      sizes.append(size)
    }
    return sizes
  }

  @Test("the statistics give the mean, the unbiased variance and the standard error of the mean")
  func statistics() {
    var statistics = LuminanceStatistics()
    #expect(statistics.standardErrorOfMean == .infinity)
    for v: Float in [1, 2, 3, 4] { statistics.add(v) }
    #expect(statistics.count == 4)
    #expect(statistics.mean == 2.5)
    #expect(abs(statistics.variance - 5.0 / 3) < 1e-12)
    #expect(abs(statistics.standardErrorOfMean - (5.0 / 12).squareRoot()) < 1e-12)
  }

  @Test("constant samples stop after the first batch, black ones too")
  func constantStops() {
    #expect(Self.batches(AdaptiveSampling(maxSamples: 256), firstBatch: 16) { _ in 0.37 } == [16])
    #expect(Self.batches(AdaptiveSampling(maxSamples: 256), firstBatch: 16) { _ in 0 } == [16])
  }

  @Test("high-variance samples double the total until the limit, the last batch cut to it")
  func noisyContinues() {
    let noisy: (Int) -> Float = { $0 % 2 == 0 ? 0 : 10 }
    #expect(Self.batches(AdaptiveSampling(maxSamples: 100), firstBatch: 16, luminance: noisy) == [16, 16, 32, 36])
    // Without max_samples the limit is 8 × the first batch.
    #expect(Self.batches(AdaptiveSampling(), firstBatch: 4, luminance: noisy) == [4, 4, 8, 16])
  }

  @Test("a pixel stops as soon as its mean's relative standard error falls to the threshold")
  func stopsAtThreshold() {
    // Alternating 1 and 3: mean 2, s ≈ 1, so the relative error is about 0.5 / √n.
    let alternating: (Int) -> Float = { $0 % 2 == 0 ? 1 : 3 }
    #expect(Self.batches(AdaptiveSampling(maxSamples: 1024, threshold: 0.1), firstBatch: 8, luminance: alternating)
            == [8, 8, 16])  // 0.129 at 16 samples, 0.090 at 32
  }

  @Test("dark pixels are judged by the absolute floor: faint noise stops, unless the floor is zero")
  func luminanceFloor() {
    let faint: (Int) -> Float = { $0 % 2 == 0 ? 0 : 0.001 }
    #expect(Self.batches(AdaptiveSampling(maxSamples: 64), firstBatch: 16, luminance: faint) == [16])
    #expect(Self.batches(AdaptiveSampling(maxSamples: 64, luminanceFloor: 0), firstBatch: 16, luminance: faint)
            == [16, 16, 32])
  }

  @Test("one sample cannot judge a pixel; max_samples below the first batch means the first batch only")
  func edgeCases() {
    #expect(!AdaptiveSampling().isConverged({ var s = LuminanceStatistics(); s.add(1); return s }()))
    #expect(Self.batches(AdaptiveSampling(maxSamples: 8), firstBatch: 1) { _ in 1 } == [1, 1])
    #expect(AdaptiveSampling(maxSamples: 4).sampleLimit(firstBatch: 16) == 16)
    #expect(Self.batches(AdaptiveSampling(maxSamples: 4), firstBatch: 16) { $0 % 2 == 0 ? 0 : 1 } == [16])
  }
}

/// A camera looking down at a floor lit by a disk light overhead; the right
/// half of its view is covered by a second, flat emitter lying on the floor,
/// black itself, whose pixels therefore see exactly its emission in every sample.
func halfEmitterScene(size: Int = 8, samples: Int = 4, sampler: String = "\"adaptive\"") -> String {
  diskOverFloorScene(albedo: 0.5, radiance: 2, radius: 3, height: 4, size: size, samples: samples)
    .replacingOccurrences(of: "\"samples\": \(samples),", with: "\"samples\": \(samples), \"sampler\": \(sampler),")
    .replacingOccurrences(of: "\"objects\": [", with: """
      "objects": [
        { "name": "tile", "type": "emitter", "emitter": "area", "material": "black", "emission": [1, 1, 1],
          "geometry": { "type": "disk", "radius": 1 },
          "transform": [{ "type": "rotate_x", "rotation": -90 }, { "type": "translate", "translation": [1, 0.001, 0] }] },
      """)
}

@Suite("Rendering with each sampler")
struct SamplerRenderTests {
  static let samplers: [(name: String, json: String)] = [
    ("low_discrepancy", "\"low_discrepancy\""),
    ("uniform", "\"uniform\""),
    ("adaptive", "{ \"type\": \"adaptive\", \"max_samples\": 16, \"threshold\": 0.01 }"),
  ]

  @Test("noisy pixels get more samples than flat ones, and the report counts the samples actually taken")
  func adaptiveSpendsSamplesOnNoise() throws {
    let sampler = "{ \"type\": \"adaptive\", \"max_samples\": 32, \"threshold\": 0.02 }"
    let scene = try SceneLoader.parse(halfEmitterScene(sampler: sampler), fileName: "half.json")
    var options = RenderOptions()
    options.tileSize = 8
    // Per pixel, through one worker: how many samples did each take?
    let film = Film(width: 8, height: 8, filter: scene.film.filter, tileSize: 8)
    var worker = TileRenderer(PixelRenderer(scene: scene, film: scene.film, options: options))
    var taken = [[Int]](repeating: [Int](repeating: 0, count: 8), count: 8)
    for y in 0..<8 {
      for x in 0..<8 {
        let before = worker.samplesTaken
        worker.renderPixel(x: x, y: y, into: film.tileBuffer(0), storing: ArenaBxDFs.self)
        taken[y][x] = worker.samplesTaken - before
      }
    }
    let counts = taken.flatMap { $0 }
    let flat = counts.filter { $0 == 4 }.count, noisy = counts.filter { $0 == 32 }.count
    #expect(flat == 32 && noisy == 32, "samples per pixel: \(taken)")
    // Each row: the floor on one side, the flat emitter on the other.
    #expect(taken.allSatisfy { Set([$0.first!, $0.last!]) == [4, 32] }, "\(taken)")

    let report = Renderer.render(scene, options: options).report
    #expect(report.samples == counts.reduce(0, +))
    #expect(report.samples > 4 * 64 && report.samples < 32 * 64)
  }

  @Test("the flat emitter's pixels are exact and the floor's are unbiased with the adaptive sampler")
  func adaptiveImageIsRight() throws {
    let scene = try SceneLoader.parse(halfEmitterScene(sampler: "{ \"type\": \"adaptive\", \"max_samples\": 64 }"),
                                      fileName: "half.json")
    let image = Renderer.render(scene).image
    let rows = (0..<8).map { y in Array(image[y * 8..<(y + 1) * 8]) }
    let emitterSide = rows[0].first!.g == 1 ? 0 : 7
    #expect(rows.allSatisfy { $0[emitterSide].rgb == SIMD3(repeating: 1) })
    // The floor far from the emitter: the analytic disk-light value, as in RenderTests.
    let floor = rows.map { $0[7 - emitterSide].g }.reduce(0, +) / 8
    let expected: Float = 0.5 * 2 * 9 / (9 + 16)
    #expect(abs(floor - expected) / expected < 0.05, "floor \(floor), expected \(expected)")
  }

  @Test("with a wide filter, a flat pixel next to a noisy one is not swamped by its neighbour's extra samples")
  func adaptiveWeighsPixelsEqually() throws {
    // Mitchell-Netravali of radius 2: every sample reaches two pixels to each side.
    func render(_ sampler: String, samples: Int) throws -> [Float] {
      let text = halfEmitterScene(samples: samples, sampler: sampler)
        .replacingOccurrences(of: #"{ "type": "gaussian", "width": 0.5, "height": 0.5, "alpha": 0.01 }"#,
                              with: #"{ "type": "mitchell_netravali", "width": 2, "height": 2, "b": 0.333, "c": 0.333 }"#)
      let scene = try SceneLoader.parse(text, fileName: "half.json")
      #expect(scene.film.filter.radius == SIMD2(2, 2))
      let image = Renderer.render(scene).image
      // Column means: the emitter's half and the floor's half meet in the middle.
      return (0..<8).map { x in (0..<8).map { y in image[y * 8 + x].g }.reduce(0, +) / 8 }
    }
    // Flat pixels stop at 4 samples, noisy ones go on to 64: without a weight
    // of 1 / n per sample, the flat pixels beside the noisy ones would be
    // dragged toward the floor's value by 16 times as many neighbouring samples.
    let adaptive = try render(#"{ "type": "adaptive", "max_samples": 64, "threshold": 0.02 }"#, samples: 4)
    let uniformCount = try render(#""low_discrepancy""#, samples: 64)
    for (a, b) in zip(adaptive, uniformCount) {
      #expect(abs(a - b) / b < 0.05, "columns: adaptive \(adaptive), 64 spp \(uniformCount)")
    }
  }

  @Test("the same seed gives bit-identical images with 1 and 2 threads, for every sampler",
        arguments: samplers.map(\.name))
  func deterministicAcrossThreads(name: String) throws {
    let json = Self.samplers.first { $0.name == name }!.json
    let scene = try SceneLoader.parse(halfEmitterScene(size: 20, samples: 4, sampler: json), fileName: "half.json")
    var options = RenderOptions()
    options.tileSize = 8
    options.threads = 1
    let (one, oneReport) = Renderer.render(scene, options: options)
    options.threads = 2
    let (two, twoReport) = Renderer.render(scene, options: options)
    #expect(one == two)
    #expect(oneReport.samples == twoReport.samples)
    options.seed = 7
    #expect(Renderer.render(scene, options: options).image != one)
  }

  @Test("the three samplers make different images of the same scene")
  func samplersDiffer() throws {
    let images = try Self.samplers.map { sampler in
      let scene = try SceneLoader.parse(halfEmitterScene(size: 8, samples: 4, sampler: sampler.json), fileName: "half.json")
      return Renderer.render(scene).image
    }
    #expect(images[0] != images[1] && images[0] != images[2] && images[1] != images[2])
  }

  @Test("an adaptive pixel holds one batch of sample arrays at a time, not all of them, and its footprint buffer")
  func memoryBoundedByOneBatch() throws {
    func peakBytes(sampler: String, samples: Int) throws -> Int {
      let scene = try SceneLoader.parse(halfEmitterScene(samples: samples, sampler: sampler), fileName: "half.json")
      let film = Film(width: 8, height: 8, filter: scene.film.filter, tileSize: 8)
      var worker = TileRenderer(PixelRenderer(scene: scene, film: scene.film, options: RenderOptions()))
      let before = worker.samplesTaken
      worker.renderPixel(x: 0, y: 0, into: film.tileBuffer(0), storing: ArenaBxDFs.self)  // a floor pixel... or the emitter's
      worker.renderPixel(x: 7, y: 0, into: film.tileBuffer(0), storing: ArenaBxDFs.self)  // ...and one of the other kind
      if sampler.contains("adaptive") { #expect(worker.samplesTaken - before == 4 + 64) }
      return worker.arena.statistics.highWaterBytes
    }
    let adaptive = try peakBytes(sampler: "{ \"type\": \"adaptive\", \"max_samples\": 64, \"threshold\": 0.001 }", samples: 4)
    let all64 = try peakBytes(sampler: "\"low_discrepancy\"", samples: 64)
    let all32 = try peakBytes(sampler: "\"low_discrepancy\"", samples: 32)
    // The last batch is 32 samples; the samples of all batches are splatted
    // into the pixel's footprint buffer, whose size does not depend on them.
    let scene = try SceneLoader.parse(halfEmitterScene(samples: 4), fileName: "half.json")
    let side = Film(width: 8, height: 8, filter: scene.film.filter, tileSize: 8).tileBuffer(0).footprintSide
    let finishedBuffer = side * side * MemoryLayout<SIMD4<Float>>.stride
    #expect(adaptive >= all32 + finishedBuffer)
    #expect(adaptive <= all32 + finishedBuffer + 64)  // + alignment
    #expect(all32 + finishedBuffer + 64 < all64 + finishedBuffer)  // so not every batch at once
  }

  @Test("a pixel of 65536 samples runs in the arena memory of one batch, for every sampler",
        arguments: ["\"low_discrepancy\"", "\"uniform\""])
  func memoryDoesNotGrowWithSamples(sampler: String) throws {
    func peakBytes(samples: Int) throws -> (bytes: Int, batch: Int) {
      let scene = try SceneLoader.parse(halfEmitterScene(samples: samples, sampler: sampler), fileName: "half.json")
      let film = Film(width: 8, height: 8, filter: scene.film.filter, tileSize: 8)
      var worker = TileRenderer(PixelRenderer(scene: scene, film: scene.film, options: RenderOptions()))
      worker.renderPixel(x: 7, y: 0, into: film.tileBuffer(0), storing: ArenaBxDFs.self)
      #expect(worker.samplesTaken == samples)
      return (worker.arena.statistics.highWaterBytes, SampleLayout.batchLimit(bounces: scene.integrator.bounces))
    }
    let (huge, batch) = try peakBytes(samples: 65536)
    #expect(batch < 65536)  // so the pixel really takes several batches
    #expect(try peakBytes(samples: batch).bytes == huge)
    #expect(try peakBytes(samples: batch / 2).bytes < huge)  // and the peak is the batch's arrays
  }
}

@Suite("Sampler in scene files")
struct SamplerLoadingTests {
  static func film(sampler: String?) throws -> FilmDescription {
    let text = sampler.map { SceneLoaderTests.broken("\"samples\": 2,", "\"samples\": 2, \"sampler\": \($0),") }
      ?? validSceneText
    return try SceneLoader.parse(text, fileName: "s.json").film
  }

  @Test("no sampler key means low-discrepancy; names and objects select the others")
  func names() throws {
    #expect(try Self.film(sampler: nil).sampler == .lowDiscrepancy)
    #expect(try Self.film(sampler: "\"low_discrepancy\"").sampler == .lowDiscrepancy)
    #expect(try Self.film(sampler: "\"uniform\"").sampler == .uniform)
    #expect(try Self.film(sampler: "{ \"type\": \"uniform\" }").sampler == .uniform)
    #expect(try Self.film(sampler: "\"adaptive\"").sampler == .adaptive(AdaptiveSampling()))
    #expect(try Self.film(sampler: "{ \"type\": \"adaptive\" }").sampler == .adaptive(AdaptiveSampling()))
  }

  @Test("the adaptive sampler's keys and defaults")
  func adaptiveKeys() throws {
    let film = try Self.film(sampler: "{ \"type\": \"adaptive\", \"max_samples\": 64, \"threshold\": 0.1, \"luminance_floor\": 0 }")
    #expect(film.sampler == .adaptive(AdaptiveSampling(maxSamples: 64, threshold: 0.1, luminanceFloor: 0)))
    let defaults = AdaptiveSampling()
    #expect(defaults.maxSamples == nil && defaults.sampleLimit(firstBatch: 2) == 16)
    #expect(defaults.threshold == 0.05 && defaults.luminanceFloor == 0.01)
  }

  @Test("bad sampler values are reported at their JSON path",
        arguments: [
          ("5", "s.json: film.sampler: expected a sampler name or an object with a \"type\", found 5"),
          ("\"sobol\"", "s.json: film.sampler: unknown sampler \"sobol\"; expected \"low_discrepancy\", \"uniform\" or \"adaptive\""),
          ("{ \"type\": \"sobol\" }", "s.json: film.sampler.type: unknown sampler \"sobol\""),
          ("{ \"max_samples\": 8 }", "s.json: film.sampler: missing required key \"type\""),
          ("{ \"type\": \"adaptive\", \"max_samples\": 1 }", "s.json: film.sampler.max_samples: must be at least film.samples (2), found 1"),
          ("{ \"type\": \"adaptive\", \"max_samples\": 8.5 }", "s.json: film.sampler.max_samples: expected an integer, found 8.5"),
          ("{ \"type\": \"adaptive\", \"threshold\": 0 }", "s.json: film.sampler.threshold: must be greater than zero, found 0"),
          ("{ \"type\": \"adaptive\", \"luminance_floor\": -1 }", "s.json: film.sampler.luminance_floor: must not be negative, found -1"),
        ])
  func errors(sampler: String, message: String) {
    do {
      _ = try Self.film(sampler: sampler)
      Issue.record("expected an error for \(sampler)")
    } catch {
      #expect("\(error)".hasPrefix(message), "\(error)")
    }
  }
}

@Suite("The tracer's sampler options", .enabled(if: TracerCommand.executable != nil, "the tracer executable was not built"))
struct SamplerCommandLineTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracer-sampler-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try validSceneText.write(to: folder.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
    let adaptive = SceneLoaderTests.broken("\"samples\": 2,", "\"samples\": 2, \"sampler\": { \"type\": \"adaptive\", \"max_samples\": 4 },")
    try adaptive.write(to: folder.appendingPathComponent("adaptive.json"), atomically: true, encoding: .utf8)
  }

  func run(_ arguments: [String]) throws -> (status: Int32, errorOutput: String) {
    defer { try? FileManager.default.removeItem(at: folder) }
    return try TracerCommand.run(arguments + ["--threads", "2", "-o", "out.png"], in: folder)
  }

  @Test("--sampler uniform renders and reports the fixed sample count")
  func uniform() throws {
    let result = try run(["tiny.json", "--sampler", "uniform"])
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(result.errorOutput.contains(", 2 spp,"), "\(result.errorOutput)")
  }

  @Test("--sampler adaptive with --max-spp reports the average samples per pixel and the range")
  func adaptive() throws {
    let result = try run(["tiny.json", "--sampler", "adaptive", "--max-spp", "8", "--threshold", "0.001"])
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(result.errorOutput.contains("spp on average (adaptive, 2 to 8)"), "\(result.errorOutput)")
  }

  @Test("--sampler low-discrepancy overrides a scene's adaptive sampler")
  func overridesScene() throws {
    let result = try run(["adaptive.json", "--sampler", "low-discrepancy"])
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(result.errorOutput.contains(", 2 spp,"), "\(result.errorOutput)")
  }

  @Test("bad sampler options are usage errors that name the option",
        arguments: [
          (["tiny.json", "--sampler", "sobol"], "sobol"),
          (["tiny.json", "--sampler", "uniform", "--max-spp", "8"], "apply only to --sampler adaptive"),
          (["tiny.json", "--max-spp", "8"], "add --sampler adaptive"),
          (["tiny.json", "--sampler", "adaptive", "--max-spp", "0"], "--max-spp must be at least 1"),
          (["tiny.json", "--sampler", "adaptive", "--threshold", "0"], "--threshold must be a number greater than zero"),
          (["adaptive.json", "--spp", "8"], "raise --max-spp or lower --spp"),
        ])
  func errors(arguments: [String], message: String) throws {
    let result = try run(arguments)
    #expect(result.status != 0)
    #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
  }
}
