/// A rectangle centred at the object-space origin in the plane z = 0, `width`
/// along X and `height` along Y, with normal +Z; `objectToWorld` places it.
/// tray_rust's `plane` is `Rectangle(width: 2, height: 2)`.
///
/// Parameterisation: `uv` runs from (0, 0) at the (-x, -y) corner to (1, 1)
/// at the (+x, +y) corner. Area and sampling are exact in world space under
/// any affine transform.
public struct Rectangle: Sendable, BitwiseCopyable {
  // The fields the intersection test reads come first: width, height and the
  // world-to-object rows in `placement`.
  /// Extent along object-space X.
  public let width: Float
  /// Extent along object-space Y.
  public let height: Float
  let placement: PlanarPlacement
  /// dp/du in world space (the same everywhere).
  let worldTangent: Vector3
  /// World-space area, exact under any affine transform.
  public let area: Float

  /// A `width` x `height` rectangle placed by the affine `objectToWorld`.
  public init(width: Float, height: Float, objectToWorld: Transform = .identity) {
    self.width = width
    self.height = height
    placement = PlanarPlacement(objectToWorld: objectToWorld)
    worldTangent = objectToWorld.apply(vector: Vector3(width, 0, 0))
    area = width * height * placement.areaScale
  }

  /// The world-space box around the rectangle (transforms its corners).
  public var worldBounds: Bounds3 {
    let half = Point3(width / 2, height / 2, 0)
    return objectToWorld.apply(bounds: Bounds3(-half, half))
  }

  /// Object-to-world transform.
  public var objectToWorld: Transform { placement.objectToWorld }

  /// The unit world-space normal (the same everywhere).
  public var worldNormal: Normal3 { placement.worldNormal }

  /// The nearest hit with `0 < t < ray.tMax`, or `nil`. About 40 operations.
  public func intersect(_ ray: Ray) -> SurfaceHit? {
    guard let (t, p) = hit(ray) else { return nil }
    return surfaceHit(t: t, objectPoint: p)
  }

  /// Whether the ray hits the rectangle with `0 < t < ray.tMax` (shadow rays).
  public func intersects(_ ray: Ray) -> Bool {
    hit(ray) != nil
  }

  /// First half of ``intersect(_:)``: the distance of the hit and the
  /// object-space point, or `nil`. About 25 operations.
  @inline(__always)
  func hit(_ ray: Ray) -> (t: Float, objectPoint: Point3)? {
    guard let (t, p) = placement.crossing(ray),
          Swift.abs(p.x) <= width / 2, Swift.abs(p.y) <= height / 2 else { return nil }
    return (t, p)
  }

  /// Second half of ``intersect(_:)``: the hit record for a hit found by
  /// ``hit(_:)``, with uv and dp/du.
  func surfaceHit(t: Float, objectPoint p: Point3) -> SurfaceHit {
    let uv = Point2(p.x / width + 0.5, p.y / height + 0.5)
    return placement.surfaceHit(t: t, objectPoint: p, uv: uv, dpdu: worldTangent)
  }

  /// A point uniformly distributed by area, with the normal there;
  /// `pdfArea = 1 / area`.
  public func sample(u: Point2) -> (point: Point3, normal: Normal3, pdfArea: Float) {
    placement.worldSample(objectPoint: Point3((u.x - 0.5) * width, (u.y - 0.5) * height, 0),
                          worldArea: area)
  }

  /// A point sampled by area, with its density converted to solid angle as
  /// seen from `ref`: `pdf = distance^2 / (|cos theta_light| area)`; 0 if
  /// `ref` lies in the rectangle's plane.
  public func sample(from ref: Point3, u: Point2)
    -> (point: Point3, normal: Normal3, pdfSolidAngle: Float)
  {
    let s = sample(u: u)
    return (s.point, s.normal, solidAnglePdf(areaPdf: s.pdfArea, ref: ref, point: s.point,
                                             normal: s.normal))
  }

  /// The solid-angle density with which ``sample(from:u:)`` picks direction
  /// `wi` from `ref`; 0 if the ray from `ref` along `wi` misses the rectangle.
  public func pdf(from ref: Point3, direction wi: Vector3) -> Float {
    areaSampledSolidAnglePdf(from: ref, direction: wi, area: area) { intersect($0) }
  }
}
