/// A piece of scene geometry: an analytic shape or a triangle mesh.
///
/// A scene is a list of primitives, each with its own material (see
/// ``SceneObject``); the ``Aggregate`` puts them all behind one BVH.
public enum Primitive: Sendable {
  case shape(Shape)
  case mesh(TriangleMesh)
}
