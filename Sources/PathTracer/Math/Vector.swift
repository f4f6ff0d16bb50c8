/// Points, directions and normals are all `SIMD3<Float>`: the hardware vector type
/// keeps arithmetic fast, and the aliases keep signatures saying what each value means.
///
/// Conventions follow pbrt: a left-handed world, column vectors, and directions
/// that point *away* from a surface (`wo` toward the viewer, `wi` toward the light).
public typealias Vector3 = SIMD3<Float>
/// A position in space. See ``Vector3``.
public typealias Point3 = SIMD3<Float>
/// A surface normal (unit length unless said otherwise). See ``Vector3``.
public typealias Normal3 = SIMD3<Float>
/// A 2D point, e.g. a position on the film or a pair of uniform random numbers.
public typealias Point2 = SIMD2<Float>

@inlinable
public func dot(_ a: Vector3, _ b: Vector3) -> Float {
  (a * b).sum()
}

@inlinable
public func cross(_ a: Vector3, _ b: Vector3) -> Vector3 {
  Vector3(a.y * b.z - a.z * b.y,
          a.z * b.x - a.x * b.z,
          a.x * b.y - a.y * b.x)
}

@inlinable
public func lengthSquared(_ v: Vector3) -> Float { dot(v, v) }

@inlinable
public func length(_ v: Vector3) -> Float { lengthSquared(v).squareRoot() }

@inlinable
public func normalize(_ v: Vector3) -> Vector3 { v / length(v) }

@inlinable
public func distance(_ a: Point3, _ b: Point3) -> Float { length(a - b) }

/// Flips `n` so that it lies in the same hemisphere as `v`.
@inlinable
public func faceForward(_ n: Normal3, _ v: Vector3) -> Normal3 {
  dot(n, v) < 0 ? -n : n
}

/// Builds two unit vectors that together with the unit vector `v` form an
/// orthonormal basis (Duff et al. 2017, branchless and robust near the poles).
@inlinable
public func orthonormalBasis(_ v: Vector3) -> (Vector3, Vector3) {
  let sign: Float = v.z >= 0 ? 1 : -1
  let a = -1 / (sign + v.z)
  let b = v.x * v.y * a
  return (Vector3(1 + sign * v.x * v.x * a, sign * b, -sign * v.x),
          Vector3(b, sign + v.y * v.y * a, -v.y))
}

extension Float {
  /// Degrees to radians.
  @inlinable
  public var radians: Float { self * (.pi / 180) }
}
