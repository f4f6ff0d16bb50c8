/// A piece of scene geometry: an analytic shape or a triangle mesh, fixed or moving.
///
/// A scene is a list of primitives, each with its own material (see
/// ``SceneObject``); the ``Aggregate`` puts them all behind one BVH.
public enum Primitive: Sendable {
  case shape(Shape)
  case mesh(TriangleMesh)
  /// A shape placed by an animated transform, looked up at each ray's time.
  case moving(MovingShape)
  /// A mesh in object space placed by an animated transform: rays are
  /// carried into its space at their time.
  case movingMesh(MovingMesh)

  /// True for a primitive whose place depends on time.
  public var isMoving: Bool {
    switch self {
    case .moving, .movingMesh: return true
    case .shape, .mesh: return false
    }
  }
}
