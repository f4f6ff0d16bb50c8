import Testing
@testable import PathTracer

/// Filters wider than the 16 columns that `TileBuffer.addSample` evaluates at
/// once: a library caller may build a `Film` with any radius, not only what
/// the scene loader accepts.
@Suite("Film with wide filters")
struct WideFilterTests {
  static let radius10: [ReconstructionFilter] = [
    .box(radius: SIMD2(10, 10)),
    .gaussian(radius: SIMD2(10, 10), alpha: 0.02),
    .mitchellNetravali(radius: SIMD2(10, 10), b: 1.0 / 3, c: 1.0 / 3),
  ]

  @Test("a radius-10 filter: one sample of the same radiance at every pixel centre resolves to that radiance",
        arguments: radius10)
  func constantRadiance(filter: ReconstructionFilter) {
    let film = Film(width: 40, height: 24, filter: filter, tileSize: 16)
    // Sums of multiples of 1/4 are exact, so the box filter's means are too.
    let radiance = Color(0.5, 0.25, 2)
    for tile in 0..<film.tiles.count {
      let bounds = film.tiles.bounds(of: tile)
      let buffer = film.tileBuffer(tile)
      for y in bounds.lower.y..<bounds.upper.y {
        for x in bounds.lower.x..<bounds.upper.x {
          buffer.addSample(Point2(Float(x) + 0.5, Float(y) + 0.5), radiance)
        }
      }
    }
    let image = film.resolve()
    if case .box = filter {
      #expect(image.allSatisfy { $0 == radiance }, "\(image.first { $0 != radiance }!)")
    } else {
      for (index, pixel) in image.enumerated() {
        #expect(length(pixel.rgb - radiance.rgb) < 1e-5 * length(radiance.rgb), "pixel \(index): \(pixel)")
      }
    }
  }

  @Test("a radius-10 box reaches exactly the pixels whose centres are less than 10 pixels away")
  func footprint() {
    let film = Film(width: 24, height: 24, filter: .box(radius: SIMD2(10, 10)), tileSize: 32)
    film.tileBuffer(0).addSample(Point2(10.5, 10.5), Color(gray: 3))
    let image = film.resolve()
    for y in 0..<24 {
      for x in 0..<24 {
        let inside = (1...19).contains(x) && (1...19).contains(y)
        #expect(image[y * 24 + x] == (inside ? Color(gray: 3) : .black), "pixel (\(x), \(y))")
      }
    }
  }

  @Test("two samples blend in every pixel by the filter's weights, evaluated directly")
  func weights() {
    let filter = ReconstructionFilter.gaussian(radius: SIMD2(10, 9), alpha: 0.02)
    let film = Film(width: 30, height: 26, filter: filter, tileSize: 32)
    let samples = [(Point2(12.3, 11.8), Color(1, 0, 0)), (Point2(15.9, 13.1), Color(0, 0, 1))]
    for (point, radiance) in samples { film.tileBuffer(0).addSample(point, radiance) }
    let image = film.resolve()
    for y in 0..<26 {
      for x in 0..<30 {
        let centre = Point2(Float(x) + 0.5, Float(y) + 0.5)
        let w = samples.map { filter.weight($0.0 - centre) }
        let pixel = image[y * 30 + x]
        if w[0] + w[1] == 0 {
          #expect(pixel == .black, "pixel (\(x), \(y))")
        } else {
          let red = w[0] / (w[0] + w[1])
          #expect(abs(pixel.r - red) < 1e-5 && abs(pixel.b - (1 - red)) < 1e-5, "pixel (\(x), \(y)): \(pixel)")
        }
      }
    }
  }
}
