import RealModule

/// An affine (or projective) transform of 3D space, stored with its inverse so
/// that both directions cost the same.
///
/// Conventions (pbrt's): column vectors, a left-handed world, rotations by the
/// standard right-hand-rule matrices, so that
/// `rotateY(degrees: 90)` maps +Z to +X, `rotateX(degrees: 90)` maps +Y to +Z and
/// `rotateZ(degrees: 90)` maps +X to +Y.
///
/// Composition reads like function composition: `a * b` applies `b` first, then `a`.
/// A scene file's transform *list* is applied in the listed order; build it with
/// ``applying(_:)``.
///
/// ```swift
/// let toWorld = Transform.applying([.scale(2), .translate(Vector3(1, 0, 0))])
/// toWorld.apply(point: Point3(1, 0, 0))   // (3, 0, 0)
/// ```
///
/// 128 bytes. Applying to a point or vector is 9 to 12 multiply-adds; nothing allocates.
public struct Transform: Sendable, Equatable, BitwiseCopyable {
  /// The matrix that maps from the transform's source space to its target space.
  public let matrix: Matrix4
  /// The inverse of ``matrix``.
  public let inverse: Matrix4

  /// A transform from a matrix and its already known inverse. The caller vouches
  /// that `inverse` really is the inverse.
  public init(matrix: Matrix4, inverse: Matrix4) {
    self.matrix = matrix
    self.inverse = inverse
  }

  /// A transform from an arbitrary matrix (a scene's `matrix` entry), or `nil` if
  /// the matrix is singular. Inverts the matrix (about 200 operations).
  public init?(matrix: Matrix4) {
    guard let inverse = matrix.inverse else { return nil }
    self.init(matrix: matrix, inverse: inverse)
  }

  /// True when the transform can place something in a scene: both matrices
  /// hold finite numbers and neither flattens space. Composing transforms
  /// that are each fine can break this (two scales of 1e-30 underflow to
  /// zero; translations can overflow to infinity), and a camera or object
  /// placed by such a transform would produce NaN rays and points.
  public var isInvertible: Bool {
    matrix.isFinite && inverse.isFinite && matrix.linearDeterminant.isNormal && inverse.linearDeterminant.isNormal
  }

  /// The transform that changes nothing.
  public static let identity = Transform(matrix: .identity, inverse: .identity)

  /// The inverse transform (free: the two matrices swap places).
  public var inverted: Transform { Transform(matrix: inverse, inverse: matrix) }

  /// `a * b`: the transform that applies `b` first and then `a`.
  public static func * (a: Transform, b: Transform) -> Transform {
    Transform(matrix: a.matrix * b.matrix, inverse: b.inverse * a.inverse)
  }

  /// The composition of a scene file's transform list.
  ///
  /// The list is applied **in the order given**: `steps[0]` acts on the object
  /// first, then `steps[1]`, and so on, so the result is
  /// `steps[n-1] * ... * steps[1] * steps[0]`. An empty list gives the identity.
  public static func applying(_ steps: [Transform]) -> Transform {
    steps.reduce(Transform.identity) { soFar, next in next * soFar }
  }

  // MARK: Building blocks

  /// Translation by `delta`.
  public static func translate(_ delta: Vector3) -> Transform {
    Transform(matrix: Matrix4(rows: SIMD4(1, 0, 0, delta.x), SIMD4(0, 1, 0, delta.y),
                              SIMD4(0, 0, 1, delta.z), SIMD4(0, 0, 0, 1)),
              inverse: Matrix4(rows: SIMD4(1, 0, 0, -delta.x), SIMD4(0, 1, 0, -delta.y),
                               SIMD4(0, 0, 1, -delta.z), SIMD4(0, 0, 0, 1)))
  }

  /// Scaling by `factors` along the axes. A zero factor gives a transform whose
  /// inverse holds infinities; scene loaders should reject it.
  public static func scale(_ factors: Vector3) -> Transform {
    let inv = 1 / factors
    return Transform(matrix: Matrix4(rows: SIMD4(factors.x, 0, 0, 0), SIMD4(0, factors.y, 0, 0),
                                     SIMD4(0, 0, factors.z, 0), SIMD4(0, 0, 0, 1)),
                     inverse: Matrix4(rows: SIMD4(inv.x, 0, 0, 0), SIMD4(0, inv.y, 0, 0),
                                      SIMD4(0, 0, inv.z, 0), SIMD4(0, 0, 0, 1)))
  }

  /// Uniform scaling by `factor`.
  public static func scale(_ factor: Float) -> Transform {
    scale(Vector3(repeating: factor))
  }

  /// Rotation about the X axis; 90 degrees maps +Y to +Z.
  public static func rotateX(degrees: Float) -> Transform {
    let (s, c) = sineAndCosine(degrees: degrees)
    return rotation(Matrix4(rows: SIMD4(1, 0, 0, 0), SIMD4(0, c, -s, 0),
                            SIMD4(0, s, c, 0), SIMD4(0, 0, 0, 1)))
  }

  /// Rotation about the Y axis; 90 degrees maps +Z to +X.
  public static func rotateY(degrees: Float) -> Transform {
    let (s, c) = sineAndCosine(degrees: degrees)
    return rotation(Matrix4(rows: SIMD4(c, 0, s, 0), SIMD4(0, 1, 0, 0),
                            SIMD4(-s, 0, c, 0), SIMD4(0, 0, 0, 1)))
  }

  /// Rotation about the Z axis; 90 degrees maps +X to +Y.
  public static func rotateZ(degrees: Float) -> Transform {
    let (s, c) = sineAndCosine(degrees: degrees)
    return rotation(Matrix4(rows: SIMD4(c, -s, 0, 0), SIMD4(s, c, 0, 0),
                            SIMD4(0, 0, 1, 0), SIMD4(0, 0, 0, 1)))
  }

  /// Rotation by `degrees` about `axis` (any nonzero length), right-hand rule:
  /// with the thumb along `axis`, positive angles turn the way the fingers curl.
  /// Agrees with ``rotateX(degrees:)`` and friends for the coordinate axes.
  public static func rotate(degrees: Float, axis: Vector3) -> Transform {
    let a = normalize(axis)
    let (s, c) = sineAndCosine(degrees: degrees)
    let k = 1 - c
    // Rodrigues' formula: c I + s [a]x + (1 - c) a a^T.
    return rotation(Matrix4(
      rows: SIMD4(a.x * a.x * k + c, a.x * a.y * k - a.z * s, a.x * a.z * k + a.y * s, 0),
      SIMD4(a.x * a.y * k + a.z * s, a.y * a.y * k + c, a.y * a.z * k - a.x * s, 0),
      SIMD4(a.x * a.z * k - a.y * s, a.y * a.z * k + a.x * s, a.z * a.z * k + c, 0),
      SIMD4(0, 0, 0, 1)))
  }

  /// The camera-to-world transform of a camera at `eye` looking at `target`.
  ///
  /// Camera space is pbrt's: the camera looks along +Z, +Y is up in the image
  /// and +X is *right* in the image. The result is a proper rotation plus a
  /// translation (determinant +1), so the image is never mirrored: camera +X
  /// maps to `cross(up, forward)`, which in this left-handed world is the
  /// viewer's right. Returns `nil` if `eye == target` or `up` is parallel to the
  /// viewing direction.
  public static func lookAt(eye: Point3, target: Point3, up: Vector3) -> Transform? {
    let forwardLength = length(target - eye)
    guard forwardLength > 0 else { return nil }
    let forward = (target - eye) / forwardLength
    let rightUnnormalized = cross(up, forward)
    let rightLength = length(rightUnnormalized)
    guard rightLength > 0, rightLength.isFinite else { return nil }
    let right = rightUnnormalized / rightLength
    let trueUp = cross(forward, right)
    // Columns: where camera X, Y, Z and the origin go.
    let m = Matrix4(rows: SIMD4(right.x, trueUp.x, forward.x, eye.x),
                    SIMD4(right.y, trueUp.y, forward.y, eye.y),
                    SIMD4(right.z, trueUp.z, forward.z, eye.z),
                    SIMD4(0, 0, 0, 1))
    // The inverse of a rotation is its transpose; then undo the translation.
    let rt = Matrix4(rows: SIMD4(right.x, right.y, right.z, -dot(right, eye)),
                     SIMD4(trueUp.x, trueUp.y, trueUp.z, -dot(trueUp, eye)),
                     SIMD4(forward.x, forward.y, forward.z, -dot(forward, eye)),
                     SIMD4(0, 0, 0, 1))
    return Transform(matrix: m, inverse: rt)
  }

  /// A rotation matrix's inverse is its transpose.
  private static func rotation(_ m: Matrix4) -> Transform {
    Transform(matrix: m, inverse: m.transposed)
  }

  /// Sine and cosine of an angle in degrees, exact at multiples of 90 degrees so
  /// that axis-aligned scene walls stay exactly axis-aligned.
  private static func sineAndCosine(degrees: Float) -> (Float, Float) {
    let quarterTurns = degrees / 90
    if quarterTurns == quarterTurns.rounded() && quarterTurns.isFinite {
      switch Int(quarterTurns.truncatingRemainder(dividingBy: 4)) {
      case 0: return (0, 1)
      case 1, -3: return (1, 0)
      case 2, -2: return (0, -1)
      default: return (-1, 0)  // 3 or -1
      }
    }
    let r = Double(degrees) * .pi / 180
    return (Float(Double.sin(r)), Float(Double.cos(r)))
  }

  // MARK: Properties

  /// True if the transform mirrors space (its linear part has a negative
  /// determinant), which reverses the winding order of triangles.
  public var swapsHandedness: Bool { matrix.linearDeterminant < 0 }

  /// True if the linear part is a rotation times a uniform scale (no shear, no
  /// non-uniform scale, possibly a mirror): then spheres stay spheres and areas
  /// scale by one factor everywhere. Uses a relative tolerance of 1e-4.
  public var isSimilarity: Bool {
    let x = apply(vector: Vector3(1, 0, 0))
    let y = apply(vector: Vector3(0, 1, 0))
    let z = apply(vector: Vector3(0, 0, 1))
    let s2 = lengthSquared(x)
    let tolerance = 1e-4 * s2
    return Swift.abs(lengthSquared(y) - s2) <= tolerance
      && Swift.abs(lengthSquared(z) - s2) <= tolerance
      && Swift.abs(dot(x, y)) <= tolerance && Swift.abs(dot(y, z)) <= tolerance
      && Swift.abs(dot(x, z)) <= tolerance
      && matrix.row3 == SIMD4(0, 0, 0, 1)
  }

  // MARK: Applying

  /// The transformed point. Divides by the homogeneous coordinate only when it
  /// is not exactly 1 (it is 1 for every affine transform). 9 multiply-adds.
  public func apply(point p: Point3) -> Point3 {
    let h = SIMD4(p.x, p.y, p.z, 1)
    let q = Point3((matrix.row0 * h).sum(), (matrix.row1 * h).sum(), (matrix.row2 * h).sum())
    let w = (matrix.row3 * h).sum()
    return w == 1 ? q : q / w
  }

  /// The transformed direction (translation ignored).
  public func apply(vector v: Vector3) -> Vector3 {
    let h = SIMD4(v.x, v.y, v.z, 0)
    return Vector3((matrix.row0 * h).sum(), (matrix.row1 * h).sum(), (matrix.row2 * h).sum())
  }

  /// The transformed surface normal, *not* renormalized: multiplies by the
  /// inverse transpose so that the result stays perpendicular to transformed
  /// tangents and on the side the original normal pointed to.
  public func apply(normal n: Normal3) -> Normal3 {
    // Row j of the inverse transpose is column j of the inverse.
    let m = inverse
    return Normal3(m.row0.x * n.x + m.row1.x * n.y + m.row2.x * n.z,
                   m.row0.y * n.x + m.row1.y * n.y + m.row2.y * n.z,
                   m.row0.z * n.x + m.row1.z * n.y + m.row2.z * n.z)
  }

  /// The transformed ray. The direction is not renormalized, so `t` means the
  /// same point on both rays and `tMax` carries over unchanged.
  public func apply(ray r: Ray) -> Ray {
    Ray(origin: apply(point: r.origin), direction: apply(vector: r.direction), tMax: r.tMax)
  }

  /// A box that encloses the transformed box (the transform of all 8 corners).
  public func apply(bounds b: Bounds3) -> Bounds3 {
    if b.isEmpty { return b }
    var result = Bounds3.empty
    for corner in 0..<8 {
      result = result.union(apply(point: b.corner(corner)))
    }
    return result
  }

  // MARK: Applying with rounding-error bounds (pbrt-v3, section 3.9.4)

  /// The top three rows of ``matrix``, for an affine transform: the compact
  /// form shapes store. See ``AffineMatrix``.
  public var affineMatrix: AffineMatrix { AffineMatrix(matrix) }

  /// The top three rows of ``inverse``, for an affine transform.
  public var affineInverse: AffineMatrix { AffineMatrix(inverse) }

  /// The transformed affine point and a bound on the absolute rounding error
  /// that computing it introduced: `gamma(3) * (|m00 x| + |m01 y| + |m02 z| + |m03|)`
  /// per component. Assumes an affine matrix (last row 0 0 0 1).
  public func applyWithError(point p: Point3) -> (point: Point3, error: Vector3) {
    affineMatrix.applyWithError(point: p)
  }

  /// The transformed point and an error bound, for a point that already
  /// carries an absolute error `pointError` (e.g. a hit point from a shape).
  public func applyWithError(point p: Point3, error pointError: Vector3)
    -> (point: Point3, error: Vector3)
  {
    affineMatrix.applyWithError(point: p, error: pointError)
  }

  /// The transformed vector and a bound on its rounding error.
  public func applyWithError(vector v: Vector3) -> (vector: Vector3, error: Vector3) {
    affineMatrix.applyWithError(vector: v)
  }
}
