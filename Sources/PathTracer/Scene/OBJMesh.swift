/// One named object (`o Name`) of an OBJ file, triangulated, with its per-vertex
/// attributes de-indexed into a single index space.
///
/// OBJ lets each face corner pick a position, a texture coordinate and a normal
/// with three independent indices. Renderers want one index per corner, so every
/// distinct (position, uv, normal) combination the object uses becomes one vertex
/// here. The mesh is self-contained: it holds only the vertices its faces use.
public struct OBJMesh: Sendable {
  /// The name given by the `o` statement; `"default"` for faces before any `o`.
  public var name: String
  /// Vertex positions, in the file's coordinate system.
  public var positions: [Point3]
  /// Unit shading normals, one per vertex; `nil` unless *every* face corner of the
  /// object names a normal (then shading uses the geometric normal).
  public var normals: [Normal3]?
  /// Texture coordinates, one per vertex; `nil` unless *every* face corner of the
  /// object names one.
  public var uvs: [Point2]?
  /// Three indices per triangle into `positions`, `normals` and `uvs`, in the
  /// winding order of the file.
  public var indices: [UInt32]

  /// Creates a mesh from already de-indexed arrays.
  public init(name: String, positions: [Point3], normals: [Normal3]?, uvs: [Point2]?,
              indices: [UInt32]) {
    self.name = name
    self.positions = positions
    self.normals = normals
    self.uvs = uvs
    self.indices = indices
  }

  /// The number of triangles, `indices.count / 3`. O(1).
  public var triangleCount: Int { indices.count / 3 }
}
