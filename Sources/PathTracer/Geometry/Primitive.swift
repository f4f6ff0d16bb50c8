/// A piece of scene geometry: an analytic shape or a triangle mesh, fixed or moving.
///
/// A fixed mesh joins the scene either as its triangles (``mesh(_:)``,
/// copied into the scene's BVH in world space: best for small meshes) or as
/// an instance of a shared ``MeshBVH`` (``meshInstance(_:)``: one copy of
/// a large model for all the objects that place it).
///
/// A scene is a list of primitives, each with its own material (see
/// ``SceneObject``); the ``Aggregate`` puts them all behind one BVH.
public enum Primitive: Sendable {
  case shape(Shape)
  case mesh(TriangleMesh)
  /// A shared mesh with its own BVH, placed by a fixed transform.
  case meshInstance(MeshInstance)
  /// A shape placed by an animated transform, looked up at each ray's time.
  case moving(MovingShape)
  /// A mesh in object space placed by an animated transform: rays are
  /// carried into its space at their time.
  case movingMesh(MovingMesh)

  /// True for a primitive whose place depends on time.
  public var isMoving: Bool {
    switch self {
    case .moving, .movingMesh: return true
    case .shape, .mesh, .meshInstance: return false
    }
  }
}
