/// The watertight ray-triangle test of Woop, Benthin and Wald (2013), as in
/// pbrt-v3 section 3.6.2.
///
/// The ray is turned into the +Z axis by a translation, an axis permutation and
/// a shear; the triangle, moved the same way, is then tested in 2D against the
/// origin with three edge functions. A point on a shared edge gives the same
/// edge function value for both triangles, so rays cannot slip through the
/// crack between neighbours. The per-ray part of the transformation is
/// computed once, here, and reused for every triangle of a traversal.
struct WatertightRay {
  let origin: Point3
  /// The permutation that makes the largest direction component z.
  let kx: Int, ky: Int, kz: Int
  /// The shear that aligns the permuted direction with +Z.
  let shearX: Float, shearY: Float, shearZ: Float

  init(_ ray: Ray) {
    origin = ray.origin
    let magnitude = abs(ray.direction)
    kz = magnitude.x > magnitude.y
      ? (magnitude.x > magnitude.z ? 0 : 2)
      : (magnitude.y > magnitude.z ? 1 : 2)
    kx = kz == 2 ? 0 : kz + 1
    ky = kx == 2 ? 0 : kx + 1
    let d = ray.direction
    shearX = -d[kx] / d[kz]
    shearY = -d[ky] / d[kz]
    shearZ = 1 / d[kz]
  }

  /// The barycentric coordinates and distance of the hit on triangle
  /// `(p0, p1, p2)` if there is one with `0 < t < tMax` (conservatively: a hit
  /// whose `t` is within rounding error of 0 is rejected). About 60 operations.
  func hit(_ p0: Point3, _ p1: Point3, _ p2: Point3, tMax: Float)
    -> (t: Float, b0: Float, b1: Float, b2: Float)?
  {
    // Translate to the ray origin, permute, shear.
    var a = permuted(p0 - origin), b = permuted(p1 - origin), c = permuted(p2 - origin)
    a.x += shearX * a.z; a.y += shearY * a.z
    b.x += shearX * b.z; b.y += shearY * b.z
    c.x += shearX * c.z; c.y += shearY * c.z

    // Edge functions: twice the signed areas of the sub-triangles seen from the
    // origin. All of one sign means the origin (the ray) is inside.
    var e0 = b.x * c.y - b.y * c.x
    var e1 = c.x * a.y - c.y * a.x
    var e2 = a.x * b.y - a.y * b.x
    if e0 == 0 || e1 == 0 || e2 == 0 {
      // Exactly on an edge in Float: decide with more precision so that the
      // two triangles sharing the edge agree.
      e0 = Float(Double(b.x) * Double(c.y) - Double(b.y) * Double(c.x))
      e1 = Float(Double(c.x) * Double(a.y) - Double(c.y) * Double(a.x))
      e2 = Float(Double(a.x) * Double(b.y) - Double(a.y) * Double(b.x))
    }
    if (e0 < 0 || e1 < 0 || e2 < 0) && (e0 > 0 || e1 > 0 || e2 > 0) { return nil }
    let determinant = e0 + e1 + e2
    if determinant == 0 { return nil }

    // Distance, still scaled by the determinant (avoids a division on misses).
    a.z *= shearZ; b.z *= shearZ; c.z *= shearZ
    let tScaled = e0 * a.z + e1 * b.z + e2 * c.z
    if determinant < 0 && (tScaled >= 0 || tScaled <= tMax * determinant) { return nil }
    if determinant > 0 && (tScaled <= 0 || tScaled >= tMax * determinant) { return nil }

    let inverseDeterminant = 1 / determinant
    let t = tScaled * inverseDeterminant

    // Reject t that rounding alone could have made positive (pbrt-v3 3.9.6).
    let maxZ = Swift.max(Swift.abs(a.z), Swift.abs(b.z), Swift.abs(c.z))
    let maxX = Swift.max(Swift.abs(a.x), Swift.abs(b.x), Swift.abs(c.x))
    let maxY = Swift.max(Swift.abs(a.y), Swift.abs(b.y), Swift.abs(c.y))
    let deltaZ = gamma(3) * maxZ
    let deltaX = gamma(5) * (maxX + maxZ)
    let deltaY = gamma(5) * (maxY + maxZ)
    let deltaE = 2 * (gamma(2) * maxX * maxY + deltaY * maxX + deltaX * maxY)
    let maxE = Swift.max(Swift.abs(e0), Swift.abs(e1), Swift.abs(e2))
    let deltaT = 3 * (gamma(3) * maxE * maxZ + deltaE * maxZ + deltaZ * maxE)
      * Swift.abs(inverseDeterminant)
    if t <= deltaT { return nil }

    return (t, e0 * inverseDeterminant, e1 * inverseDeterminant, e2 * inverseDeterminant)
  }

  private func permuted(_ v: Vector3) -> Vector3 {
    Vector3(v[kx], v[ky], v[kz])
  }
}
