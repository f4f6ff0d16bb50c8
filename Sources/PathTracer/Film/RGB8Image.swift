/// An image of 8-bit sRGB-encoded pixels, the form in which a render leaves
/// the program (see `writePNG(to:)` and `readPNG(from:)`).
///
/// Pixels are stored interleaved (`r, g, b, r, g, b, …`), row-major with the
/// top row first, without padding: the red byte of pixel `(x, y)` sits at
/// index `3 * (y * width + x)`. The layout is exactly what libpng reads and
/// writes, so no conversion happens at the file boundary.
public struct RGB8Image: Hashable, Sendable {
  /// Number of pixel columns.
  public let width: Int
  /// Number of pixel rows.
  public let height: Int
  /// The interleaved RGB bytes, `3 * width * height` of them in a valid image.
  ///
  /// Mutable so that a film can fill it in place. Nothing prevents changing its
  /// length; `writePNG(to:)` rejects an image whose length does not match.
  public var pixels: [UInt8]

  /// An all-black image. Cost: one allocation of `3 * width * height` bytes.
  ///
  /// - Precondition: `width >= 0`, `height >= 0`.
  public init(width: Int, height: Int) {
    require(width >= 0 && height >= 0, "image dimensions must not be negative")
    self.width = width
    self.height = height
    self.pixels = Array(repeating: 0, count: 3 * width * height)
  }

  /// Wraps existing interleaved RGB bytes without copying or checking them;
  /// `writePNG(to:)` validates the dimensions before writing.
  public init(width: Int, height: Int, pixels: [UInt8]) {
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// Number of bytes one row occupies in `pixels`.
  public var bytesPerRow: Int { 3 * width }

  /// The pixel in column `x` of row `y` (row 0 is the top), as `(r, g, b)`.
  /// Cost: three byte loads or stores, bounds-checked.
  public subscript(x: Int, y: Int) -> SIMD3<UInt8> {
    get {
      let start = offset(x: x, y: y)
      return SIMD3(pixels[start], pixels[start + 1], pixels[start + 2])
    }
    set {
      let start = offset(x: x, y: y)
      pixels[start] = newValue.x
      pixels[start + 1] = newValue.y
      pixels[start + 2] = newValue.z
    }
  }

  private func offset(x: Int, y: Int) -> Int {
    require(0 <= x && x < width && 0 <= y && y < height, "pixel (\(x), \(y)) is outside the image")
    return 3 * (y * width + x)
  }
}
