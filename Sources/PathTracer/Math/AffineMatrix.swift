/// The top three rows of an affine 4x4 matrix, whose last row is always
/// `0 0 0 1`: 48 bytes instead of 64.
///
/// Shapes keep their placement in this form: a ``Transform`` (a matrix and
/// its inverse, 128 bytes) is twice the size, and every byte of a shape is
/// copied whenever the shape is. Applying is the same arithmetic as
/// ``Transform``'s, so results are bit for bit the same.
///
/// ```swift
/// let toWorld = AffineMatrix(Transform.translate(Vector3(1, 0, 0)).matrix)
/// toWorld.apply(point: .zero)   // (1, 0, 0)
/// ```
public struct AffineMatrix: Sendable, Equatable, BitwiseCopyable {
  public var row0: SIMD4<Float>
  public var row1: SIMD4<Float>
  public var row2: SIMD4<Float>

  /// The top three rows of `matrix`, whose last row the caller vouches is `0 0 0 1`.
  public init(_ matrix: Matrix4) {
    row0 = matrix.row0
    row1 = matrix.row1
    row2 = matrix.row2
  }

  /// The full 4x4 matrix.
  public var matrix4: Matrix4 { Matrix4(rows: row0, row1, row2, SIMD4(0, 0, 0, 1)) }

  /// The transformed point. 9 multiplies and 9 additions.
  public func apply(point p: Point3) -> Point3 {
    let h = SIMD4(p, 1)
    return Point3((row0 * h).sum(), (row1 * h).sum(), (row2 * h).sum())
  }

  /// The transformed direction (translation ignored).
  public func apply(vector v: Vector3) -> Vector3 {
    let h = SIMD4(v, 0)
    return Vector3((row0 * h).sum(), (row1 * h).sum(), (row2 * h).sum())
  }

  /// `v` times the linear part, that is the transposed linear part applied to
  /// `v`. For the matrix of a transform's *inverse* this is how a surface
  /// normal transforms (the inverse transpose); not renormalized.
  public func applyTransposed(vector v: Vector3) -> Vector3 {
    Vector3(row0.x * v.x + row1.x * v.y + row2.x * v.z,
            row0.y * v.x + row1.y * v.y + row2.y * v.z,
            row0.z * v.x + row1.z * v.y + row2.z * v.z)
  }

  // MARK: With rounding-error bounds (pbrt-v3, section 3.9.4)

  /// The transformed point and a bound on the absolute rounding error that
  /// computing it introduced: `gamma(3) * (|m00 x| + |m01 y| + |m02 z| + |m03|)`
  /// per component.
  public func applyWithError(point p: Point3) -> (point: Point3, error: Vector3) {
    let h = SIMD4(p, 1)
    let (r0, r1, r2) = (row0 * h, row1 * h, row2 * h)
    let point = Point3(r0.sum(), r1.sum(), r2.sum())
    let error = gamma(3) * Vector3(absoluteSum(r0), absoluteSum(r1), absoluteSum(r2))
    return (point, error)
  }

  /// The transformed point and an error bound, for a point that already
  /// carries an absolute error `pointError` (e.g. a hit point from a shape).
  public func applyWithError(point p: Point3, error pointError: Vector3)
    -> (point: Point3, error: Vector3)
  {
    let (point, roundingError) = applyWithError(point: p)
    let e = SIMD4(pointError, 0)
    let carried = Vector3(absoluteSum(row0 * e), absoluteSum(row1 * e), absoluteSum(row2 * e))
    return (point, roundingError + (1 + gamma(3)) * carried)
  }

  /// The transformed vector and a bound on its rounding error.
  public func applyWithError(vector v: Vector3) -> (vector: Vector3, error: Vector3) {
    let h = SIMD4(v, 0)
    let (r0, r1, r2) = (row0 * h, row1 * h, row2 * h)
    return (Vector3(r0.sum(), r1.sum(), r2.sum()),
            gamma(3) * Vector3(absoluteSum(r0), absoluteSum(r1), absoluteSum(r2)))
  }
}

/// The sum of the absolute values of the lanes.
func absoluteSum(_ v: SIMD4<Float>) -> Float {
  Swift.abs(v.x) + Swift.abs(v.y) + Swift.abs(v.z) + Swift.abs(v.w)
}
