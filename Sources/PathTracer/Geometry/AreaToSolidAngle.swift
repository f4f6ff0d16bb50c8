/// Converting a density over surface area into a density over directions.
///
/// A small patch `dA` at distance `d`, tilted by `theta` from the direction
/// toward the viewer, covers the solid angle `dω = |cos theta| dA / d^2`. So a
/// point sampled with density `p_A` (per area) is a direction sampled with
/// density `p_ω = p_A d^2 / |cos theta|` (per steradian) from the viewer.

/// The solid-angle density at `ref` of a point sampled with area density
/// `areaPdf` at `point` with surface normal `normal`. 0 when the conversion
/// is undefined (`ref` on the point, or looking along the surface).
func solidAnglePdf(areaPdf: Float, ref: Point3, point: Point3, normal: Normal3) -> Float {
  let toPoint = point - ref
  let distanceSquared = lengthSquared(toPoint)
  let cosTheta = Swift.abs(dot(normal, toPoint)) / distanceSquared.squareRoot()
  let pdf = areaPdf * distanceSquared / cosTheta
  return pdf.isFinite ? pdf : 0
}

/// The solid-angle density of direction `wi` from `ref` for a shape sampled
/// uniformly by area: traces the ray, then converts `1 / area` at the hit.
/// 0 if the ray misses. `intersect` is the shape's intersection routine.
func areaSampledSolidAnglePdf(from ref: Point3, direction wi: Vector3, area: Float,
                              intersect: (Ray) -> SurfaceHit?) -> Float {
  guard let hit = intersect(Ray(origin: ref, direction: wi)) else { return 0 }
  return solidAnglePdf(areaPdf: 1 / area, ref: ref, point: hit.p, normal: hit.n)
}
