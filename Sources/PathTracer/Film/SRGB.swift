import RealModule

/// Conversion of linear radiance to 8-bit sRGB for the PNG file.
public enum SRGB {
  /// The sRGB transfer function (IEC 61966-2-1) of a linear value in [0, 1].
  public static func encode(_ linear: Float) -> Float {
    linear <= 0.0031308 ? 12.92 * linear : 1.055 * .pow(linear, 1 / 2.4) - 0.055
  }

  /// The inverse of ``encode(_:)``.
  public static func decode(_ encoded: Float) -> Float {
    encoded <= 0.04045 ? encoded / 12.92 : .pow((encoded + 0.055) / 1.055, 2.4)
  }

  /// A linear value as an 8-bit sRGB code: clamped to [0, 1], encoded, and
  /// *rounded* to the nearest code (not truncated, which would darken the image).
  /// NaN maps to 0.
  public static func byte(_ linear: Float) -> UInt8 {
    let clamped = linear.isNaN ? 0 : min(max(linear, 0), 1)
    return UInt8((encode(clamped) * 255).rounded())
  }

  /// An image of linear colours as 8-bit sRGB.
  public static func image(_ pixels: [Color], width: Int, height: Int) -> RGB8Image {
    var bytes = [UInt8]()
    bytes.reserveCapacity(width * height * 3)
    for pixel in pixels {
      bytes.append(byte(pixel.r))
      bytes.append(byte(pixel.g))
      bytes.append(byte(pixel.b))
    }
    return RGB8Image(width: width, height: height, pixels: bytes)
  }
}
