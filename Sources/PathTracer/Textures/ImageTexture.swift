/// A picture wrapped onto a surface, looked up by `(u, v)` with bilinear
/// interpolation, as tray_rust's `image` texture.
///
/// The value itself is only the picture's size and where its texels start in
/// a ``TextureTable``'s pool: a plain value that costs nothing to copy.
///
/// **Orientation.** `u` runs along a row from the left column (u = 0) to the
/// right, `v` down the rows from the picture's *top* row (v = 0), i.e. in the
/// order the PNG file stores them. tray_rust does the same, so its scenes map
/// their pictures the same way (on a `rectangle`, for example, the top row lies
/// along the edge at local −y, and u grows toward +x).
///
/// **Sample positions.** Also as in tray_rust, the texel in column `i` and row
/// `j` is found exactly at `(u, v) = (i / width, j / height)`, without the
/// half-texel offset some renderers use: positions in between blend the four
/// surrounding texels, and the last column (row) covers the whole stretch from
/// `(width - 1) / width` to 1. Coordinates outside [0, 1] are clamped to the
/// border texels. (tray_rust clamps too for u, v > 1; for negative ones it
/// extrapolates, which we do not copy.)
public struct ImageTexture: Sendable, BitwiseCopyable, Equatable {
  /// Index of the top-left texel in ``TextureTable/texels``; the others follow
  /// row by row, top row first.
  public let firstTexel: Int
  /// Number of texel columns, at least 1.
  public let width: Int
  /// Number of texel rows, at least 1.
  public let height: Int

  /// The texels `firstTexel ..< firstTexel + width * height` of a table. Made by
  /// ``TextureTable/addImage(width:height:texels:)``.
  init(firstTexel: Int, width: Int, height: Int) {
    require(width >= 1 && height >= 1, "a texture needs at least one texel")
    self.firstTexel = firstTexel
    self.width = width
    self.height = height
  }

  /// The bilinearly interpolated colour at `uv`, reading texels from `table`
  /// (the one that holds this image). Cost: four texel loads and a few
  /// multiply-adds; no allocation, no reference counting.
  public func color(at uv: Point2, in table: borrowing TextureTable) -> Color {
    let x = Self.clamp(uv.x * Float(width), below: width)
    let y = Self.clamp(uv.y * Float(height), below: height)
    // x and y are non-negative here, so converting to Int rounds down.
    let x0 = Int(x), y0 = Int(y)
    let x1 = Swift.min(x0 + 1, width - 1), y1 = Swift.min(y0 + 1, height - 1)
    let fx = x - Float(x0), fy = y - Float(y0)
    let top = texel(x0, y0, in: table) * (1 - fx) + texel(x1, y0, in: table) * fx
    let bottom = texel(x0, y1, in: table) * (1 - fx) + texel(x1, y1, in: table) * fx
    return top * (1 - fy) + bottom * fy
  }

  /// The texel in column `x` of row `y` (row 0 is the top).
  public func texel(_ x: Int, _ y: Int, in table: borrowing TextureTable) -> Color {
    table.texels[firstTexel + y * width + x]
  }

  /// `coordinate` limited to [0, count - 1], the texel positions that exist.
  /// NaN becomes 0 (`Float.maximum` returns the number when one side is NaN),
  /// so that no coordinate can trap the conversion to `Int`.
  private static func clamp(_ coordinate: Float, below count: Int) -> Float {
    Float.minimum(Float.maximum(coordinate, 0), Float(count - 1))
  }
}
