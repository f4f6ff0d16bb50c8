/// A piece of scene geometry: an analytic shape, a triangle mesh, or an
/// analytic shape that moves.
///
/// A scene is a list of primitives, each with its own material (see
/// ``SceneObject``); the ``Aggregate`` puts them all behind one BVH.
public enum Primitive: Sendable {
  case shape(Shape)
  case mesh(TriangleMesh)
  /// A shape placed by an animated transform, looked up at each ray's time.
  case moving(MovingShape)

  /// True for a primitive whose place depends on time.
  public var isMoving: Bool {
    if case .moving = self { return true }
    return false
  }
}
