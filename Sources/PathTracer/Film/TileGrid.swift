/// The image cut into square tiles, the unit of work handed to threads.
///
/// Tiles are numbered row by row from the top-left; edge tiles may be smaller.
public struct TileGrid: Sendable {
  public let width: Int
  public let height: Int
  public let tileSize: Int
  public let columns: Int
  public let rows: Int

  public init(width: Int, height: Int, tileSize: Int) {
    require(width > 0 && height > 0 && tileSize > 0, "a tile grid of \(width)×\(height) pixels in tiles of \(tileSize)")
    self.width = width
    self.height = height
    self.tileSize = tileSize
    columns = (width + tileSize - 1) / tileSize
    rows = (height + tileSize - 1) / tileSize
  }

  /// The number of tiles.
  public var count: Int { columns * rows }

  /// The pixels of tile `index`: `lower` inclusive, `upper` exclusive.
  public func bounds(of index: Int) -> (lower: SIMD2<Int>, upper: SIMD2<Int>) {
    let lower = SIMD2(index % columns * tileSize, index / columns * tileSize)
    let upper = SIMD2(min(lower.x + tileSize, width), min(lower.y + tileSize, height))
    return (lower, upper)
  }
}
