import LightArena
import Testing
@testable import PathTracer

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

  @Test("a pixel's samples depend on the seed and the pixel, not on anything else")
  func determinism() {
    var arena = MemoryArena()
    func filmSamples(seed: UInt64, x: Int) -> [Point2] {
      arena.withAllocator { alloc in
        var rng = pixelGenerator(seed: seed, x: x, y: 3, width: 100)
        let samples = PixelSamples(alloc: alloc, samplesPerPixel: 16, bounces: 3, rng: &rng)
        return (0..<16).map { samples.film.point($0) } + [samples.vertex(sample: 5, bounce: 2).bsdf]
      }
    }
    #expect(filmSamples(seed: 1, x: 5) == filmSamples(seed: 1, x: 5))
    #expect(filmSamples(seed: 1, x: 5) != filmSamples(seed: 2, x: 5))
    #expect(filmSamples(seed: 1, x: 5) != filmSamples(seed: 1, x: 6))
  }
}
