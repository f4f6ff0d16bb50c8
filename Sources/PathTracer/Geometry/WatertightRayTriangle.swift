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
/// The three corners are processed together, one SIMD lane each (see
/// ``TriangleCorners``); every lane does exactly the arithmetic of the scalar
/// formulation, so results are bit for bit those of pbrt's code.
struct WatertightRay: Sendable, BitwiseCopyable {
  /// The permutation that makes the largest direction component z: the
  /// ray-space x, y and z of a point are its coordinates `kx`, `ky`, `kz`.
  let kx: Int, ky: Int, kz: Int
  /// The ray origin, permuted the same way.
  let origin: Point3
  /// The shear that aligns the permuted direction with +Z.
  let shearX: Float, shearY: Float, shearZ: Float

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
  /// rejected). About 50 instructions for a miss.
  @inline(__always)
  func hit(_ corners: TriangleCorners, tMax: Float) -> (t: Float, barycentrics: SIMD3<Float>)? {
    // Translate to the ray origin and permute: lane i is corner i.
    var x = corners.coordinates(along: kx) - origin.x
    var y = corners.coordinates(along: ky) - origin.y
    var z = corners.coordinates(along: kz) - origin.z
    // Shear.
    x += shearX * z
    y += shearY * z

    // Edge functions: twice the signed areas of the sub-triangles seen from the
    // origin; edge i is opposite corner i. All of one sign means the origin
    // (the ray) is inside.
    var e = x.nextLanes * y.lanesAfterNext - y.nextLanes * x.lanesAfterNext
    if any(e .== 0) {
      e = WatertightRay.edgeFunctionsInDouble(x: x, y: y)
    }
    if any(e .< 0) && any(e .> 0) { return nil }
    let determinant = e.x + e.y + e.z
    if determinant == 0 { return nil }

    // Distance, still scaled by the determinant (avoids a division on misses).
    z *= shearZ
    let tScaled = e.x * z.x + e.y * z.y + e.z * z.z
    if determinant < 0 && (tScaled >= 0 || tScaled <= tMax * determinant) { return nil }
    if determinant > 0 && (tScaled <= 0 || tScaled >= tMax * determinant) { return nil }
    return WatertightRay.confirmedHit(x: x, y: y, z: z, e: e, tScaled: tScaled,
                                      determinant: determinant)
  }

  /// The edge functions computed in `Double`, for a ray exactly on an edge in
  /// `Float`: then the two triangles sharing the edge agree.
  @inline(never)
  private static func edgeFunctionsInDouble(x: SIMD3<Float>, y: SIMD3<Float>) -> SIMD3<Float> {
    let (xd, yd) = (SIMD3<Double>(x), SIMD3<Double>(y))
    return SIMD3<Float>(xd.nextLanes * yd.lanesAfterNext - yd.nextLanes * xd.lanesAfterNext)
  }

  /// The hit once the ray is known to cross the triangle within `(0, tMax)`:
  /// divides by the determinant and rejects a `t` that rounding alone could
  /// have made positive (pbrt-v3 3.9.6).
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

extension SIMD3 {
  /// `(y, z, x)`: lane i holds lane i + 1, cyclically.
  @inline(__always)
  fileprivate var nextLanes: SIMD3 { SIMD3(y, z, x) }
  /// `(z, x, y)`: lane i holds lane i + 2, cyclically.
  @inline(__always)
  fileprivate var lanesAfterNext: SIMD3 { SIMD3(z, x, y) }
}
