/// An axis-aligned bounding box, the building block of the BVH.
///
/// `lower` and `upper` are the corners with the smallest and largest
/// coordinates. The ``empty`` box has `lower = +inf` and `upper = -inf`, so that
/// the union with anything gives that thing. Every operation is a handful of
/// SIMD instructions; nothing allocates.
public struct Bounds3: Sendable, Equatable, BitwiseCopyable {
  public var lower: Point3
  public var upper: Point3

  /// The box with the given corners (in any order).
  public init(_ a: Point3, _ b: Point3) {
    lower = pointwiseMin(a, b)
    upper = pointwiseMax(a, b)
  }

  /// The box that contains nothing.
  public static let empty = Bounds3(lower: Point3(repeating: .infinity),
                                    upper: Point3(repeating: -.infinity))

  /// The box with these exact corners (no reordering: the caller ensures lower <= upper,
  /// or wants the empty box).
  init(lower: Point3, upper: Point3) {
    self.lower = lower
    self.upper = upper
  }

  /// True for the empty box (any axis with `lower > upper`).
  public var isEmpty: Bool { any(lower .> upper) }

  /// The smallest box holding both boxes.
  public func union(_ other: Bounds3) -> Bounds3 {
    Bounds3(lower: pointwiseMin(lower, other.lower), upper: pointwiseMax(upper, other.upper))
  }

  /// The smallest box holding this box and `p`.
  public func union(_ p: Point3) -> Bounds3 {
    Bounds3(lower: pointwiseMin(lower, p), upper: pointwiseMax(upper, p))
  }

  /// `upper - lower` (negative for the empty box).
  public var diagonal: Vector3 { upper - lower }

  /// The centre point.
  public var centroid: Point3 { (lower + upper) * 0.5 }

  /// The total area of the six faces; 0 for the empty box.
  public var surfaceArea: Float {
    if isEmpty { return 0 }
    let d = diagonal
    return 2 * (d.x * d.y + d.y * d.z + d.z * d.x)
  }

  /// The axis (0, 1 or 2) along which the box is longest.
  public var longestAxis: Int {
    let d = diagonal
    if d.x > d.y && d.x > d.z { return 0 }
    return d.y > d.z ? 1 : 2
  }

  /// Corner `i` (0...7): bit 0 picks x, bit 1 y, bit 2 z from `upper` (else `lower`).
  public func corner(_ i: Int) -> Point3 {
    Point3(i & 1 == 0 ? lower.x : upper.x,
           i & 2 == 0 ? lower.y : upper.y,
           i & 4 == 0 ? lower.z : upper.z)
  }

  /// Whether `p` lies inside or on the boundary.
  public func contains(_ p: Point3) -> Bool {
    all(p .>= lower) && all(p .<= upper)
  }

  /// The slab test used in BVH traversal: does the ray `origin + t d`,
  /// `0 <= t <= tMax`, pass through the box?
  ///
  /// `inverseDirection` is `1 / d` and `directionIsNegative` is `d .< 0`, both
  /// computed once per ray. The far distances are widened by `1 + 2 gamma(3)`
  /// (pbrt-v3) so that rounding never makes a ray slip between a box and the
  /// primitive it encloses. About 20 instructions, no branches but the last.
  @inline(__always)
  public func intersects(origin: Point3, inverseDirection: Vector3,
                         directionIsNegative: SIMDMask<SIMD3<Int32>>, tMax: Float) -> Bool {
    let nearPlanes = lower.replacing(with: upper, where: directionIsNegative)
    let farPlanes = upper.replacing(with: lower, where: directionIsNegative)
    let tNear = (nearPlanes - origin) * inverseDirection
    let tFar = (farPlanes - origin) * inverseDirection * (1 + 2 * gamma(3))
    // NaN (0 * inf) must not count as a constraint: each comparison is false
    // for NaN, so the running bound keeps its value.
    var tEnter: Float = 0
    var tExit = tMax
    tEnter = tNear.x > tEnter ? tNear.x : tEnter
    tEnter = tNear.y > tEnter ? tNear.y : tEnter
    tEnter = tNear.z > tEnter ? tNear.z : tEnter
    tExit = tFar.x < tExit ? tFar.x : tExit
    tExit = tFar.y < tExit ? tFar.y : tExit
    tExit = tFar.z < tExit ? tFar.z : tExit
    return tEnter <= tExit
  }
}
