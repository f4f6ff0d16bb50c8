import RealModule

/// A quaternion `x i + y j + z k + w`, used as a unit quaternion to hold a
/// rotation that can be interpolated: the rotation part of an animated
/// transform's keyframes.
///
/// The unit quaternion `(sin(θ/2) a, cos(θ/2))` is the rotation by θ about the
/// unit axis `a`, with the same right-hand rule as
/// ``Transform/rotate(degrees:axis:)``, so that
/// `Quaternion(rotationDegrees: 90, axis: Vector3(0, 1, 0)).matrix`
/// is `Transform.rotateY(degrees: 90).matrix`. `q` and `-q` are the same
/// rotation; they differ in which way ``slerp(_:_:_:)`` turns.
///
/// ```swift
/// let a = Quaternion.identity
/// let b = Quaternion(rotationDegrees: 90, axis: Vector3(0, 0, 1))
/// Quaternion.slerp(a, b, 0.5).matrix   // a rotation by 45 degrees about +Z
/// ```
///
/// 16 bytes, stored as one SIMD vector `(x, y, z, w)`; every operation is a
/// fixed handful of arithmetic operations and nothing allocates.
public struct Quaternion: Sendable, Equatable, BitwiseCopyable {
  /// The components `(x, y, z, w)`: the imaginary part first, the real part last.
  public var components: SIMD4<Float>

  /// The quaternion with these components.
  public init(components: SIMD4<Float>) {
    self.components = components
  }

  /// The quaternion `x i + y j + z k + w`.
  public init(x: Float, y: Float, z: Float, w: Float) {
    components = SIMD4(x, y, z, w)
  }

  /// The rotation by `degrees` about `axis` (any nonzero length), right-hand
  /// rule, as in ``Transform/rotate(degrees:axis:)``.
  public init(rotationDegrees degrees: Float, axis: Vector3) {
    let halfAngle = Double(degrees) * .pi / 360
    let a = normalize(axis) * Float(Double.sin(halfAngle))
    components = SIMD4(a, Float(Double.cos(halfAngle)))
  }

  /// The rotation that changes nothing.
  public static let identity = Quaternion(x: 0, y: 0, z: 0, w: 1)

  /// The imaginary part `(x, y, z)`.
  public var vector: Vector3 { Vector3(components.x, components.y, components.z) }
  /// The real part.
  public var w: Float { components.w }

  // MARK: Arithmetic

  /// The four-dimensional dot product: the cosine of half the angle between
  /// two unit quaternions' rotations, up to sign.
  public static func dot(_ a: Quaternion, _ b: Quaternion) -> Float {
    (a.components * b.components).sum()
  }

  /// The negated quaternion: the same rotation, on the other side of the
  /// four-dimensional sphere.
  public static prefix func - (q: Quaternion) -> Quaternion {
    Quaternion(components: -q.components)
  }

  /// The Euclidean length of the four components.
  public var length: Float { (components * components).sum().squareRoot() }

  /// The quaternion scaled to unit length. The caller ensures it is not zero.
  public var normalized: Quaternion { Quaternion(components: components / length) }

  // MARK: Matrices

  /// The rotation a unit quaternion stands for, as the upper-left 3x3 block
  /// of a 4x4 matrix (for column vectors; the last row and column are those
  /// of the identity). About 20 multiply-adds. The quaternion is assumed to
  /// have unit length; a longer one gives a rotation times its squared length
  /// only approximately, so normalize first when in doubt.
  public var matrix: Matrix4 {
    let (x, y, z, w) = (components.x, components.y, components.z, components.w)
    let (xx, yy, zz) = (x * x, y * y, z * z)
    let (xy, xz, yz) = (x * y, x * z, y * z)
    let (wx, wy, wz) = (w * x, w * y, w * z)
    return Matrix4(rows: SIMD4(1 - 2 * (yy + zz), 2 * (xy - wz), 2 * (xz + wy), 0),
                   SIMD4(2 * (xy + wz), 1 - 2 * (xx + zz), 2 * (yz - wx), 0),
                   SIMD4(2 * (xz - wy), 2 * (yz + wx), 1 - 2 * (xx + yy), 0),
                   SIMD4(0, 0, 0, 1))
  }

  /// The unit quaternion of the rotation in the upper-left 3x3 block of `m`,
  /// which the caller vouches is a proper rotation (orthogonal, determinant
  /// +1; see ``PolarDecomposition``). The sign of the result is the one whose
  /// largest component is positive.
  ///
  /// Shepperd's method: the largest of `|w|`, `|x|`, `|y|`, `|z|` is found from
  /// the trace and diagonal, computed with a square root, and the others from
  /// the off-diagonal sums and differences divided by it, so that no division
  /// is by a small number. One square root, one division.
  public init(rotationMatrix m: Matrix4) {
    let (m00, m11, m22) = (m[0, 0], m[1, 1], m[2, 2])
    let trace = m00 + m11 + m22
    let q: SIMD4<Float>
    if trace >= m00 && trace >= m11 && trace >= m22 {
      // 4 w² = 1 + trace is the largest of the four candidates.
      let s = 2 * (1 + trace).squareRoot()  // 4 w
      q = SIMD4((m[2, 1] - m[1, 2]) / s, (m[0, 2] - m[2, 0]) / s, (m[1, 0] - m[0, 1]) / s, s / 4)
    } else if m00 >= m11 && m00 >= m22 {
      let s = 2 * (1 + m00 - m11 - m22).squareRoot()  // 4 x
      q = SIMD4(s / 4, (m[0, 1] + m[1, 0]) / s, (m[0, 2] + m[2, 0]) / s, (m[2, 1] - m[1, 2]) / s)
    } else if m11 >= m22 {
      let s = 2 * (1 + m11 - m00 - m22).squareRoot()  // 4 y
      q = SIMD4((m[0, 1] + m[1, 0]) / s, s / 4, (m[1, 2] + m[2, 1]) / s, (m[0, 2] - m[2, 0]) / s)
    } else {
      let s = 2 * (1 + m22 - m00 - m11).squareRoot()  // 4 z
      q = SIMD4((m[0, 2] + m[2, 0]) / s, (m[1, 2] + m[2, 1]) / s, s / 4, (m[1, 0] - m[0, 1]) / s)
    }
    // Rounding leaves the result a few ulps off unit length.
    self = Quaternion(components: q).normalized
  }

  // MARK: Interpolation

  /// Above this cosine between two quaternions, ``slerp(_:_:_:)`` blends them
  /// linearly and normalizes: the arc is then shorter than 0.032 radians of
  /// quaternion angle, where the normalized blend strays from constant speed
  /// by at most 5e-7 radians, and the spherical formula would lose precision
  /// to a sine near zero.
  public static let linearBlendCosine: Float = 0.9995

  /// Spherical linear interpolation: the unit quaternion a fraction `t` of the
  /// way from `a` to `b` along the great arc between them, turning at a
  /// constant rate. `t = 0` gives `a`, `t = 1` gives `b`.
  ///
  /// Takes the arc between `a` and `b` as given, which is the longer way
  /// round when their dot product is negative: to turn the short way, pass
  /// `-b` then (``TransformSpline`` flips its keyframes once, when it is made).
  /// Both inputs must have unit length; the result has unit length.
  ///
  /// One `acos`, one `sin` and one `cos` on the spherical path, none on the
  /// linear one (see ``linearBlendCosine``).
  public static func slerp(_ a: Quaternion, _ b: Quaternion, _ t: Float) -> Quaternion {
    let cosine = dot(a, b)
    if cosine > linearBlendCosine {
      return Quaternion(components: a.components + t * (b.components - a.components)).normalized
    }
    // Write b as a cos θ + perpendicular sin θ, with perpendicular a unit
    // quaternion orthogonal to a; the arc is then a cos(tθ) + perpendicular sin(tθ).
    let theta = Float.acos(Swift.min(Swift.max(cosine, -1), 1))
    var perpendicular = b.components - cosine * a.components
    let perpendicularLength = (perpendicular * perpendicular).sum().squareRoot()
    if perpendicularLength > 1e-6 {
      perpendicular /= perpendicularLength
    } else {
      // b = -a: every great circle through a reaches it; take any one.
      let c = a.components
      perpendicular = SIMD4(-c.y, c.x, -c.w, c.z)
    }
    let angle = t * theta
    return Quaternion(components: Float.cos(angle) * a.components + Float.sin(angle) * perpendicular).normalized
  }
}
