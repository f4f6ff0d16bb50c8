import RealModule

/// How much a sample at offset `(dx, dy)` pixels from a pixel's centre
/// contributes to that pixel.
///
/// Both of tray_rust's filters are separable: the weight is the product of a
/// 1D weight in x and one in y. `radius` is the filter's half width in pixels
/// along each axis; samples farther away contribute nothing.
///
/// ```json
/// "filter": { "type": "mitchell_netravali", "width": 2.0, "height": 2.0, "b": 0.333, "c": 0.333 }
/// "filter": { "type": "gaussian", "width": 2.0, "height": 2.0, "alpha": 2.0 }
/// ```
public enum ReconstructionFilter: Sendable, Equatable {
  /// Mitchell and Netravali's cubic family with parameters B and C.
  case mitchellNetravali(radius: SIMD2<Float>, b: Float, c: Float)
  /// A Gaussian `exp(-alpha x²)` shifted down so that it reaches 0 at the radius.
  case gaussian(radius: SIMD2<Float>, alpha: Float)
  /// A box of the given radius: every sample weighs 1 (for tests and previews).
  case box(radius: SIMD2<Float>)

  /// The half width and half height of the filter's support, in pixels.
  public var radius: SIMD2<Float> {
    switch self {
    case let .mitchellNetravali(radius, _, _), let .gaussian(radius, _), let .box(radius): radius
    }
  }

  /// The weight of a sample `offset` pixels from the pixel centre.
  public func weight(_ offset: SIMD2<Float>) -> Float {
    weight(offset.x, axis: 0) * weight(offset.y, axis: 1)
  }

  /// The 1D weight along `axis` (0 for x, 1 for y) of an offset of `x` pixels.
  /// Every filter here is separable, so the 2D weight is the product of two of these.
  public func weight(_ x: Float, axis: Int) -> Float {
    let r = radius[axis]
    guard abs(x) < r else { return 0 }
    switch self {
    case let .mitchellNetravali(_, b, c):
      // The cubic is defined on [-2, 2]; map the radius onto it.
      return Self.mitchell(2 * x / r, b: b, c: c)
    case let .gaussian(_, alpha):
      return Self.gaussian(x, radius: r, alpha: alpha)
    case .box:
      return 1
    }
  }

  /// The 1D Mitchell-Netravali kernel on `[-2, 2]`.
  static func mitchell(_ x: Float, b: Float, c: Float) -> Float {
    let x = abs(x)
    if x < 1 {
      return ((12 - 9 * b - 6 * c) * x * x * x + (-18 + 12 * b + 6 * c) * x * x + (6 - 2 * b)) / 6
    } else if x < 2 {
      return ((-b - 6 * c) * x * x * x + (6 * b + 30 * c) * x * x + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6
    }
    return 0
  }

  static func gaussian(_ x: Float, radius: Float, alpha: Float) -> Float {
    max(0, .exp(-alpha * x * x) - .exp(-alpha * radius * radius))
  }
}
