/// A `Float` interval `[lower, upper]` that is guaranteed to contain the exact
/// result of the arithmetic that produced it (pbrt-v4's `Interval`, pbrt-v3's `EFloat`).
///
/// Each operation computes the bounds in ordinary `Float` arithmetic and then
/// widens them by one ulp outward, which covers the rounding of that operation.
/// The ray-sphere test uses intervals so that it can tell a hit that is certainly
/// in front of the ray origin from one that only rounding put there.
///
/// Costs two to eight times the arithmetic of a plain `Float`; no allocation.
public struct Interval: Sendable, Equatable, BitwiseCopyable {
  public var lower: Float
  public var upper: Float

  /// The exact value `v` (an interval of width zero).
  public init(_ v: Float) {
    lower = v
    upper = v
  }

  /// The interval `[lower, upper]`.
  public init(lower: Float, upper: Float) {
    self.lower = lower
    self.upper = upper
  }

  /// `value` known to within an absolute error `error` (`error >= 0`).
  public init(_ value: Float, error: Float) {
    if error == 0 {
      lower = value
      upper = value
    } else {
      // The subtraction and addition round too: step one ulp further out.
      lower = (value - error).nextDown
      upper = (value + error).nextUp
    }
  }

  /// The midpoint, the best single `Float` estimate of the value.
  public var midpoint: Float { (lower + upper) * 0.5 }

  /// Whether `v` lies in the interval.
  public func contains(_ v: Float) -> Bool { v >= lower && v <= upper }

  public static func + (a: Interval, b: Interval) -> Interval {
    Interval(lower: (a.lower + b.lower).nextDown, upper: (a.upper + b.upper).nextUp)
  }

  public static func - (a: Interval, b: Interval) -> Interval {
    Interval(lower: (a.lower - b.upper).nextDown, upper: (a.upper - b.lower).nextUp)
  }

  public static prefix func - (a: Interval) -> Interval {
    Interval(lower: -a.upper, upper: -a.lower)
  }

  public static func * (a: Interval, b: Interval) -> Interval {
    let p0 = a.lower * b.lower, p1 = a.upper * b.lower
    let p2 = a.lower * b.upper, p3 = a.upper * b.upper
    return Interval(lower: Swift.min(Swift.min(p0, p1), Swift.min(p2, p3)).nextDown,
                    upper: Swift.max(Swift.max(p0, p1), Swift.max(p2, p3)).nextUp)
  }

  /// Scaling by an exact constant. Multiplying by a power of two is exact, but
  /// the extra ulp keeps the rule simple.
  public static func * (s: Float, a: Interval) -> Interval {
    s >= 0
      ? Interval(lower: (s * a.lower).nextDown, upper: (s * a.upper).nextUp)
      : Interval(lower: (s * a.upper).nextDown, upper: (s * a.lower).nextUp)
  }

  /// Division; the whole real line if the divisor's interval contains zero.
  public static func / (a: Interval, b: Interval) -> Interval {
    if b.lower <= 0 && b.upper >= 0 {
      return Interval(lower: -.infinity, upper: .infinity)
    }
    let q0 = a.lower / b.lower, q1 = a.upper / b.lower
    let q2 = a.lower / b.upper, q3 = a.upper / b.upper
    return Interval(lower: Swift.min(Swift.min(q0, q1), Swift.min(q2, q3)).nextDown,
                    upper: Swift.max(Swift.max(q0, q1), Swift.max(q2, q3)).nextUp)
  }

  /// The square, which unlike `a * a` knows that the result is never negative.
  public var squared: Interval {
    let lowSquare = lower * lower, highSquare = upper * upper
    if lower >= 0 {
      return Interval(lower: lowSquare.nextDown, upper: highSquare.nextUp)
    }
    if upper <= 0 {
      return Interval(lower: highSquare.nextDown, upper: lowSquare.nextUp)
    }
    return Interval(lower: 0, upper: Swift.max(lowSquare, highSquare).nextUp)
  }

  /// The square root, with negative parts of the interval clamped to zero.
  public var squareRoot: Interval {
    // Stepping the lower bound down may cross zero; a square root is never negative.
    Interval(lower: Swift.max(0, Swift.max(0, lower).squareRoot().nextDown),
             upper: Swift.max(0, upper).squareRoot().nextUp)
  }
}

