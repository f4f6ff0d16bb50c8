/// Where a ray met a surface, and the local geometry a material needs there.
///
/// All vectors are in world space. Produced by the shapes' `intersect` methods;
/// 96 bytes, a plain value with no references.
public struct SurfaceHit: Sendable, BitwiseCopyable {
  /// The hit point.
  public var p: Point3
  /// A bound on the absolute error of `p` per axis: the true surface point lies
  /// within `p ± pError`. Used by ``offsetRayOrigin(p:pError:n:w:)``.
  public var pError: Vector3
  /// Unit geometric normal, pointing to the shape's *outside*: outward for a
  /// sphere, the transformed local +Z for a disk or rectangle, and for a
  /// triangle the side its vertex normals face or, without vertex normals,
  /// the direction of `cross(p1 - p0, p2 - p0)` (outward for OBJ's
  /// counter-clockwise winding; flipped if the mesh's transform mirrors).
  public var n: Normal3
  /// Unit shading normal: the interpolated vertex normal of a mesh, otherwise
  /// equal to `n`. Always in the same hemisphere as `n`.
  public var shadingNormal: Normal3
  /// The derivative of `p` with respect to `u`: a nonzero tangent, not unit
  /// length, perpendicular to `n` but not necessarily to `shadingNormal`
  /// (``ShadingFrame/init(normal:tangent:)`` makes a frame from it).
  public var dpdu: Vector3
  /// Surface parameterisation coordinates (texture coordinates).
  public var uv: Point2
  /// Ray parameter of the hit: the point is `ray.origin + t * ray.direction`.
  public var t: Float

  /// Builds a hit from its parts (shapes call this; so can tests).
  public init(t: Float, p: Point3, pError: Vector3, n: Normal3, shadingNormal: Normal3,
              uv: Point2, dpdu: Vector3) {
    self.t = t
    self.p = p
    self.pError = pError
    self.n = n
    self.shadingNormal = shadingNormal
    self.uv = uv
    self.dpdu = dpdu
  }
}
