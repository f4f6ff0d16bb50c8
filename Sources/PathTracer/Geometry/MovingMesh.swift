/// A triangle mesh that moves: its triangles in object space behind a BVH of
/// their own, and the ``AnimatedTransform`` that places them at each moment.
///
/// A mesh cannot be re-placed per ray as a ``MovingShape`` is (that would
/// transform every vertex); instead the ray is carried into object space at
/// its time, intersected with the object-space mesh, and the hit carried back
/// to the world. This is pbrt's and tray_rust's instancing, used here only for
/// meshes that move: a mesh that never moves keeps its triangles in world
/// space in the scene's BVH.
///
/// Cost per intersection test: one evaluation of the transform
/// (``AnimatedTransform/transform(at:)``), two point and vector transforms,
/// the object-space traversal, and for a hit its record's transform back.
public struct MovingMesh: Sendable {
  /// The mesh's triangles in object space, with their own BVH.
  let objectSpace: Aggregate
  /// The box of the mesh's object-space vertices.
  public let objectBounds: Bounds3
  /// Where the object space is at each moment.
  public let motion: AnimatedTransform

  /// `mesh`, placed by the identity (its vertices in object space), moved by `motion`.
  /// Builds the mesh's BVH: O(n log n) in its triangles.
  public init(_ mesh: TriangleMesh, motion: AnimatedTransform) {
    objectSpace = Aggregate([.mesh(mesh)])
    objectBounds = mesh.positions.reduce(Bounds3.empty) { $0.union($1) }
    self.motion = motion
  }

  /// A box that holds the mesh at every time in `times` (conservative, see
  /// ``AnimatedTransform/motionBounds(of:over:)``).
  public func motionBounds(over times: ClosedRange<Float>) -> Bounds3 {
    motion.motionBounds(of: objectBounds, over: times)
  }

  /// `ray` in object space at its time, with its origin moved forward past
  /// the rounding error of its transform (pbrt-v3's `Transform` of a ray), and
  /// how far: a hit's object-space `t` plus that distance is its world `t`.
  /// The direction is not renormalized, so `t` means the same point on both rays.
  private func objectRay(_ ray: Ray, toWorld: Transform) -> (ray: Ray, shift: Float) {
    let toObject = toWorld.inverted
    var (origin, originError) = toObject.applyWithError(point: ray.origin)
    let direction = toObject.apply(vector: ray.direction)
    let lengthSquared = dot(direction, direction)
    var shift: Float = 0
    if lengthSquared > 0 {
      shift = dot(abs(direction), originError) / lengthSquared
      origin += direction * shift
    }
    return (Ray(origin: origin, direction: direction, tMax: ray.tMax - shift, time: ray.time), shift)
  }

  /// The nearest hit of `ray` (in world space, at `ray.time`) with
  /// `0 < t < ray.tMax`, as a world-space hit record, or `nil`.
  public func intersect(_ ray: Ray) -> SurfaceHit? {
    intersect(ray, toWorld: motion.transform(at: ray.time))
  }

  /// ``intersect(_:)`` with the mesh placed by `toWorld` (its motion at the ray's time).
  func intersect(_ ray: Ray, toWorld: Transform) -> SurfaceHit? {
    let (local, shift) = objectRay(ray, toWorld: toWorld)
    guard let (hit, _) = objectSpace.intersect(local) else { return nil }
    // Points move with the transform, tangents too, normals by its inverse
    // transpose; which keeps the geometric normal on the side a mesh placed
    // by this transform would have (see `SurfaceHit.n`).
    let (p, pError) = toWorld.applyWithError(point: hit.p, error: hit.pError)
    let shadingNormal = normalize(toWorld.apply(normal: hit.shadingNormal))
    var n = normalize(toWorld.apply(normal: hit.n))
    if dot(n, shadingNormal) < 0 { n = -n }
    return SurfaceHit(t: hit.t + shift, p: p, pError: pError, n: n, shadingNormal: shadingNormal,
                      uv: hit.uv, dpdu: toWorld.apply(vector: hit.dpdu))
  }

  /// Whether `ray` hits the mesh with `0 < t < ray.tMax` at its time (shadow rays).
  public func intersects(_ ray: Ray) -> Bool {
    intersects(ray, toWorld: motion.transform(at: ray.time))
  }

  /// ``intersects(_:)`` with the mesh placed by `toWorld`.
  func intersects(_ ray: Ray, toWorld: Transform) -> Bool {
    objectSpace.intersects(objectRay(ray, toWorld: toWorld).ray)
  }
}
