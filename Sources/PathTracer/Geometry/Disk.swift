import RealModule

/// A disk, or an annulus when `innerRadius > 0`, in the object-space plane
/// z = 0 centred at the origin, with normal +Z; `objectToWorld` places it.
///
/// Parameterisation (pbrt's): `u = phi / 2 pi` around the centre and
/// `v = (radius - r) / (radius - innerRadius)` from the rim inward.
/// Area and sampling are exact in world space under any affine transform.
public struct Disk: Sendable, BitwiseCopyable {
  // The fields the intersection test reads come first.
  /// Outer radius (object space).
  public let radius: Float
  /// Radius of the hole (object space), `0 <= innerRadius <= radius`.
  public let innerRadius: Float
  let placement: PlanarPlacement
  /// World-space area, exact under any affine transform.
  public let area: Float

  /// A disk of outer `radius` with a hole of `innerRadius` (clamped to
  /// `0...radius`) placed by the affine `objectToWorld`.
  public init(radius: Float, innerRadius: Float = 0, objectToWorld: Transform = .identity) {
    self.radius = radius
    self.innerRadius = Swift.min(Swift.max(innerRadius, 0), radius)
    placement = PlanarPlacement(objectToWorld: objectToWorld)
    area = .pi * (radius * radius - self.innerRadius * self.innerRadius) * placement.areaScale
  }

  /// The world-space box around the disk (transforms the corners of its square).
  public var worldBounds: Bounds3 {
    objectToWorld.apply(bounds: Bounds3(Point3(-radius, -radius, 0), Point3(radius, radius, 0)))
  }

  /// Object-to-world transform.
  public var objectToWorld: Transform { placement.objectToWorld }

  /// The unit world-space normal (the same everywhere).
  public var worldNormal: Normal3 { placement.worldNormal }

  /// The nearest hit with `0 < t < ray.tMax`, or `nil`. About 60 operations.
  public func intersect(_ ray: Ray) -> SurfaceHit? {
    guard let (t, p) = hit(ray) else { return nil }
    return surfaceHit(t: t, objectPoint: p)
  }

  /// Whether the ray hits the disk with `0 < t < ray.tMax` (shadow rays).
  public func intersects(_ ray: Ray) -> Bool {
    hit(ray) != nil
  }

  /// First half of ``intersect(_:)``: the distance of the hit and the
  /// object-space point, or `nil`. About 30 operations.
  @inline(__always)
  func hit(_ ray: Ray) -> (t: Float, objectPoint: Point3)? {
    guard let (t, p) = placement.crossing(ray) else { return nil }
    let distanceSquared = p.x * p.x + p.y * p.y
    guard distanceSquared <= radius * radius,
          distanceSquared >= innerRadius * innerRadius else { return nil }
    return (t, p)
  }

  /// Second half of ``intersect(_:)``: the hit record for a hit found by
  /// ``hit(_:)``, with uv and dp/du (two square roots and an `atan2`).
  func surfaceHit(t: Float, objectPoint p: Point3) -> SurfaceHit {
    let distance = (p.x * p.x + p.y * p.y).squareRoot()
    var phi = Float.atan2(y: p.y, x: p.x)
    if phi < 0 { phi += 2 * .pi }
    let v = radius > innerRadius ? (radius - distance) / (radius - innerRadius) : 0
    // d p / d u circles the centre; it vanishes at the exact centre, where any
    // in-plane direction will do.
    let tangent = distance > 0 ? Vector3(-2 * .pi * p.y, 2 * .pi * p.x, 0) : Vector3(1, 0, 0)
    return placement.surfaceHit(t: t, objectPoint: p, uv: Point2(phi / (2 * .pi), v),
                                dpdu: placement.toWorld.apply(vector: tangent))
  }

  /// A point uniformly distributed by area over the disk (the annulus, if it
  /// has a hole), with the normal there; `pdfArea = 1 / area`.
  public func sample(u: Point2) -> (point: Point3, normal: Normal3, pdfArea: Float) {
    // Uniform by area in an annulus: r^2 is uniform between the two radii squared.
    let inner2 = innerRadius * innerRadius
    let r = (inner2 + u.x * (radius * radius - inner2)).squareRoot()
    let phi = 2 * Float.pi * u.y
    return placement.worldSample(objectPoint: Point3(r * .cos(phi), r * .sin(phi), 0),
                                 worldArea: area)
  }

  /// A point sampled by area, with its density converted to solid angle as
  /// seen from `ref`: `pdf = distance^2 / (|cos theta_light| area)`; 0 if
  /// `ref` lies in the disk's plane.
  public func sample(from ref: Point3, u: Point2)
    -> (point: Point3, normal: Normal3, pdfSolidAngle: Float)
  {
    let s = sample(u: u)
    return (s.point, s.normal, solidAnglePdf(areaPdf: s.pdfArea, ref: ref, point: s.point,
                                             normal: s.normal))
  }

  /// The solid-angle density with which ``sample(from:u:)`` picks direction
  /// `wi` from `ref`; 0 if the ray from `ref` along `wi` misses the disk.
  public func pdf(from ref: Point3, direction wi: Vector3) -> Float {
    areaSampledSolidAnglePdf(from: ref, direction: wi, area: area) { intersect($0) }
  }
}
