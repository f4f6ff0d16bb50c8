/// A triangle mesh that moves: a ``MeshBVH`` (its triangles in its own
/// space, behind a BVH of their own, shared with the model's other
/// instances) and the ``AnimatedTransform`` that places it at each moment.
///
/// A mesh cannot be re-placed per ray as a ``MovingShape`` is (that would
/// transform every vertex); instead the ray is carried into the mesh's space
/// at its time, intersected there, and the hit carried back to the world,
/// as for a fixed ``MeshInstance``.
///
/// Cost per intersection test: one evaluation of the transform
/// (``AnimatedTransform/transform(at:)``) unless the sample has placed it
/// already (``MotionPlacement``), two point and vector transforms, the
/// traversal of the mesh's tree, and for a hit its record's transform back.
public struct MovingMesh: Sendable {
  /// The mesh's triangles in its own space, with their own BVH.
  public let mesh: MeshBVH
  /// Where the mesh's space is at each moment.
  public let motion: AnimatedTransform

  /// `mesh` moved by `motion`.
  public init(_ mesh: MeshBVH, motion: AnimatedTransform) {
    self.mesh = mesh
    self.motion = motion
  }

  /// `mesh`, placed by the identity (its vertices in object space), moved by
  /// `motion`. Builds the mesh's BVH: O(n log n) in its triangles.
  public init(_ mesh: TriangleMesh, motion: AnimatedTransform) {
    self.init(MeshBVH(mesh), motion: motion)
  }

  /// A box that holds the mesh at every time in `times` (conservative, see
  /// ``AnimatedTransform/motionBounds(of:over:)``).
  public func motionBounds(over times: ClosedRange<Float>) -> Bounds3 {
    motion.motionBounds(of: mesh.bounds, over: times)
  }

  /// The nearest hit of `ray` (in world space, at `ray.time`) with
  /// `0 < t < ray.tMax`, as a world-space hit record, or `nil`.
  public func intersect(_ ray: Ray) -> SurfaceHit? {
    intersect(ray, toWorld: motion.transform(at: ray.time))
  }

  /// ``intersect(_:)`` with the mesh placed by `toWorld` (its motion at the ray's time).
  func intersect(_ ray: Ray, toWorld: Transform) -> SurfaceHit? {
    mesh.intersect(ray, placedBy: toWorld)
  }

  /// Whether `ray` hits the mesh with `0 < t < ray.tMax` at its time (shadow rays).
  public func intersects(_ ray: Ray) -> Bool {
    intersects(ray, toWorld: motion.transform(at: ray.time))
  }

  /// ``intersects(_:)`` with the mesh placed by `toWorld`.
  func intersects(_ ray: Ray, toWorld: Transform) -> Bool {
    mesh.intersects(ray, placedBy: toWorld)
  }
}
