/// An orthonormal basis `(s, t, n)` around a surface normal `n`: the "local
/// shading frame" in which BxDFs are written, where the normal is +Z.
///
/// `toLocal` expresses a world direction in the frame (so that
/// `cosTheta(w) == w.z`), `toWorld` takes it back. The basis is right-handed:
/// `cross(s, t) == n`. Both conversions cost three dot products (or three
/// multiply-adds); the struct is 48 bytes and never allocates.
public struct ShadingFrame: Sendable, BitwiseCopyable {
  /// The first tangent (local +X).
  public var s: Vector3
  /// The second tangent (local +Y).
  public var t: Vector3
  /// The normal (local +Z).
  public var n: Normal3

  /// A frame around the unit vector `normal`, with tangents chosen arbitrarily
  /// but continuously (Duff et al.'s branchless basis). For isotropic BxDFs the
  /// tangent direction does not matter.
  @inlinable
  public init(normal: Normal3) {
    n = normal
    (s, t) = orthonormalBasis(normal)
  }

  /// A frame around the unit vector `normal` whose `s` follows `tangent`
  /// (e.g. dp/du of a surface), made orthogonal to the normal by Gram-Schmidt.
  /// Falls back to ``init(normal:)`` when `tangent` is (nearly) parallel to the normal.
  @inlinable
  public init(normal: Normal3, tangent: Vector3) {
    let projected = tangent - dot(tangent, normal) * normal
    let lengthSquared = dot(projected, projected)
    if lengthSquared > 1e-12 {
      let s = projected / lengthSquared.squareRoot()
      self.init(s: s, t: cross(normal, s), n: normal)
    } else {
      self.init(normal: normal)
    }
  }

  /// A frame from three vectors the caller guarantees to be orthonormal and
  /// right-handed (`cross(s, t) == n`); nothing is checked.
  @inlinable
  public init(s: Vector3, t: Vector3, n: Normal3) {
    self.s = s
    self.t = t
    self.n = n
  }

  /// The coordinates of the world-space vector `v` in this frame.
  // Both transforms are always inlined: a handful of vector operations,
  // which the optimizer otherwise left as calls from the BSDF's methods.
  @inlinable @inline(__always)
  public func toLocal(_ v: Vector3) -> Vector3 {
    Vector3(dot(v, s), dot(v, t), dot(v, n))
  }

  /// The world-space vector whose coordinates in this frame are `v`.
  @inlinable @inline(__always)
  public func toWorld(_ v: Vector3) -> Vector3 {
    s * v.x + t * v.y + n * v.z
  }
}
