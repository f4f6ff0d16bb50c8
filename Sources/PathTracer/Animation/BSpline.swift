/// A B-spline curve of any ``SplineBlendable`` values, over time: control
/// points, a non-decreasing knot vector in seconds, and a degree.
///
/// A spline of degree `d` with `n` control points `P₀ … Pₙ₋₁` has `n + d + 1`
/// knots `u₀ ≤ … ≤ uₙ₊d`. It is defined on the **domain** `[u_d, u_n]`; between
/// two consecutive knots `u_k ≤ t < u_k+1` of the domain it is a polynomial
/// of degree `d` in `t` that depends on the `d + 1` control points
/// `P_k−d … P_k` only. Repeating the first and last knot `d + 1` times (a
/// *clamped* knot vector, which is what tray_rust's scenes and its Blender
/// exporter write) makes the curve start at the first control point and end
/// at the last.
///
/// ```swift
/// // Degree 1: straight lines between the points, reached at the inner knots.
/// let s = try BSpline(degree: 1, controlPoints: [Float(0), 2, 6], knots: [0, 0, 1, 3, 3])
/// s.evaluate(at: 0.5)   // 1
/// s.evaluate(at: 2)     // 4
/// s.evaluate(at: 10)    // 6: times outside the domain are clamped to it
/// ```
///
/// Evaluation is de Boor's algorithm: find the knot span holding `t`
/// (a binary search, O(log n)), then blend the span's `d + 1` control points
/// pairwise in `d` rounds, `d (d + 1) / 2` blends in all, in a scratch buffer
/// of `d + 1` values on the stack (`withUnsafeTemporaryAllocation`, which
/// keeps buffers of up to 1 KiB on the stack whatever the thread: up to
/// degree 9 for a ``DecomposedTransform``). Nothing else is needed.
///
/// Like the `bspline` crate that tray_rust uses, a time outside the domain is
/// clamped to it (the crate asserts instead; tray_rust clamps before calling it).
/// Unlike the crate, unsorted knots are an error rather than sorted silently:
/// sorting would pair knots with control points other than the ones the
/// scene's author meant.
public struct BSpline<Point: SplineBlendable>: Sendable {
  /// The polynomial degree of each piece: 0 holds each control point for one
  /// knot span, 1 draws straight lines, 3 (tray_rust's default) is smooth
  /// in position, velocity and acceleration at simple knots.
  public let degree: Int
  /// The control points, at least `degree + 1` of them.
  public let controlPoints: [Point]
  /// The knots in seconds, non-decreasing, `controlPoints.count + degree + 1` of them.
  public let knots: [Float]

  /// A spline of `degree` through `controlPoints` with `knots`, or an error
  /// naming what is wrong: a negative degree, no more control points than
  /// the degree, a knot count other than `controlPoints.count + degree + 1`,
  /// a knot that is not finite or smaller than the one before it, or an
  /// empty domain (`knots[degree] == knots[controlPoints.count]`). O(n).
  public init(degree: Int, controlPoints: [Point], knots: [Float]) throws(SplineError) {
    guard degree >= 0 else { throw .negativeDegree(degree) }
    guard controlPoints.count > degree else {
      throw .tooFewControlPoints(count: controlPoints.count, degree: degree)
    }
    let expected = controlPoints.count + degree + 1
    guard knots.count == expected else { throw .wrongKnotCount(count: knots.count, expected: expected) }
    for (index, knot) in knots.enumerated() {
      guard knot.isFinite else { throw .knotNotFinite(index: index) }
      if index > 0 && knot < knots[index - 1] { throw .knotDecreases(index: index) }
    }
    guard knots[degree] < knots[controlPoints.count] else {
      throw .emptyDomain(from: knots[degree], to: knots[controlPoints.count])
    }
    self.degree = degree
    self.controlPoints = controlPoints
    self.knots = knots
  }

  /// The spline that is `value` at every time: degree 0, one control
  /// point, knots `[0, 1]` (tray_rust's form of a static transform).
  public init(constant value: Point) {
    degree = 0
    controlPoints = [value]
    knots = [0, 1]
  }

  /// The times the spline is defined for, `knots[degree] ... knots[controlPoints.count]`;
  /// never a single point.
  public var domain: ClosedRange<Float> { knots[degree]...knots[controlPoints.count] }

  /// `time` clamped to ``domain``; NaN becomes the domain's start.
  public func clamped(_ time: Float) -> Float {
    let d = domain
    guard time > d.lowerBound else { return d.lowerBound }
    return Swift.min(time, d.upperBound)
  }

  /// The index `k` of the knot span `knots[k] ..< knots[k + 1]` that holds
  /// `time` (clamped to the domain): always a span of nonzero length, with
  /// `degree ≤ k < controlPoints.count`. At the domain's end, where no span
  /// is half-open enough, it is the last span of nonzero length. O(log n).
  public func span(containing time: Float) -> Int {
    let t = clamped(time)
    let n = controlPoints.count
    if t >= knots[n] {
      var k = n - 1
      while knots[k] == knots[k + 1] { k -= 1 }  // stops at degree or above: the domain is not empty
      return k
    }
    // The largest k in degree..<n with knots[k] <= t; then t < knots[k + 1].
    var low = degree       // knots[low] <= t holds
    var high = n           // knots[high] > t holds
    while high - low > 1 {
      let middle = (low + high) / 2
      if knots[middle] <= t { low = middle } else { high = middle }
    }
    return low
  }

  /// The indices of the control points that the spline blends for some time
  /// in `times` (clamped to the domain): every point the curve depends on in
  /// that interval, and none it does not. The curve stays in the convex hull
  /// of these points whenever the blends are linear, which is what makes
  /// motion bounds provable (``TransformSpline/motionBounds(of:over:)``). O(log n).
  public func controlPointIndices(over times: ClosedRange<Float>) -> ClosedRange<Int> {
    (span(containing: times.lowerBound) - degree)...span(containing: times.upperBound)
  }

  /// The point on the curve at `time`, clamped to the domain: de Boor's
  /// algorithm, `degree (degree + 1) / 2` blends. See the type's documentation.
  public func evaluate(at time: Float) -> Point {
    let t = clamped(time)
    let k = span(containing: t)
    let d = degree
    if d == 0 { return controlPoints[k] }
    return withUnsafeTemporaryAllocation(of: Point.self, capacity: d + 1) { scratch in
      // scratch[j] starts as P[k - d + j]; round r replaces scratch[j], for
      // j from d down to r, with the blend of scratch[j - 1] and scratch[j].
      _ = scratch.initialize(from: controlPoints[(k - d)...k])
      for r in 1...d {
        for j in stride(from: d, through: r, by: -1) {
          let i = k - d + j
          // Both knots bracket t and are at least one nonzero span apart
          // (knots[i] <= knots[k] <= t < knots[k + 1] <= knots[i + d + 1 - r]),
          // so the fraction is in [0, 1] and never 0 / 0.
          let start = knots[i]
          let fraction = (t - start) / (knots[i + d + 1 - r] - start)
          scratch[j] = Point.blend(scratch[j - 1], scratch[j], fraction)
        }
      }
      let result = scratch[d]
      scratch.deinitialize()
      return result
    }
  }
}
