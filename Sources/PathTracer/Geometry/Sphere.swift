import RealModule

/// A sphere of radius `radius` centred at the object-space origin, placed in
/// the world by `objectToWorld`. Its normal points outward.
///
/// Intersection follows pbrt: the ray is moved into object space and the
/// quadratic solved there (in `Double`, so that the sign of a root near zero
/// is never wrong); the hit point is then reprojected onto the sphere and
/// carried back to the world with a rounding-error bound.
///
/// Area and sampling are exact when `objectToWorld` is a similarity
/// (rotation, translation, uniform scale). Under a non-uniform scale or shear
/// the sphere becomes an ellipsoid: intersection stays exact, but ``area`` is
/// only an approximation and sampling is not uniform, so
/// ``supportsAreaSampling`` is false and such a sphere must not be an area light.
public struct Sphere: Sendable, BitwiseCopyable {
  // The fields the intersection test reads come first.
  /// The object-space radius.
  public let radius: Float
  /// World to object space (affine), for intersection.
  let toObject: AffineMatrix
  /// Object to world space, for hit records and samples.
  let toWorld: AffineMatrix
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

  /// A sphere of object-space `radius` (> 0) placed by the affine
  /// `objectToWorld`. Precomputes the area; a few hundred operations.
  public init(radius: Float, objectToWorld: Transform = .identity) {
    self.radius = radius
    toObject = objectToWorld.affineInverse
    toWorld = objectToWorld.affineMatrix
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
      let mean = (Float.pow(a * b, p) + .pow(a * c, p) + .pow(b * c, p)) / 3
      area = 4 * .pi * .pow(mean, 1 / p)
    }
  }

  /// Object-to-world transform.
  public var objectToWorld: Transform { Transform(matrix: toWorld.matrix4, inverse: toObject.matrix4) }

  /// The world-space box around the sphere.
  public var worldBounds: Bounds3 {
    if supportsAreaSampling {
      // A sphere in the world too: its own box, tighter than the box around
      // the rotated object-space box.
      let r = Vector3(repeating: worldRadius)
      return Bounds3(worldCenter - r, worldCenter + r)
    }
    return objectToWorld.apply(bounds: Bounds3(Point3(repeating: -radius), Point3(repeating: radius)))
  }

  // MARK: Intersection

  /// The nearest hit with `0 < t < ray.tMax`, or `nil`. About 100 operations
  /// and two inverse trigonometric calls (for `uv`).
  public func intersect(_ ray: Ray) -> SurfaceHit? {
    guard let (t, objectHit) = hit(ray) else { return nil }
    return surfaceHit(t: t, objectPoint: objectHit)
  }

  /// Whether the ray hits the sphere with `0 < t < ray.tMax` (shadow rays).
  public func intersects(_ ray: Ray) -> Bool {
    hit(ray) != nil
  }

  /// Second half of ``intersect(_:)``: the hit record for a hit found by
  /// ``hit(_:)`` at distance `t` and object-space point `objectHit`.
  func surfaceHit(t: Float, objectPoint objectHit: Point3) -> SurfaceHit {
    // Reproject onto the surface: the error of p = o + t d is then only the
    // rounding of this scaling (pbrt-v3, 3.9.4).
    let p = objectHit * (radius / length(objectHit))
    let pError = gamma(5) * abs(p)

    // At the poles phi is undefined and d p / d u vanishes: compute both from
    // a point nudged off the pole (the hit point itself stays put).
    let q = p.x == 0 && p.y == 0 ? Point3(1e-5 * radius, 0, p.z) : p
    // tray_rust's parameterization, so that its textured spheres look the
    // same here: u turns from +Y toward +X (φ = atan2(x, y)), v runs from the
    // +Z pole (0) to the −Z pole (1).
    var phi = Float.atan2(y: q.x, x: q.y)
    if phi < 0 { phi += 2 * .pi }
    let theta = Float.acos(Swift.min(Swift.max(p.z / radius, -1), 1))
    let uv = Point2(phi / (2 * .pi), theta / .pi)
    let dpdu = Vector3(2 * .pi * q.y, -2 * .pi * q.x, 0)

    let (worldPoint, worldError) = toWorld.applyWithError(point: p, error: pError)
    // Normals transform by the inverse transpose.
    let n = normalize(toObject.applyTransposed(vector: p))
    return SurfaceHit(t: t, p: worldPoint, pError: worldError, n: n, shadingNormal: n,
                      uv: uv, dpdu: toWorld.apply(vector: dpdu))
  }

  /// First half of ``intersect(_:)``: solves the ray-sphere quadratic in
  /// object space. Returns the nearest root in `(0, tMax)` and the
  /// object-space point there.
  ///
  /// pbrt-v3 solves this quadratic in interval arithmetic to be sure of the
  /// sign of `t`. Here it is solved in `Double` instead, from an object-space
  /// ray that is also computed in `Double`: a product of two `Float`s is exact
  /// in `Double`, so the roots are accurate to about 1e-15 relative, eight
  /// orders of magnitude below the offset that ``offsetRayOrigin(p:pError:n:w:)``
  /// gives a spawned ray (a few `Float` ulps). A ray leaving the surface thus
  /// never finds the surface it left at a tiny positive `t`, and the test costs
  /// a quarter of the interval version.
  func hit(_ ray: Ray) -> (t: Float, objectPoint: Point3)? {
    let o = toObject.applyInDouble(point: ray.origin)
    let d = toObject.applyInDouble(vector: ray.direction)
    let r = Double(radius)

    // |o + t d|^2 = r^2  <=>  a t^2 + 2 h t + c = 0
    let a = (d * d).sum()
    let h = (o * d).sum()
    let c = (o * o).sum() - r * r
    // h^2 - a c cancels badly for distant spheres. pbrt-v4's form instead:
    // a (r^2 - |v|^2), where v = o - (h / a) d is the ray's point nearest the centre.
    let v = o - (h / a) * d
    let quarterDiscriminant = a * (r * r - (v * v).sum())
    guard quarterDiscriminant >= 0, a > 0 else { return nil }

    // The numerically stable pair of roots (no subtraction of close values).
    let root = quarterDiscriminant.squareRoot()
    let q = h < 0 ? root - h : -root - h
    guard q != 0 else { return nil }
    var t0 = q / a
    var t1 = c / q
    if t0 > t1 { swap(&t0, &t1) }

    let tMax = Double(ray.tMax)
    let t: Double
    if t0 > 0 && t0 < tMax {
      t = t0
    } else if t1 > 0 && t1 < tMax {
      t = t1
    } else {
      return nil
    }
    let p = o + t * d
    return (Float(t), Point3(Float(p.x), Float(p.y), Float(p.z)))
  }

  // MARK: Sampling

  /// A point uniformly distributed over the surface by area, with its outward
  /// normal; `pdfArea = 1 / area`. Requires ``supportsAreaSampling``.
  public func sample(u: Point2) -> (point: Point3, normal: Normal3, pdfArea: Float) {
    let direction = uniformSampleSphere(u)
    let point = toWorld.apply(point: radius * direction)
    let normal = normalize(toObject.applyTransposed(vector: direction))
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
    let normal = -(sinAlpha * .cos(phi) * tangent + sinAlpha * .sin(phi) * bitangent
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

extension AffineMatrix {
  /// The affine matrix applied to a `Float` point, in `Double`.
  fileprivate func applyInDouble(point p: Point3) -> SIMD3<Double> {
    let h = SIMD4<Double>(Double(p.x), Double(p.y), Double(p.z), 1)
    return SIMD3((SIMD4<Double>(row0) * h).sum(), (SIMD4<Double>(row1) * h).sum(),
                 (SIMD4<Double>(row2) * h).sum())
  }

  /// The matrix's linear part applied to a `Float` vector, in `Double`.
  fileprivate func applyInDouble(vector v: Vector3) -> SIMD3<Double> {
    let h = SIMD4<Double>(Double(v.x), Double(v.y), Double(v.z), 0)
    return SIMD3((SIMD4<Double>(row0) * h).sum(), (SIMD4<Double>(row1) * h).sum(),
                 (SIMD4<Double>(row2) * h).sum())
  }
}
