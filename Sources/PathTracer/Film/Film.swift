/// The image being rendered: a weighted sum of filtered radiance samples per pixel.
///
/// Each sample is *splatted* onto every pixel within the filter's radius,
/// weighted by the filter; a pixel's value is its weighted sum divided by its
/// sum of weights (pbrt's and tray_rust's estimator).
///
/// To keep the image identical whatever the number of threads, workers do not
/// add into shared pixels. Each tile splats into its own buffer, which extends
/// past the tile by the filter radius (the *apron*); ``resolve()`` then adds
/// the tile buffers into the image in tile order. Floating-point sums are
/// therefore always made in the same order. All buffers are allocated up front,
/// so rendering itself allocates nothing.
public struct Film: ~Copyable {
  public let width: Int
  public let height: Int
  public let filter: ReconstructionFilter
  public let tiles: TileGrid
  /// How many pixels the filter reaches past a sample's own pixel.
  let apron: Int
  /// The side of every tile buffer: a tile plus the apron on both sides.
  let bufferSide: Int
  /// One accumulator per buffer pixel, tile after tile: (r·w, g·w, b·w, w) sums.
  let accumulators: UnsafeMutableBufferPointer<SIMD4<Float>>

  public init(width: Int, height: Int, filter: ReconstructionFilter, tileSize: Int = 16) {
    self.width = width
    self.height = height
    self.filter = filter
    tiles = TileGrid(width: width, height: height, tileSize: tileSize)
    apron = Int(max(filter.radius.x, filter.radius.y).rounded(.up))
    bufferSide = tileSize + 2 * apron
    accumulators = .allocate(capacity: tiles.count * bufferSide * bufferSide)
    accumulators.initialize(repeating: .zero)
  }

  deinit { accumulators.deallocate() }

  /// The write access to one tile's buffer. Distinct tiles can be written from
  /// different threads at the same time.
  public func tileBuffer(_ tile: Int) -> TileBuffer {
    let bounds = tiles.bounds(of: tile)
    let start = accumulators.baseAddress! + tile * bufferSide * bufferSide
    return TileBuffer(filter: filter, origin: bounds.lower &- apron, side: bufferSide, pixels: start)
  }

  /// Adds up all tiles and returns the final linear RGB image, row by row from the top.
  public func resolve() -> [Color] {
    var sums = [SIMD4<Float>](repeating: .zero, count: width * height)
    for tile in 0..<tiles.count {
      let buffer = tileBuffer(tile)
      for by in 0..<bufferSide {
        let y = buffer.origin.y + by
        guard y >= 0 && y < height else { continue }
        for bx in 0..<bufferSide {
          let x = buffer.origin.x + bx
          guard x >= 0 && x < width else { continue }
          sums[y * width + x] += buffer.pixels[by * bufferSide + bx]
        }
      }
    }
    return sums.map { sum in sum.w > 0 ? Color(SIMD3(sum.x, sum.y, sum.z) / sum.w) : .black }
  }
}

/// One tile's splat buffer (see ``Film``). A view: it does not own its memory.
public struct TileBuffer {
  let filter: ReconstructionFilter
  /// The image position of the buffer's first pixel.
  let origin: SIMD2<Int>
  let side: Int
  let pixels: UnsafeMutablePointer<SIMD4<Float>>

  /// Splats radiance `value` sampled at raster position `filmPoint`. A
  /// `weight` other than 1 scales the sample's say in every pixel it reaches
  /// (the adaptive sampler gives each of a pixel's n samples 1 / n).
  ///
  /// Any filter radius works. Cost: one filter evaluation per column and per
  /// row of the footprint, and one 4-wide multiply-add per pixel in it; no
  /// allocation. A footprint wider than ``columnsPerPass`` (a radius above
  /// 7.5) is covered in several passes, each evaluating the row weights again.
  public func addSample(_ filmPoint: Point2, _ value: Color, weight: Float = 1) {
    let radius = filter.radius
    // Pixels whose centres lie within the radius of the sample, clipped to this buffer.
    let lower = SIMD2<Int>(Int((filmPoint.x - 0.5 - radius.x).rounded(.up)), Int((filmPoint.y - 0.5 - radius.y).rounded(.up)))
    let upper = SIMD2<Int>(Int((filmPoint.x - 0.5 + radius.x).rounded(.down)), Int((filmPoint.y - 0.5 + radius.y).rounded(.down)))
    let first = pointwiseMax(lower, origin)
    let last = pointwiseMin(upper, origin &+ (side - 1))
    guard first.x <= last.x && first.y <= last.y else { return }
    let contribution = SIMD4(value.rgb, 1) * weight
    // Usually one pass. Each pixel gets exactly one addition whichever pass
    // covers it, so a wide filter's passes give what one pass would.
    var passStart = first.x
    repeat {
      let passEnd = min(passStart + Self.columnsPerPass - 1, last.x)
      splat(filmPoint, contribution, columns: passStart...passEnd, rows: first.y...last.y)
      passStart = passEnd + 1
    } while passStart <= last.x
  }

  /// Adds `contribution` times the filter weight to every pixel of `columns`
  /// × `rows`, which are clipped to the buffer; at most ``columnsPerPass`` columns.
  @inline(__always)
  private func splat(_ filmPoint: Point2, _ contribution: SIMD4<Float>,
                     columns: ClosedRange<Int>, rows: ClosedRange<Int>) {
    // The filter is separable: evaluate it once per column and once per row.
    // The column weights live on the stack, hence the fixed pass width.
    var columnWeights = ColumnWeights(repeating: 0)
    for x in columns {
      columnWeights[x - columns.lowerBound] = filter.weight(filmPoint.x - (Float(x) + 0.5), axis: 0)
    }
    for y in rows {
      let rowWeight = filter.weight(filmPoint.y - (Float(y) + 0.5), axis: 1)
      guard rowWeight != 0 else { continue }
      let row = pixels + (y - origin.y) * side - origin.x
      for x in columns {
        row[x] += contribution * (rowWeight * columnWeights[x - columns.lowerBound])
      }
    }
  }

  /// The side of a buffer that holds every pixel the samples of one pixel
  /// reach: the pixel and the filter's reach past it on both sides.
  public var footprintSide: Int {
    2 * Int(max(filter.radius.x, filter.radius.y).rounded(.up)) + 1
  }

  /// A buffer, over `storage` (``footprintSide``² accumulators, zeroed), for
  /// the samples of the pixel whose corner is `pixel` alone: the adaptive
  /// sampler splats a pixel's samples there, then adds them to the tile with
  /// ``add(_:weight:)`` once it knows how many there were.
  public func footprint(ofPixelAt pixel: SIMD2<Int>, storage: UnsafeMutableBufferPointer<SIMD4<Float>>) -> TileBuffer {
    let side = footprintSide
    require(storage.count >= side * side, "a footprint buffer needs footprintSide² accumulators")
    return TileBuffer(filter: filter, origin: pixel &- (side - 1) / 2, side: side, pixels: storage.baseAddress!)
  }

  /// Adds the sums of `other` times `weight` into this buffer, where the two
  /// overlap. Cost: one 4-wide multiply-add per pixel of `other`.
  public func add(_ other: TileBuffer, weight: Float) {
    let first = pointwiseMax(origin, other.origin)
    let last = pointwiseMin(origin &+ (side - 1), other.origin &+ (other.side - 1))
    guard first.x <= last.x && first.y <= last.y else { return }
    for y in first.y...last.y {
      let row = pixels + (y - origin.y) * side - origin.x
      let otherRow = other.pixels + (y - other.origin.y) * other.side - other.origin.x
      for x in first.x...last.x {
        row[x] += otherRow[x] * weight
      }
    }
  }

  /// One pass's column weights, on the stack.
  typealias ColumnWeights = InlineArray<16, Float>

  /// The most columns one pass of ``addSample(_:_:weight:)`` covers: 16, the
  /// widest footprint of a filter of radius up to 7.5. Wider filters take more passes.
  static var columnsPerPass: Int { ColumnWeights.count }
}
