extension TriangleMesh {
  /// The hit record on a triangle with corners `p0, p1, p2`, hit at distance
  /// `t` with barycentric coordinates `b` (the weights of the three corners),
  /// given its vertices' unit normals and uvs if the mesh has them.
  /// `flipsNormals`: the mesh's transform mirrors space.
  ///
  /// The search for the nearest triangle needs only the corners; this is
  /// called once per ray, for the winner. About 80 operations and one square
  /// root per normal.
  static func surfaceHit(corners: (Point3, Point3, Point3), normals: (Normal3, Normal3, Normal3)?,
                         uvs: (Point2, Point2, Point2)?, flipsNormals: Bool,
                         t: Float, barycentrics b: SIMD3<Float>) -> SurfaceHit {
    let (p0, p1, p2) = corners

    // Interpolating with the barycentrics (rather than o + t d) gives a point
    // whose error is small and easy to bound (pbrt-v3 3.9.4).
    let p = b.x * p0 + b.y * p1 + b.z * p2
    let pError = gamma(7) * (abs(b.x * p0) + abs(b.y * p1) + abs(b.z * p2))

    let (uv0, uv1, uv2) = uvs ?? (Point2(0, 0), Point2(1, 0), Point2(1, 1))
    let uv = b.x * uv0 + b.y * uv1 + b.z * uv2

    // cross(p0 - p2, p1 - p2) equals cross(p1 - p0, p2 - p0).
    let dp02 = p0 - p2, dp12 = p1 - p2
    var n = normalize(cross(dp02, dp12))
    if flipsNormals { n = -n }

    // d p / d u from the uv parameterisation; any in-plane tangent if the uvs
    // are degenerate.
    let duv02 = uv0 - uv2, duv12 = uv1 - uv2
    let uvDeterminant = duv02.x * duv12.y - duv02.y * duv12.x
    var dpdu = Vector3.zero
    if Swift.abs(uvDeterminant) > 1e-12 {
      dpdu = (duv12.y * dp02 - duv02.y * dp12) / uvDeterminant
    }
    let dpduLengthSquared = lengthSquared(dpdu)
    if !(dpduLengthSquared > 0) || !dpduLengthSquared.isFinite {
      dpdu = orthonormalBasis(n).0
    }

    var shadingNormal = n
    if let (n0, n1, n2) = normals {
      let interpolated = b.x * n0 + b.y * n1 + b.z * n2
      let lengthSquared = dot(interpolated, interpolated)
      if lengthSquared > 0 {
        shadingNormal = interpolated / lengthSquared.squareRoot()
        n = faceForward(n, shadingNormal)
      }
    }
    return SurfaceHit(t: t, p: p, pError: pError, n: n, shadingNormal: shadingNormal,
                      uv: uv, dpdu: dpdu)
  }
}
