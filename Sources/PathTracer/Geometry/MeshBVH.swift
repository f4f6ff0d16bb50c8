/// A triangle mesh behind a BVH of its own, in the mesh's own space: what
/// every instance of one OBJ model shares (``MeshInstance``, ``MovingMesh``).
///
/// A scene that places one large model many times, or moves it, keeps its
/// triangles once, here, and carries each ray into the mesh's space instead
/// (pbrt's and Embree's instancing). Small models are cheaper copied into
/// the scene's BVH in world space (``Aggregate``); the scene loader chooses
/// (see `SceneLoader+Meshes.swift`).
///
/// Like the ``Aggregate``, the search for the nearest triangle reads only
/// the triangles' corners, stored in leaf order; the hit record is built
/// once, for the winner, from the vertex attributes.
///
/// Memory, per triangle: 48 bytes of corners, 12 of vertex indices when the
/// mesh has normals or uvs, and the BVH's nodes (about 43 bytes); per vertex,
/// 16 bytes of normal and 8 of uv when the mesh has them. A final class, so
/// that instances share it by reference and it is built once.
public final class MeshBVH: Sendable {
  private let bvh: WideBVH
  /// The corners of the triangle in each slot of the BVH's leaves.
  private let triangles: [TriangleCorners]
  /// The vertex indices of each slot's triangle, for its normals and uvs;
  /// empty when the mesh has neither.
  private let vertexIndices: [VertexIndices]
  private let normals: [Normal3]
  private let uvs: [Point2]
  /// The mesh's space is mirrored relative to the space its data came from.
  private let flipsNormals: Bool
  /// The number of triangles.
  public let triangleCount: Int
  /// The box around the triangles, in the mesh's space.
  public let bounds: Bounds3

  /// One triangle's three vertex indices, packed: 12 bytes, where a
  /// `SIMD3<Int32>` takes 16.
  private struct VertexIndices: BitwiseCopyable {
    var i0, i1, i2: Int32
  }

  /// The BVH over `mesh`'s triangles (in the space its vertices were placed
  /// in), with the triangles laid out in its leaf order: O(n log n) in the
  /// triangles. Pass the mesh `consume`d (its only copy) and each of its
  /// arrays is freed as soon as it has been read, so that the peak memory
  /// is little more than the finished BVH's.
  public init(_ mesh: consuming TriangleMesh) {
    var positions = mesh.positions
    var indices = mesh.indices
    (normals, uvs, flipsNormals) = (mesh.normals, mesh.uvs, mesh.flipsNormals)
    _ = consume mesh
    let count = indices.count / 3
    func corners(_ triangle: Int) -> TriangleCorners {
      TriangleCorners(positions[Int(indices[3 * triangle])], positions[Int(indices[3 * triangle + 1])],
                      positions[Int(indices[3 * triangle + 2])])
    }
    var bvh = WideBVH(primitives: (0..<count).map { triangle in
      let corners = corners(triangle)
      let bounds = Bounds3(corners.corner(0), corners.corner(1)).union(corners.corner(2))
      return BVHBuildPrimitive(bounds: bounds, index: Int32(triangle))
    })
    let order = bvh.takePrimitiveOrder()
    triangles = order.map { corners(Int($0)) }
    positions = []
    let hasAttributes = !normals.isEmpty || !uvs.isEmpty
    vertexIndices = !hasAttributes ? [] : order.map { triangle in
      let first = 3 * Int(triangle)
      return VertexIndices(i0: indices[first], i1: indices[first + 1], i2: indices[first + 2])
    }
    indices = []
    triangleCount = count
    bounds = bvh.bounds
    self.bvh = bvh
  }

  /// Where a ray meets the mesh: the distance, the barycentric coordinates
  /// of the point on the triangle, and the triangle's slot, which is all
  /// ``surfaceHit(_:)`` needs to build the record.
  struct Hit {
    var t: Float
    var barycentrics: SIMD3<Float>
    var slot: Int32
  }

  /// The nearest hit with `0 < t < ray.tMax` (the ray in the mesh's space), or `nil`.
  @inline(__always)
  func hit(_ ray: Ray) -> Hit? {
    var searchRay = ray
    var nearest: Hit?
    let triangleTest = WatertightRay(ray)
    triangles.withUnsafeBufferPointer { triangles in
      bvh.traverse(ray: &searchRay) { slot, searchRay in
        guard let h = triangleTest.hit(triangles[slot], tMax: searchRay.tMax) else { return false }
        searchRay.tMax = h.t
        nearest = Hit(t: h.t, barycentrics: h.barycentrics, slot: Int32(slot))
        return true
      }
    }
    return nearest
  }

  /// Whether the ray (in the mesh's space) hits a triangle with `0 < t < ray.tMax`.
  @inline(__always)
  func intersects(_ ray: Ray) -> Bool {
    let triangleTest = WatertightRay(ray)
    return triangles.withUnsafeBufferPointer { triangles in
      bvh.traverseAnyHit(ray: ray) { slot, ray in triangleTest.hit(triangles[slot], tMax: ray.tMax) != nil }
    }
  }

  /// The hit record, in the mesh's space, for a hit found by ``hit(_:)``.
  func surfaceHit(_ hit: Hit) -> SurfaceHit {
    let slot = Int(hit.slot)
    let corners = triangles[slot]
    var shadingNormals: (Normal3, Normal3, Normal3)?
    var uvs: (Point2, Point2, Point2)?
    if !vertexIndices.isEmpty {
      let i = vertexIndices[slot]
      if !normals.isEmpty { shadingNormals = (normals[Int(i.i0)], normals[Int(i.i1)], normals[Int(i.i2)]) }
      if !self.uvs.isEmpty { uvs = (self.uvs[Int(i.i0)], self.uvs[Int(i.i1)], self.uvs[Int(i.i2)]) }
    }
    return TriangleMesh.surfaceHit(
      corners: (corners.corner(0), corners.corner(1), corners.corner(2)), normals: shadingNormals,
      uvs: uvs, flipsNormals: flipsNormals, t: hit.t, barycentrics: hit.barycentrics)
  }
}
