/// A triangle mesh in world space: vertex positions, optional vertex normals
/// and texture coordinates, and three vertex indices per triangle.
///
/// Vertex positions (and normals) are transformed to the world once, when the
/// mesh is made, so intersection does no transforming at all. The mesh is only
/// data; it has no acceleration structure of its own. In a scene, an
/// ``Aggregate`` takes it apart: its triangles join the scene's single BVH
/// next to the triangles of every other mesh and the analytic shapes.
///
/// Orientation: the geometric normal is `cross(p1 - p0, p2 - p0)` for a
/// triangle `(p0, p1, p2)` (outward for OBJ's counter-clockwise winding),
/// flipped if `objectToWorld` mirrors space, and turned to the side of the
/// shading normal when the mesh has vertex normals.
///
/// Memory: 16 bytes per position and per normal, 8 per uv, 12 per triangle.
public struct TriangleMesh: Sendable {
  /// World-space vertex positions.
  public let positions: [Point3]
  /// World-space unit vertex normals, one per position, or empty if the mesh has none.
  public let normals: [Normal3]
  /// Texture coordinates, one per position, or empty (then each triangle is
  /// parameterised (0,0), (1,0), (1,1) at its three corners, as in pbrt).
  public let uvs: [Point2]
  /// Three vertex indices per triangle, in the order given.
  public let indices: [Int32]
  /// Whether geometric normals must be negated: `objectToWorld` mirrors space.
  let flipsNormals: Bool

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
  /// placed in the world by `objectToWorld`. Checks the indices and
  /// transforms the vertices: O(vertices + triangles), one pass each.
  /// `normals` and `uvs`, if given, have one entry per position; `indices`
  /// may be any integer type (an OBJ reader's `[UInt32]`, say). Arrays the
  /// caller passes as their only reference are transformed in place.
  public init<Index: BinaryInteger>(
    positions objectPositions: consuming [Point3], normals objectNormals: consuming [Normal3]? = nil,
    uvs: [Point2]? = nil, indices objectIndices: [Index], objectToWorld: Transform = .identity
  ) throws(Error) {
    guard objectIndices.count % 3 == 0 else {
      throw .indexCountNotMultipleOfThree(objectIndices.count)
    }
    if let bad = objectIndices.first(where: { $0 < 0 || $0 >= objectPositions.count }) {
      throw .indexOutOfRange(Int(bad))
    }
    if let objectNormals, objectNormals.count != objectPositions.count {
      throw .attributeCountMismatch(name: "normals", expected: objectPositions.count,
                                    actual: objectNormals.count)
    }
    if let uvs, uvs.count != objectPositions.count {
      throw .attributeCountMismatch(name: "uvs", expected: objectPositions.count,
                                    actual: uvs.count)
    }

    indices = objectIndices.map { Int32($0) }
    var worldPositions = consume objectPositions
    for i in worldPositions.indices { worldPositions[i] = objectToWorld.apply(point: worldPositions[i]) }
    positions = worldPositions
    var worldNormals = (consume objectNormals) ?? []
    for i in worldNormals.indices {
      let world = objectToWorld.apply(normal: worldNormals[i])
      let lengthSquared = dot(world, world)
      worldNormals[i] = lengthSquared > 0 ? world / lengthSquared.squareRoot() : world
    }
    normals = worldNormals
    self.uvs = uvs ?? []
    flipsNormals = objectToWorld.swapsHandedness
  }

  /// The number of triangles.
  public var triangleCount: Int { indices.count / 3 }

  /// The world-space corners of triangle `triangle`, laid out for the
  /// ray-triangle test.
  func corners(of triangle: Int) -> TriangleCorners {
    TriangleCorners(positions[Int(indices[3 * triangle])], positions[Int(indices[3 * triangle + 1])],
                    positions[Int(indices[3 * triangle + 2])])
  }

  /// Total world-space surface area. O(triangles): computed on every call.
  public var area: Float {
    var area: Float = 0
    for triangle in 0..<triangleCount {
      let corners = corners(of: triangle)
      let (p0, p1, p2) = (corners.corner(0), corners.corner(1), corners.corner(2))
      area += 0.5 * length(cross(p1 - p0, p2 - p0))
    }
    return area
  }
}
