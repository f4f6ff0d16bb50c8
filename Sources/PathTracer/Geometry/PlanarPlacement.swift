/// What the planar shapes (``Disk``, ``Rectangle``) share: they lie in the
/// object-space plane z = 0 with normal +Z, and an affine transform places them
/// in the world.
///
/// An affine map sends the plane to a plane and scales every area in it by the
/// same factor, `|M x × M y|` for the linear part M. So world-space area is
/// object area times that factor, and uniform sampling in object space is
/// uniform in the world: exactly, for any scale, rotation or shear.
///
/// The transform is kept as two ``AffineMatrix`` values (96 bytes rather than
/// a 128-byte ``Transform``), the one the intersection test reads first.
struct PlanarPlacement: Sendable, BitwiseCopyable {
  /// World to object space: all that the intersection test reads.
  let toObject: AffineMatrix
  /// Object to world space, for building hit records and samples.
  let toWorld: AffineMatrix
  /// The unit world normal: local +Z carried by the inverse transpose, so it
  /// points to the image of the local +Z side even under a mirroring transform.
  let worldNormal: Normal3

  /// The placement by `objectToWorld`, which must be affine (last row 0 0 0 1).
  init(objectToWorld: Transform) {
    toObject = objectToWorld.affineInverse
    toWorld = objectToWorld.affineMatrix
    worldNormal = normalize(objectToWorld.apply(normal: Normal3(0, 0, 1)))
  }

  /// The object-to-world transform.
  var objectToWorld: Transform { Transform(matrix: toWorld.matrix4, inverse: toObject.matrix4) }

  /// World area per unit of object-space area.
  var areaScale: Float {
    length(cross(toWorld.apply(vector: Vector3(1, 0, 0)), toWorld.apply(vector: Vector3(0, 1, 0))))
  }

  /// Where the ray crosses the plane z = 0, in object space: the ray
  /// parameter (in `(0, ray.tMax)`) and the object-space point, with z exactly 0.
  ///
  /// The same arithmetic as transforming the whole ray to object space, but
  /// the x and y rows are evaluated only once the z row has found a crossing:
  /// a miss costs two 4-element dot products and a division.
  @inline(__always)
  func crossing(_ ray: Ray) -> (t: Float, objectPoint: Point3)? {
    let origin = SIMD4(ray.origin, 1), direction = SIMD4(ray.direction, 0)
    let dz = (toObject.row2 * direction).sum()
    if dz == 0 { return nil }  // parallel to the plane
    let t = -(toObject.row2 * origin).sum() / dz
    // Written so that NaN fails too.
    guard t > 0 && t < ray.tMax else { return nil }
    // On the plane by construction: z is exactly 0, no error there.
    let x = (toObject.row0 * origin).sum() + t * (toObject.row0 * direction).sum()
    let y = (toObject.row1 * origin).sum() + t * (toObject.row1 * direction).sum()
    return (t, Point3(x, y, 0))
  }

  /// The world-space hit for an object-space point on the plane, with the
  /// world-space `dpdu`.
  func surfaceHit(t: Float, objectPoint p: Point3, uv: Point2, dpdu: Vector3) -> SurfaceHit {
    // The object point's x and y came from o + t d and carry that error, but
    // the hit is accepted as computed (it is on the plane); only the transform
    // to the world adds error (pbrt-v3's disk does the same).
    let (worldPoint, worldError) = toWorld.applyWithError(point: p)
    return SurfaceHit(t: t, p: worldPoint, pError: worldError, n: worldNormal,
                      shadingNormal: worldNormal, uv: uv, dpdu: dpdu)
  }

  /// A world-space sample from an object-space point on the plane.
  func worldSample(objectPoint: Point3, worldArea: Float)
    -> (point: Point3, normal: Normal3, pdfArea: Float)
  {
    (toWorld.apply(point: objectPoint), worldNormal, 1 / worldArea)
  }
}
