/// The three corners of one triangle, stored coordinate by coordinate:
/// `xs` holds the x of corners 0, 1 and 2, `ys` their y, `zs` their z.
///
/// This "structure of arrays" layout lets the ray-triangle test, which
/// permutes the axes per ray, take all three corners' coordinates along an
/// axis in one selection. 48 bytes, the same as three `Point3`s.
struct TriangleCorners: Sendable, BitwiseCopyable {
  var xs: SIMD3<Float>
  var ys: SIMD3<Float>
  var zs: SIMD3<Float>

  /// The corners `p0`, `p1`, `p2`, in that order.
  init(_ p0: Point3, _ p1: Point3, _ p2: Point3) {
    xs = SIMD3(p0.x, p1.x, p2.x)
    ys = SIMD3(p0.y, p1.y, p2.y)
    zs = SIMD3(p0.z, p1.z, p2.z)
  }

  /// The corners' coordinates along `axis` (0, 1 or 2): `xs`, `ys` or `zs`.
  @inline(__always)
  func coordinates(along axis: Int) -> SIMD3<Float> {
    // A switch, not an array index: indexing by a variable would make the
    // compiler store the three vectors to memory first.
    switch axis {
    case 0: xs
    case 1: ys
    default: zs
    }
  }

  /// Corner `i` (0, 1 or 2).
  func corner(_ i: Int) -> Point3 {
    Point3(xs[i], ys[i], zs[i])
  }
}
