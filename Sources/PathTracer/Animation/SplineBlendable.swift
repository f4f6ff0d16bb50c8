/// A value a spline can be made of: two values can be blended a fraction of
/// the way from one to the other.
///
/// De Boor's algorithm (``BSpline``) evaluates a spline by nothing but such
/// blends, so any type with one can be animated: numbers, positions and
/// matrices blend linearly, rotations (``Quaternion``) spherically, and a
/// ``DecomposedTransform`` blends each of its parts in its own way.
///
/// ```swift
/// Float.blend(2, 4, 0.25)                      // 2.5
/// Vector3.blend(.zero, Vector3(2, 0, 0), 0.5)  // (1, 0, 0)
/// ```
///
/// A blend should cost a few arithmetic operations and never allocate:
/// a spline of degree d makes d (d + 1) / 2 of them per evaluation.
public protocol SplineBlendable: Sendable {
  /// The value a fraction `t` of the way from `a` to `b`: `a` at `t = 0`,
  /// `b` at `t = 1`. De Boor's algorithm passes `t` in [0, 1] only.
  static func blend(_ a: Self, _ b: Self, _ t: Float) -> Self
}

extension Float: SplineBlendable {
  /// `(1 - t) a + t b`: exact at both ends, and between `a` and `b` for `t` in [0, 1].
  public static func blend(_ a: Float, _ b: Float, _ t: Float) -> Float {
    (1 - t) * a + t * b
  }
}

extension SIMD3: SplineBlendable where Scalar == Float {
  /// `(1 - t) a + t b`, component by component.
  public static func blend(_ a: SIMD3<Float>, _ b: SIMD3<Float>, _ t: Float) -> SIMD3<Float> {
    (1 - t) * a + t * b
  }
}

extension Matrix4: SplineBlendable {
  /// `(1 - t) a + t b`, entry by entry: right for scales and stretches, wrong
  /// for rotations (a blend of two rotation matrices is not a rotation).
  public static func blend(_ a: Matrix4, _ b: Matrix4, _ t: Float) -> Matrix4 {
    let s = 1 - t
    return Matrix4(rows: s * a.row0 + t * b.row0, s * a.row1 + t * b.row1,
                   s * a.row2 + t * b.row2, s * a.row3 + t * b.row3)
  }
}

extension Quaternion: SplineBlendable {
  /// ``slerp(_:_:_:)``: along the arc from `a` to `b` at a constant rate.
  public static func blend(_ a: Quaternion, _ b: Quaternion, _ t: Float) -> Quaternion {
    slerp(a, b, t)
  }
}
