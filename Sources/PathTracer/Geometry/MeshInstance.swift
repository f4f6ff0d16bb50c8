/// One placement of a shared ``MeshBVH``: the mesh, and the transform from
/// its space to the world, or none when the mesh was built in world space.
///
/// Rays are carried into the mesh's space, intersected there, and the hit
/// record carried back (``MeshBVH/intersect(_:placedBy:)``). A mesh built in
/// world space (`toWorld` `nil`: a large model shown by one object) skips
/// both steps, and costs only the second tree's traversal.
///
/// ```swift
/// let bunny = MeshBVH(try TriangleMesh(positions: p, indices: i))       // object space, built once
/// let left = MeshInstance(bunny, toWorld: .translate(Vector3(-1, 0, 0)))
/// let right = MeshInstance(bunny, toWorld: .translate(Vector3(1, 0, 0))) // shares the triangles
/// ```
///
/// Cost per test of a placed mesh: two point and vector transforms for the
/// ray, and for the nearest hit its record's transform back.
public struct MeshInstance: Sendable {
  /// The shared mesh.
  public let mesh: MeshBVH
  /// From the mesh's space to the world; `nil` when the mesh is in world space.
  public let toWorld: Transform?
  /// The box around the placed mesh, in world space.
  public let worldBounds: Bounds3

  /// `mesh` placed by `toWorld` (`nil`: the mesh is already in world space).
  public init(_ mesh: MeshBVH, toWorld: Transform? = nil) {
    self.mesh = mesh
    self.toWorld = toWorld
    worldBounds = toWorld?.apply(bounds: mesh.bounds) ?? mesh.bounds
  }

  /// The nearest hit with `0 < t < ray.tMax` (`t` along the world ray), for
  /// ``surfaceHit(_:)``.
  ///
  /// Never inlined: in the scene BVH's leaf loop, the inlined search of a
  /// second tree slowed every other element's test (1.6% more instructions
  /// in the Cornell box, which has no instances).
  @inline(never)
  func hit(_ ray: Ray) -> MeshBVH.Hit? {
    guard let toWorld else { return mesh.hit(ray) }
    return mesh.hit(ray, placedBy: toWorld)
  }

  /// The world-space hit record for a hit found by ``hit(_:)``.
  func surfaceHit(_ hit: MeshBVH.Hit) -> SurfaceHit {
    guard let toWorld else { return mesh.surfaceHit(hit) }
    return mesh.surfaceHit(hit, placedBy: toWorld)
  }

  /// The nearest hit, as a world-space record, or `nil`.
  public func intersect(_ ray: Ray) -> SurfaceHit? {
    hit(ray).map(surfaceHit)
  }

  /// Whether the ray hits the placed mesh with `0 < t < ray.tMax`.
  /// (Never inlined, as ``hit(_:)``.)
  @inline(never)
  public func intersects(_ ray: Ray) -> Bool {
    guard let toWorld else { return mesh.intersects(ray) }
    return mesh.intersects(ray, placedBy: toWorld)
  }
}

extension MeshBVH {
  /// `ray` in the mesh's space when the mesh is placed by `toWorld`, with its
  /// origin moved forward past the rounding error of the transform (pbrt-v3's
  /// `Transform` of a ray), and how far: a hit's `t` on the carried ray plus
  /// that distance is its `t` on the world ray. The direction is not
  /// renormalized, so `t` means the same point on both rays.
  @inline(__always)
  static func carried(_ ray: Ray, into toWorld: Transform) -> (ray: Ray, shift: Float) {
    let toMesh = toWorld.inverted
    var (origin, originError) = toMesh.applyWithError(point: ray.origin)
    let direction = toMesh.apply(vector: ray.direction)
    let lengthSquared = dot(direction, direction)
    var shift: Float = 0
    if lengthSquared > 0 {
      shift = dot(abs(direction), originError) / lengthSquared
      origin += direction * shift
    }
    return (Ray(origin: origin, direction: direction, tMax: ray.tMax - shift, time: ray.time), shift)
  }

  /// ``hit(_:)`` for a world-space ray, with the mesh placed by `toWorld`;
  /// `t` is along the world ray.
  func hit(_ ray: Ray, placedBy toWorld: Transform) -> Hit? {
    let (local, shift) = Self.carried(ray, into: toWorld)
    guard var hit = hit(local) else { return nil }
    hit.t += shift
    return hit
  }

  /// ``intersects(_:)`` for a world-space ray, with the mesh placed by `toWorld`.
  func intersects(_ ray: Ray, placedBy toWorld: Transform) -> Bool {
    intersects(Self.carried(ray, into: toWorld).ray)
  }

  /// The world-space record of a hit found by ``hit(_:placedBy:)``.
  func surfaceHit(_ hit: Hit, placedBy toWorld: Transform) -> SurfaceHit {
    let local = surfaceHit(hit)
    // Points move with the transform, tangents too, normals by its inverse
    // transpose, which keeps the geometric normal on the side a mesh placed
    // by this transform would have (see `SurfaceHit.n`).
    let (p, pError) = toWorld.applyWithError(point: local.p, error: local.pError)
    let shadingNormal = normalize(toWorld.apply(normal: local.shadingNormal))
    var n = normalize(toWorld.apply(normal: local.n))
    if dot(n, shadingNormal) < 0 { n = -n }
    return SurfaceHit(t: hit.t, p: p, pError: pError, n: n, shadingNormal: shadingNormal,
                      uv: local.uv, dpdu: toWorld.apply(vector: local.dpdu))
  }

  /// The nearest hit of a world-space ray, with the mesh placed by `toWorld`,
  /// as a world-space record, or `nil`.
  func intersect(_ ray: Ray, placedBy toWorld: Transform) -> SurfaceHit? {
    hit(ray, placedBy: toWorld).map { surfaceHit($0, placedBy: toWorld) }
  }
}
