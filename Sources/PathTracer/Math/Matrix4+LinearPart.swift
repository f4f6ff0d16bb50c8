/// Helpers for the affine matrices the animation code takes apart and puts
/// back together: the linear part (the upper-left 3x3 block) on its own, and
/// the translation column. Each is a handful of moves or multiply-adds.
extension Matrix4 {
  /// The upper-left 3x3 block, with the last row and column of the identity.
  var linearPart: Matrix4 {
    Matrix4(rows: SIMD4(row0.x, row0.y, row0.z, 0), SIMD4(row1.x, row1.y, row1.z, 0),
            SIMD4(row2.x, row2.y, row2.z, 0), SIMD4(0, 0, 0, 1))
  }

  /// The matrix with translation `delta` written into its last column, which
  /// for a linear part (last column `0 0 0 1`) is `translate(delta) · self`.
  func translated(by delta: Vector3) -> Matrix4 {
    var m = self
    m.row0.w = delta.x
    m.row1.w = delta.y
    m.row2.w = delta.z
    return m
  }

  /// The upper-left 3x3 block scaled by `factor`, the rest set to the identity's.
  func scaled(by factor: Float) -> Matrix4 {
    Matrix4(rows: row0 * factor, row1 * factor, row2 * factor, SIMD4(0, 0, 0, 1)).linearPart
  }

  /// The inverse of the upper-left 3x3 block (with the last row and column
  /// of the identity), or `nil` when its determinant is zero, subnormal or
  /// not finite.
  ///
  /// By cofactors: the inverse's columns are the cross products of pairs of
  /// rows divided by the determinant, about 30 operations in `Float`, some
  /// eight times faster than ``inverse`` (Gauss-Jordan in `Double`, for any
  /// 4x4 matrix). The relative error grows with the block's condition
  /// number, which for the stretch of a keyframe (``DecomposedTransform``)
  /// is the ratio of its largest to its smallest scale factor.
  var linearInverse: Matrix4? {
    let r0 = Vector3(row0.x, row0.y, row0.z)
    let r1 = Vector3(row1.x, row1.y, row1.z)
    let r2 = Vector3(row2.x, row2.y, row2.z)
    let c0 = cross(r1, r2)
    let determinant = dot(r0, c0)
    guard determinant.isNormal else { return nil }
    let scale = 1 / determinant
    let (a, b, c) = (c0 * scale, cross(r2, r0) * scale, cross(r0, r1) * scale)
    let result = Matrix4(rows: SIMD4(a.x, b.x, c.x, 0), SIMD4(a.y, b.y, c.y, 0),
                         SIMD4(a.z, b.z, c.z, 0), SIMD4(0, 0, 0, 1))
    return result.isFinite ? result : nil
  }

  /// Entry-by-entry sum.
  static func + (a: Matrix4, b: Matrix4) -> Matrix4 {
    Matrix4(rows: a.row0 + b.row0, a.row1 + b.row1, a.row2 + b.row2, a.row3 + b.row3)
  }
}
