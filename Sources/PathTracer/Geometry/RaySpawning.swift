/// Starting new rays from a surface without hitting that surface again.
///
/// A computed hit point is only close to the surface: it may lie a little
/// inside it, and a ray started there would "hit" the surface at a tiny `t`
/// ("shadow acne"). pbrt-v3's answer (section 3.9.5): the shape reports a
/// conservative error box `pError` around the point; push the origin along the
/// geometric normal just past that box, on the side the new ray leaves toward,
/// and round the result away from the surface. No epsilon to tune.

/// How much shorter than the full distance a ray toward a given point is
/// traced, so that it stops before the surface the point lies on.
public let shadowEpsilon: Float = 0.0001

/// The hit point `p` moved off its surface to the side of `w`, far enough
/// that `p`'s error box lies behind it.
///
/// - Parameters:
///   - p: a point on a surface.
///   - pError: the absolute error bound of `p` per axis.
///   - n: the surface's geometric normal (any length; unit in practice).
///   - w: the direction the new ray will take.
/// - Returns: the origin for the new ray. About 20 operations.
public func offsetRayOrigin(p: Point3, pError: Vector3, n: Normal3, w: Vector3) -> Point3 {
  // The distance to the plane through the error box's farthest corner.
  let distance = dot(abs(n), pError)
  var offset = distance * n
  if dot(w, n) < 0 { offset = -offset }
  var origin = p + offset
  // The addition rounded to nearest; step one more ulp away from the surface
  // so that rounding can never pull the origin back inside the error box.
  for axis in 0..<3 {
    if offset[axis] > 0 {
      origin[axis] = origin[axis].nextUp
    } else if offset[axis] < 0 {
      origin[axis] = origin[axis].nextDown
    }
  }
  return origin
}

/// A ray leaving the surface at `hit` in `direction` (not normalized by this
/// function), with `tMax = infinity`, at scene time `time` (the time of the
/// ray that found `hit`).
public func spawnRay(from hit: SurfaceHit, direction: Vector3, time: Float) -> Ray {
  let origin = offsetRayOrigin(p: hit.p, pError: hit.pError, n: hit.n, w: direction)
  return Ray(origin: origin, direction: direction, time: time)
}

/// A shadow ray from the surface at `hit` toward `point`.
///
/// The direction is the unnormalized `point - origin` and `tMax` is
/// `1 - shadowEpsilon`, so `t` in `[0, 1)` covers the segment and the ray
/// stops just before `point` (and the surface `point` lies on). Any hit of
/// this ray means `point` is occluded. `time` is the scene time of the path.
public func spawnRay(from hit: SurfaceHit, to point: Point3, time: Float) -> Ray {
  let origin = offsetRayOrigin(p: hit.p, pError: hit.pError, n: hit.n, w: point - hit.p)
  return Ray(origin: origin, direction: point - origin, tMax: 1 - shadowEpsilon, time: time)
}
