/// What the planar shapes (``Disk``, ``Rectangle``) share: they lie in the
/// object-space plane z = 0 with normal +Z, and an affine transform places them
/// in the world.
///
/// An affine map sends the plane to a plane and scales every area in it by the
/// same factor, `|M x × M y|` for the linear part M. So world-space area is
/// object area times that factor, and uniform sampling in object space is
/// uniform in the world: exactly, for any scale, rotation or shear.
struct PlanarPlacement: Sendable, BitwiseCopyable {
  let objectToWorld: Transform
  /// The unit world normal: local +Z carried by the inverse transpose, so it
  /// points to the image of the local +Z side even under a mirroring transform.
  let worldNormal: Normal3
  /// World area per unit of object-space area.
  let areaScale: Float

  init(objectToWorld: Transform) {
    self.objectToWorld = objectToWorld
    worldNormal = normalize(objectToWorld.apply(normal: Normal3(0, 0, 1)))
    areaScale = length(cross(objectToWorld.apply(vector: Vector3(1, 0, 0)),
                             objectToWorld.apply(vector: Vector3(0, 1, 0))))
  }

  /// Where the ray crosses the plane z = 0, in object space: the ray
  /// parameter (in `(0, ray.tMax)`) and the object-space point, with z exactly 0.
  func crossing(_ ray: Ray) -> (t: Float, objectPoint: Point3)? {
    let objectRay = objectToWorld.inverted.apply(ray: ray)
    let dz = objectRay.direction.z
    if dz == 0 { return nil }  // parallel to the plane
    let t = -objectRay.origin.z / dz
    // Written so that NaN fails too.
    guard t > 0 && t < ray.tMax else { return nil }
    var p = objectRay.at(t)
    p.z = 0  // the point is on the plane by construction: no error in z
    return (t, p)
  }

  /// The world-space hit for an object-space point on the plane.
  func surfaceHit(t: Float, objectPoint p: Point3, uv: Point2, objectTangent: Vector3) -> SurfaceHit {
    // The object point's x and y came from o + t d and carry that error, but
    // the hit is accepted as computed (it is on the plane); only the transform
    // to the world adds error (pbrt-v3's disk does the same).
    let (worldPoint, worldError) = objectToWorld.applyWithError(point: p)
    return SurfaceHit(t: t, p: worldPoint, pError: worldError, n: worldNormal,
                      shadingNormal: worldNormal, uv: uv,
                      dpdu: objectToWorld.apply(vector: objectTangent))
  }

  /// A world-space sample from an object-space point on the plane.
  func worldSample(objectPoint: Point3, worldArea: Float)
    -> (point: Point3, normal: Normal3, pdfArea: Float)
  {
    (objectToWorld.apply(point: objectPoint), worldNormal, 1 / worldArea)
  }
}
