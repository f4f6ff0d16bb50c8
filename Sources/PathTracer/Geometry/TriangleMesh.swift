/// A triangle mesh in world space with its own BVH over its triangles.
///
/// Vertex positions (and normals) are transformed to the world once, when the
/// mesh is made, so intersection does no transforming at all. Triangles are
/// reordered into the BVH's leaf order, so that the triangles a leaf tests lie
/// next to each other in memory; their corners are also stored per triangle
/// (a ``TriangleCorners`` each) so that a test reads one contiguous block.
///
/// Orientation: the geometric normal is `cross(p1 - p0, p2 - p0)` for a
/// triangle `(p0, p1, p2)` (outward for OBJ's counter-clockwise winding),
/// flipped if `objectToWorld` mirrors space, and turned to the side of the
/// shading normal when the mesh has vertex normals.
///
/// In a scene, an ``Aggregate`` takes the mesh apart: its triangles join the
/// scene's single BVH, and the mesh's own BVH serves only ``intersect(_:)``
/// and ``intersects(_:)`` on the mesh alone.
public struct TriangleMesh: Sendable {
  /// The BVH over the triangles; slot `i` is triangle `i` of ``indices``.
  public let bvh: BVH
  /// Total world-space surface area.
  public let area: Float
  /// The corners of each triangle, in BVH slot order.
  let corners: [TriangleCorners]
  /// Everything needed to build a hit record, once a triangle is chosen.
  let attributes: TriangleMeshAttributes

  /// Why a mesh could not be made.
  public enum Error: Swift.Error, Equatable {
    /// `indices.count` is not a multiple of 3.
    case indexCountNotMultipleOfThree(Int)
    /// An index is negative or not less than the number of positions.
    case indexOutOfRange(Int)
    /// `normals` or `uvs` do not have one entry per position.
    case attributeCountMismatch(name: String, expected: Int, actual: Int)
  }

  /// A mesh from object-space vertex data and three indices per triangle,
  /// placed in the world by `objectToWorld`. Transforms the vertices, builds
  /// the BVH (O(n log n) in the number of triangles) and reorders the triangles.
  /// `normals` and `uvs`, if given, have one entry per position; `indices`
  /// may be any integer type (an OBJ reader's `[UInt32]`, say).
  public init<Index: BinaryInteger>(
    positions objectPositions: [Point3], normals objectNormals: [Normal3]? = nil,
    uvs: [Point2]? = nil, indices objectIndices: [Index], objectToWorld: Transform = .identity
  ) throws(Error) {
    guard objectIndices.count % 3 == 0 else {
      throw .indexCountNotMultipleOfThree(objectIndices.count)
    }
    if let bad = objectIndices.first(where: { $0 < 0 || $0 >= objectPositions.count }) {
      throw .indexOutOfRange(Int(bad))
    }
    let indices = objectIndices.map { Int32($0) }
    if let objectNormals, objectNormals.count != objectPositions.count {
      throw .attributeCountMismatch(name: "normals", expected: objectPositions.count,
                                    actual: objectNormals.count)
    }
    if let uvs, uvs.count != objectPositions.count {
      throw .attributeCountMismatch(name: "uvs", expected: objectPositions.count,
                                    actual: uvs.count)
    }

    let positions = objectPositions.map { objectToWorld.apply(point: $0) }
    let normals = (objectNormals ?? []).map { n in
      let world = objectToWorld.apply(normal: n)
      let lengthSquared = dot(world, world)
      return lengthSquared > 0 ? world / lengthSquared.squareRoot() : world
    }

    let triangleCount = indices.count / 3
    let triangleBounds = (0..<triangleCount).map { i in
      Bounds3(positions[Int(indices[3 * i])], positions[Int(indices[3 * i + 1])])
        .union(positions[Int(indices[3 * i + 2])])
    }
    bvh = BVH(primitiveBounds: triangleBounds)

    // Put the triangles in the BVH's slot order.
    var orderedIndices: [Int32] = []
    orderedIndices.reserveCapacity(indices.count)
    for triangle in bvh.primitiveOrder {
      let first = 3 * Int(triangle)
      orderedIndices.append(indices[first])
      orderedIndices.append(indices[first + 1])
      orderedIndices.append(indices[first + 2])
    }
    corners = (0..<triangleCount).map { i in
      TriangleCorners(positions[Int(orderedIndices[3 * i])], positions[Int(orderedIndices[3 * i + 1])],
                      positions[Int(orderedIndices[3 * i + 2])])
    }
    attributes = TriangleMeshAttributes(positions: positions, normals: normals, uvs: uvs ?? [],
                                        indices: orderedIndices,
                                        flipsNormals: objectToWorld.swapsHandedness)

    var area: Float = 0
    for i in 0..<triangleCount {
      let (p0, p1, p2) = (corners[i].corner(0), corners[i].corner(1), corners[i].corner(2))
      area += 0.5 * length(cross(p1 - p0, p2 - p0))
    }
    self.area = area
  }

  /// World-space vertex positions.
  public var positions: [Point3] { attributes.positions }
  /// World-space unit vertex normals, one per position, or empty if the mesh has none.
  public var normals: [Normal3] { attributes.normals }
  /// Texture coordinates, one per position, or empty (then each triangle is
  /// parameterised (0,0), (1,0), (1,1) at its three corners, as in pbrt).
  public var uvs: [Point2] { attributes.uvs }
  /// Three vertex indices per triangle, in BVH order (not the order given).
  public var indices: [Int32] { attributes.indices }

  /// The number of triangles.
  public var triangleCount: Int { corners.count }

  /// The world-space bounding box.
  public var worldBounds: Bounds3 { bvh.bounds }

  /// The nearest hit with `0 < t < ray.tMax`, or `nil`. Traverses the BVH
  /// with the lightweight watertight test and builds the ``SurfaceHit`` only
  /// for the winning triangle.
  public func intersect(_ ray: Ray) -> SurfaceHit? {
    var searchRay = ray
    let test = WatertightRay(ray)
    var nearest: (triangle: Int, barycentrics: SIMD3<Float>)?
    _ = corners.withUnsafeBufferPointer { corners in
      bvh.traverse(ray: &searchRay) { triangle, searchRay in
        guard let h = test.hit(corners[triangle], tMax: searchRay.tMax) else { return false }
        searchRay.tMax = h.t
        nearest = (triangle, h.barycentrics)
        return true
      }
    }
    guard let nearest else { return nil }
    return attributes.surfaceHit(triangle: nearest.triangle, t: searchRay.tMax,
                                 barycentrics: nearest.barycentrics)
  }

  /// Whether the ray hits any triangle with `0 < t < ray.tMax` (shadow rays).
  public func intersects(_ ray: Ray) -> Bool {
    let test = WatertightRay(ray)
    return corners.withUnsafeBufferPointer { corners in
      bvh.traverseAnyHit(ray: ray) { triangle, ray in
        test.hit(corners[triangle], tMax: ray.tMax) != nil
      }
    }
  }
}
