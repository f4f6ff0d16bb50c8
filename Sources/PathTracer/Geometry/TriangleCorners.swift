/// The three corners of one triangle, stored coordinate by coordinate:
/// `xs` holds the x of corners 0, 1 and 2, `ys` their y, `zs` their z.
///
/// This "structure of arrays" layout lets the ray-triangle test work on all
/// three corners at once with SIMD arithmetic, and lets it pick a coordinate
/// chosen at run time (`byAxis[k]`) with one address computation instead of a
/// shuffle. 48 bytes, the same as three `Point3`s.
struct TriangleCorners: Sendable, BitwiseCopyable {
  /// `byAxis[0]` is `xs`, `byAxis[1]` is `ys`, `byAxis[2]` is `zs`.
  var byAxis: InlineArray<3, SIMD3<Float>>

  /// The corners `p0`, `p1`, `p2`, in that order.
  init(_ p0: Point3, _ p1: Point3, _ p2: Point3) {
    byAxis = [SIMD3(p0.x, p1.x, p2.x), SIMD3(p0.y, p1.y, p2.y), SIMD3(p0.z, p1.z, p2.z)]
  }

  /// Corner `i` (0, 1 or 2).
  func corner(_ i: Int) -> Point3 {
    Point3(byAxis[0][i], byAxis[1][i], byAxis[2][i])
  }
}
