/// An image of named floating-point channels with string attributes: what an
/// OpenEXR file holds, in memory.
///
/// The tracer writes linear RGB renders as `R`, `G`, `B`, and render parts as
/// `R`, `G`, `B`, `W` (filter-weighted radiance sums and the sum of filter
/// weights), with attributes that identify the render. Pixels are stored
/// row by row from the top, channels interleaved in the order of
/// ``channels``.
public struct EXRImage: Sendable, Equatable {
  /// Width and height in pixels.
  public var width: Int
  public var height: Int
  /// The channels' names, in the order their values are interleaved.
  public var channels: [String]
  /// `width × height × channels.count` values: pixel (x, y)'s channel `c` is
  /// at `(y × width + x) × channels.count + c`.
  public var pixels: [Float]
  /// Header attributes of type string, by name.
  public var attributes: [String: String]

  /// An image of the given size and channels, every value 0.
  /// Cost: one allocation of `width × height × channels.count` floats.
  public init(width: Int, height: Int, channels: [String], attributes: [String: String] = [:]) {
    require(width >= 0 && height >= 0, "image dimensions must not be negative")
    self.init(width: width, height: height, channels: channels,
              pixels: [Float](repeating: 0, count: width * height * channels.count), attributes: attributes)
  }

  /// An image that takes `pixels` as they are; their count must be
  /// `width × height × channels.count`.
  public init(width: Int, height: Int, channels: [String], pixels: [Float], attributes: [String: String] = [:]) {
    require(pixels.count == width * height * channels.count,
            "\(pixels.count) values for \(width)×\(height) pixels of \(channels.count) channels")
    self.width = width
    self.height = height
    self.channels = channels
    self.pixels = pixels
    self.attributes = attributes
  }

  /// Linear RGB, `R`, `G`, `B`, from colours listed row by row from the top.
  public init(width: Int, height: Int, colors: [Color], attributes: [String: String] = [:]) {
    require(colors.count == width * height, "\(colors.count) colours for \(width)×\(height) pixels")
    var pixels = [Float]()
    pixels.reserveCapacity(3 * colors.count)
    for color in colors {
      pixels.append(color.r)
      pixels.append(color.g)
      pixels.append(color.b)
    }
    self.init(width: width, height: height, channels: ["R", "G", "B"], pixels: pixels, attributes: attributes)
  }

  /// The index of the channel named `name`, if there is one.
  public func channelIndex(_ name: String) -> Int? { channels.firstIndex(of: name) }

  /// Channel `channel` of pixel (x, y).
  public subscript(x: Int, y: Int, channel: Int) -> Float {
    get { pixels[(y * width + x) * channels.count + channel] }
    set { pixels[(y * width + x) * channels.count + channel] = newValue }
  }
}

/// How an OpenEXR file stores each value.
public enum EXRPixelType: Sendable {
  /// 32-bit floats: exact.
  case float
  /// 16-bit floats: half the size, about three decimal digits.
  case half
}

/// Why writing or reading an OpenEXR file failed; names the file and gives
/// OpenEXR's own message where it has one.
public struct EXRError: Error, Sendable, Equatable, CustomStringConvertible {
  public let path: String
  public let message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
  public var description: String { "\(path): \(message)" }
}
