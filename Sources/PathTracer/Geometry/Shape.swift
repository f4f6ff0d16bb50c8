/// One of the analytic shapes, dispatched by a `switch`.
///
/// A closed enum rather than a protocol existential: the payload lives inline
/// (no heap box, no witness-table calls), and the compiler sees every case, so
/// each forwarding method is a jump table into concrete, inlinable code.
/// Triangle meshes are not a case: a ``TriangleMesh`` joins the scene as a
/// ``Primitive/mesh(_:)``, and the ``Aggregate`` puts each of its triangles in
/// the scene's BVH.
public enum Shape: Sendable, BitwiseCopyable {
  case sphere(Sphere)
  case disk(Disk)
  case rectangle(Rectangle)

  /// The nearest hit with `0 < t < ray.tMax`, or `nil`.
  public func intersect(_ ray: Ray) -> SurfaceHit? {
    switch self {
    case .sphere(let s): return s.intersect(ray)
    case .disk(let s): return s.intersect(ray)
    case .rectangle(let s): return s.intersect(ray)
    }
  }

  /// Whether the ray hits the shape with `0 < t < ray.tMax` (for shadow rays;
  /// cheaper than ``intersect(_:)`` because it builds no ``SurfaceHit``).
  public func intersects(_ ray: Ray) -> Bool {
    switch self {
    case .sphere(let s): return s.intersects(ray)
    case .disk(let s): return s.intersects(ray)
    case .rectangle(let s): return s.intersects(ray)
    }
  }

  /// The world-space bounding box.
  public var worldBounds: Bounds3 {
    switch self {
    case .sphere(let s): return s.worldBounds
    case .disk(let s): return s.worldBounds
    case .rectangle(let s): return s.worldBounds
    }
  }

  /// The world-space surface area.
  public var area: Float {
    switch self {
    case .sphere(let s): return s.area
    case .disk(let s): return s.area
    case .rectangle(let s): return s.area
    }
  }

  /// Whether the area-light sampling methods are valid: false only for a
  /// sphere under a non-uniform scale (an ellipsoid).
  public var supportsAreaSampling: Bool {
    if case .sphere(let s) = self { return s.supportsAreaSampling }
    return true
  }

  /// A world-space point uniformly distributed by area, its unit normal, and
  /// `pdfArea = 1 / area`.
  public func sample(u: Point2) -> (point: Point3, normal: Normal3, pdfArea: Float) {
    switch self {
    case .sphere(let s): return s.sample(u: u)
    case .disk(let s): return s.sample(u: u)
    case .rectangle(let s): return s.sample(u: u)
    }
  }

  /// A world-space point for lighting `ref`, its unit normal, and the
  /// solid-angle density of the direction `point - ref` at `ref`. A
  /// `pdfSolidAngle` of 0 means no usable sample.
  public func sample(from ref: Point3, u: Point2)
    -> (point: Point3, normal: Normal3, pdfSolidAngle: Float)
  {
    switch self {
    case .sphere(let s): return s.sample(from: ref, u: u)
    case .disk(let s): return s.sample(from: ref, u: u)
    case .rectangle(let s): return s.sample(from: ref, u: u)
    }
  }

  /// The solid-angle density with which ``sample(from:u:)`` would choose the
  /// direction `wi` (any length) from `ref`; 0 if that direction misses the shape.
  public func pdf(from ref: Point3, direction wi: Vector3) -> Float {
    switch self {
    case .sphere(let s): return s.pdf(from: ref, direction: wi)
    case .disk(let s): return s.pdf(from: ref, direction: wi)
    case .rectangle(let s): return s.pdf(from: ref, direction: wi)
    }
  }
}
