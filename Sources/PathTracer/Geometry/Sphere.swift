import Foundation

/// A sphere of radius `radius` centred at the object-space origin, placed in
/// the world by `objectToWorld`. Its normal points outward.
///
/// Intersection follows pbrt: the ray is moved into object space and the
/// quadratic is solved in interval arithmetic (``Interval``), so that a hit is
/// reported only if it is certainly in front of the ray origin; the hit point is
/// then reprojected onto the sphere and carried back to the world with an error
/// bound.
///
/// Area and sampling are exact when `objectToWorld` is a similarity
/// (rotation, translation, uniform scale). Under a non-uniform scale or shear
/// the sphere becomes an ellipsoid: intersection stays exact, but ``area`` is
/// only an approximation and sampling is not uniform, so
/// ``supportsAreaSampling`` is false and such a sphere must not be an area light.
public struct Sphere: Sendable, BitwiseCopyable {
  /// The object-space radius.
  public let radius: Float
  /// Object-to-world transform.
  public let objectToWorld: Transform
  /// The world-space box around the sphere.
  public let worldBounds: Bounds3
  /// World-space surface area (see the type's note on non-uniform scale).
  public let area: Float
  /// True if the transform is a similarity, so that the sphere is a sphere in
  /// the world and area sampling is uniform. Scene loaders should refuse a
  /// sphere light for which this is false.
  public let supportsAreaSampling: Bool
  /// World-space centre.
  public let worldCenter: Point3
  /// World-space radius (meaningful when ``supportsAreaSampling``).
  public let worldRadius: Float

  /// A sphere of object-space `radius` (> 0) placed by `objectToWorld`.
  /// Precomputes bounds and area; a few hundred operations.
  public init(radius: Float, objectToWorld: Transform = .identity) {
    self.radius = radius
    self.objectToWorld = objectToWorld
    worldBounds = objectToWorld.apply(
      bounds: Bounds3(Point3(repeating: -radius), Point3(repeating: radius)))
    supportsAreaSampling = objectToWorld.isSimilarity
    worldCenter = objectToWorld.apply(point: .zero)
    // The images of the three radius vectors: their lengths are the semi-axes
    // when there is no shear.
    let a = length(objectToWorld.apply(vector: Vector3(radius, 0, 0)))
    let b = length(objectToWorld.apply(vector: Vector3(0, radius, 0)))
    let c = length(objectToWorld.apply(vector: Vector3(0, 0, radius)))
    worldRadius = a
    if supportsAreaSampling {
      area = 4 * .pi * a * a
    } else {
      // Knud Thomsen's approximation of an ellipsoid's area (within ~1.1%).
      let p: Float = 1.6075
      let mean = (pow(a * b, p) + pow(a * c, p) + pow(b * c, p)) / 3
      area = 4 * .pi * pow(mean, 1 / p)
    }
  }

  // MARK: Intersection

  /// The nearest hit with `0 < t < ray.tMax`, or `nil`. About 150 operations.
  public func intersect(_ ray: Ray) -> SurfaceHit? {
    guard let (t, objectHit) = nearestHit(ray) else { return nil }

    // Reproject onto the surface: the error of p = o + t d is then only the
    // rounding of this scaling (pbrt-v3, 3.9.4).
    var p = objectHit * (radius / length(objectHit))
    // Avoid a zero tangent at the poles.
    if p.x == 0 && p.y == 0 { p.x = 1e-5 * radius }
    let pError = gamma(5) * abs(p)

    var phi = atan2(p.y, p.x)
    if phi < 0 { phi += 2 * .pi }
    let theta = acos(Swift.min(Swift.max(p.z / radius, -1), 1))
    let uv = Point2(phi / (2 * .pi), 1 - theta / .pi)
    let dpdu = Vector3(-2 * .pi * p.y, 2 * .pi * p.x, 0)

    let (worldPoint, worldError) = objectToWorld.applyWithError(point: p, error: pError)
    let n = normalize(objectToWorld.apply(normal: p))
    return SurfaceHit(t: t, p: worldPoint, pError: worldError, n: n, shadingNormal: n,
                      uv: uv, dpdu: objectToWorld.apply(vector: dpdu))
  }

  /// Whether the ray hits the sphere with `0 < t < ray.tMax` (shadow rays).
  public func intersects(_ ray: Ray) -> Bool {
    nearestHit(ray) != nil
  }

  /// Solves the ray-sphere quadratic in object space with interval arithmetic.
  /// Returns the nearest `t` that is certainly in `(0, tMax)` and the
  /// object-space point there.
  private func nearestHit(_ ray: Ray) -> (t: Float, objectPoint: Point3)? {
    let worldToObject = objectToWorld.inverted
    let (o, oError) = worldToObject.applyWithError(point: ray.origin)
    let (d, dError) = worldToObject.applyWithError(vector: ray.direction)
    let ox = Interval(o.x, error: oError.x), oy = Interval(o.y, error: oError.y)
    let oz = Interval(o.z, error: oError.z)
    let dx = Interval(d.x, error: dError.x), dy = Interval(d.y, error: dError.y)
    let dz = Interval(d.z, error: dError.z)

    // |o + t d|^2 = r^2  <=>  a t^2 + b t + c = 0
    let a = dx.squared + dy.squared + dz.squared
    let b = 2 * (dx * ox + dy * oy + dz * oz)
    let c = ox.squared + oy.squared + oz.squared - Interval(radius).squared

    // b^2 - 4ac cancels catastrophically for distant spheres. pbrt-v4's form:
    // 4a (r^2 - |o - (b / 2a) d|^2), where o - (b / 2a) d is the point of the
    // ray closest to the centre.
    let f = b / (2 * a)
    let vx = ox - f * dx, vy = oy - f * dy, vz = oz - f * dz
    let closestDistance = (vx.squared + vy.squared + vz.squared).squareRoot
    let r = Interval(radius)
    let discriminant = (4 * a) * (r + closestDistance) * (r - closestDistance)
    if discriminant.lower < 0 { return nil }

    // The numerically stable pair of roots (no subtraction of close values).
    let rootDiscriminant = discriminant.squareRoot
    let q = b.midpoint < 0 ? -0.5 * (b - rootDiscriminant) : -0.5 * (b + rootDiscriminant)
    var t0 = q / a
    var t1 = c / q
    if t0.lower > t1.lower { swap(&t0, &t1) }

    // Accept a root only if its whole interval lies in (0, tMax).
    if t0.upper >= ray.tMax || t1.lower <= 0 { return nil }
    var tHit = t0
    if tHit.lower <= 0 {
      tHit = t1
      if tHit.upper >= ray.tMax { return nil }
    }
    let t = tHit.midpoint
    return (t, o + t * d)
  }

  // MARK: Sampling

  /// A point uniformly distributed over the surface by area, with its outward
  /// normal; `pdfArea = 1 / area`. Requires ``supportsAreaSampling``.
  public func sample(u: Point2) -> (point: Point3, normal: Normal3, pdfArea: Float) {
    let direction = uniformSphereDirection(u)
    let point = objectToWorld.apply(point: radius * direction)
    let normal = normalize(objectToWorld.apply(normal: direction))
    return (point, normal, 1 / area)
  }

  /// A point on the sphere for lighting the point `ref`, with its outward
  /// normal and the solid-angle density of its direction as seen from `ref`.
  ///
  /// From outside, samples the cone of directions in which the sphere is seen
  /// (pbrt-v4): every sample is on the visible cap and the density
  /// `1 / (2 pi (1 - cos thetaMax))` is constant. From inside, samples by area.
  /// `pdfSolidAngle` is 0 if no sample could be made. Requires
  /// ``supportsAreaSampling``. About 60 operations and 3 transcendental calls.
  public func sample(from ref: Point3, u: Point2)
    -> (point: Point3, normal: Normal3, pdfSolidAngle: Float)
  {
    let toCenter = worldCenter - ref
    let distanceSquared = lengthSquared(toCenter)
    let r2 = worldRadius * worldRadius
    if distanceSquared <= r2 {
      let s = sample(u: u)
      return (s.point, s.normal, solidAnglePdf(areaPdf: s.pdfArea, ref: ref, point: s.point,
                                               normal: s.normal))
    }

    let cone = VisibleCone(sin2ThetaMax: r2 / distanceSquared)
    // cos(theta) uniform in [cos thetaMax, 1] ...
    var cosTheta = 1 - u.x * cone.oneMinusCosThetaMax
    var sin2Theta = 1 - cosTheta * cosTheta
    if cone.isNarrow {
      // ... computed through sin^2 so that a tiny cone keeps its precision.
      sin2Theta = cone.sin2ThetaMax * u.x
      cosTheta = (1 - sin2Theta).squareRoot()
    }
    // The angle alpha at the centre between the axis (toward ref) and the
    // sampled point, from the law of sines and cosines.
    let sinThetaMax = cone.sin2ThetaMax.squareRoot()
    let cosAlpha = sin2Theta / sinThetaMax
      + cosTheta * Swift.max(0, 1 - sin2Theta / cone.sin2ThetaMax).squareRoot()
    let sinAlpha = Swift.max(0, 1 - cosAlpha * cosAlpha).squareRoot()
    let phi = u.y * 2 * .pi

    let axis = toCenter / distanceSquared.squareRoot()
    let (tangent, bitangent) = orthonormalBasis(axis)
    // The normal at the sample points back toward ref's side of the sphere.
    let normal = -(sinAlpha * cos(phi) * tangent + sinAlpha * sin(phi) * bitangent
      + cosAlpha * axis)
    let point = worldCenter + worldRadius * normal
    return (point, normal, 1 / (2 * .pi * cone.oneMinusCosThetaMax))
  }

  /// The solid-angle density with which ``sample(from:u:)`` picks direction `wi`
  /// (any length) from `ref`; 0 if that direction misses the sphere.
  public func pdf(from ref: Point3, direction wi: Vector3) -> Float {
    let toCenter = worldCenter - ref
    let distanceSquared = lengthSquared(toCenter)
    let r2 = worldRadius * worldRadius
    if distanceSquared <= r2 {
      return areaSampledSolidAnglePdf(from: ref, direction: wi, area: area) { intersect($0) }
    }
    // wi is inside the cone iff it points toward the centre and passes within
    // the radius of it: |w x toCenter| = distance * sin(angle) <= r.
    let w = normalize(wi)
    guard dot(w, toCenter) > 0, lengthSquared(cross(w, toCenter)) <= r2 else { return 0 }
    let cone = VisibleCone(sin2ThetaMax: r2 / distanceSquared)
    return 1 / (2 * .pi * cone.oneMinusCosThetaMax)
  }
}

/// The cone of directions from a point outside a sphere toward the sphere.
private struct VisibleCone {
  /// sin^2 of the cone's half-angle: (radius / distance to centre)^2.
  let sin2ThetaMax: Float
  /// 1 - cos(thetaMax), the cone's solid angle divided by 2 pi.
  let oneMinusCosThetaMax: Float
  /// Narrow cones (below about 1.5 degrees) use Taylor expansions, because
  /// 1 - cos(thetaMax) would cancel to garbage in `Float`.
  let isNarrow: Bool

  init(sin2ThetaMax: Float) {
    self.sin2ThetaMax = sin2ThetaMax
    isNarrow = sin2ThetaMax < 0.00068523  // sin^2(1.5 degrees)
    oneMinusCosThetaMax = isNarrow
      ? sin2ThetaMax / 2
      : 1 - Swift.max(0, 1 - sin2ThetaMax).squareRoot()
  }
}

/// A direction uniformly distributed over the unit sphere.
private func uniformSphereDirection(_ u: Point2) -> Vector3 {
  let z = 1 - 2 * u.x
  let r = Swift.max(0, 1 - z * z).squareRoot()
  let phi = 2 * Float.pi * u.y
  return Vector3(r * cos(phi), r * sin(phi), z)
}
