/// The watertight ray-triangle test of Woop, Benthin and Wald (2013), as in
/// pbrt-v3 section 3.6.2.
///
/// The ray is turned into the +Z axis by a translation, an axis permutation and
/// a shear; the triangle, moved the same way, is then tested in 2D against the
/// origin with three edge functions. A point on a shared edge gives the same
/// edge function value for both triangles, so rays cannot slip through the
/// crack between neighbours. The per-ray part of the transformation is
/// computed once, here, and reused for every triangle of a traversal.
///
/// The permutation picks whole rows of a ``TriangleCorners`` (all x, all y,
/// all z), so a test reads its corners with three selections instead of nine.
/// The arithmetic is pbrt's, operation for operation.
struct WatertightRay: Sendable, BitwiseCopyable {
  /// The permutation that makes the largest direction component z: the
  /// ray-space x, y and z of a point are its coordinates `kx`, `ky`, `kz`.
  let kx: Int, ky: Int, kz: Int
  /// The ray origin, permuted the same way.
  let origin: Point3
  /// The shear that aligns the permuted direction with +Z.
  let shearX: Float, shearY: Float, shearZ: Float

  @inline(__always)
  init(_ ray: Ray) {
    let magnitude = abs(ray.direction)
    kz = magnitude.x > magnitude.y
      ? (magnitude.x > magnitude.z ? 0 : 2)
      : (magnitude.y > magnitude.z ? 1 : 2)
    kx = kz == 2 ? 0 : kz + 1
    ky = kx == 2 ? 0 : kx + 1
    // The permuted origin and direction. (A switch rather than `o[kx]`:
    // indexing a vector by a variable goes through memory.)
    let (o, d) = (ray.origin, ray.direction)
    let direction: Vector3
    switch kz {
    case 0: (origin, direction) = (Point3(o.y, o.z, o.x), Vector3(d.y, d.z, d.x))
    case 1: (origin, direction) = (Point3(o.z, o.x, o.y), Vector3(d.z, d.x, d.y))
    default: (origin, direction) = (o, d)
    }
    shearX = -direction.x / direction.z
    shearY = -direction.y / direction.z
    shearZ = 1 / direction.z
  }

  /// The distance and barycentric coordinates (the weights of corners 0, 1, 2)
  /// of the hit on the triangle if there is one with `0 < t < tMax`
  /// (conservatively: a hit whose `t` is within rounding error of 0 is
  /// rejected). About 50 instructions for a miss; the rare cases (a ray
  /// exactly on an edge, a hit to confirm) are separate functions.
  @inline(__always)
  func hit(_ corners: TriangleCorners, tMax: Float) -> (t: Float, barycentrics: SIMD3<Float>)? {
    // Translate to the ray origin and permute: lane i is corner i.
    let xs = corners.coordinates(along: kx), ys = corners.coordinates(along: ky)
    let zs = corners.coordinates(along: kz)
    var (ax, bx, cx) = (xs.x - origin.x, xs.y - origin.x, xs.z - origin.x)
    var (ay, by, cy) = (ys.x - origin.y, ys.y - origin.y, ys.z - origin.y)
    var (az, bz, cz) = (zs.x - origin.z, zs.y - origin.z, zs.z - origin.z)
    // Shear.
    ax += shearX * az; ay += shearY * az
    bx += shearX * bz; by += shearY * bz
    cx += shearX * cz; cy += shearY * cz

    // Edge functions: twice the signed areas of the sub-triangles seen from the
    // origin; edge i is opposite corner i. All of one sign means the origin
    // (the ray) is inside.
    var e0 = bx * cy - by * cx
    var e1 = cx * ay - cy * ax
    var e2 = ax * by - ay * bx
    if e0 == 0 || e1 == 0 || e2 == 0 {
      (e0, e1, e2) = WatertightRay.edgeFunctionsInDouble(a: Point3(ax, ay, 0), b: Point3(bx, by, 0),
                                                          c: Point3(cx, cy, 0))
    }
    if (e0 < 0 || e1 < 0 || e2 < 0) && (e0 > 0 || e1 > 0 || e2 > 0) { return nil }
    let determinant = e0 + e1 + e2
    if determinant == 0 { return nil }

    // Distance, still scaled by the determinant (avoids a division on misses).
    az *= shearZ; bz *= shearZ; cz *= shearZ
    let tScaled = e0 * az + e1 * bz + e2 * cz
    if determinant < 0 && (tScaled >= 0 || tScaled <= tMax * determinant) { return nil }
    if determinant > 0 && (tScaled <= 0 || tScaled >= tMax * determinant) { return nil }
    return WatertightRay.confirmedHit(x: SIMD3(ax, bx, cx), y: SIMD3(ay, by, cy), z: SIMD3(az, bz, cz),
                                      e: SIMD3(e0, e1, e2), tScaled: tScaled, determinant: determinant)
  }

  /// The edge functions computed in `Double`, for a ray exactly on an edge in
  /// `Float`: then the two triangles sharing the edge agree.
  @inline(never)
  private static func edgeFunctionsInDouble(a: Point3, b: Point3, c: Point3) -> (Float, Float, Float) {
    (Float(Double(b.x) * Double(c.y) - Double(b.y) * Double(c.x)),
     Float(Double(c.x) * Double(a.y) - Double(c.y) * Double(a.x)),
     Float(Double(a.x) * Double(b.y) - Double(a.y) * Double(b.x)))
  }

  /// The hit once the ray is known to cross the triangle within `(0, tMax)`:
  /// divides by the determinant and rejects a `t` that rounding alone could
  /// have made positive (pbrt-v3 3.9.6). Lane i of `x`, `y`, `z` is corner i
  /// in ray space; lane i of `e` the edge function opposite it.
  private static func confirmedHit(x: SIMD3<Float>, y: SIMD3<Float>, z: SIMD3<Float>,
                                   e: SIMD3<Float>, tScaled: Float, determinant: Float)
    -> (t: Float, barycentrics: SIMD3<Float>)?
  {
    let inverseDeterminant = 1 / determinant
    let t = tScaled * inverseDeterminant
    guard t > roundingErrorBound(x: x, y: y, z: z, e: e, inverseDeterminant: inverseDeterminant)
    else { return nil }
    return (t, e * inverseDeterminant)
  }

  /// A bound on the absolute error of the computed `t` (pbrt-v3 3.9.6): a hit
  /// closer than this may be an artefact of rounding and is rejected.
  private static func roundingErrorBound(x: SIMD3<Float>, y: SIMD3<Float>, z: SIMD3<Float>,
                                  e: SIMD3<Float>, inverseDeterminant: Float) -> Float {
    let maxX = largestMagnitude(x), maxY = largestMagnitude(y), maxZ = largestMagnitude(z)
    let deltaZ = gamma(3) * maxZ
    let deltaX = gamma(5) * (maxX + maxZ)
    let deltaY = gamma(5) * (maxY + maxZ)
    let deltaE = 2 * (gamma(2) * maxX * maxY + deltaY * maxX + deltaX * maxY)
    let maxE = largestMagnitude(e)
    return 3 * (gamma(3) * maxE * maxZ + deltaE * maxZ + deltaZ * maxE)
      * Swift.abs(inverseDeterminant)
  }
}

/// The largest absolute value among the three lanes.
@inline(__always)
private func largestMagnitude(_ v: SIMD3<Float>) -> Float {
  let a = abs(v)
  return Swift.max(a.x, a.y, a.z)
}
