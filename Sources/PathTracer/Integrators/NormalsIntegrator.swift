/// Shows the shading normal as a colour, `(n + 1) / 2`, as tray_rust's
/// `normals_debug` integrator. Useful to check geometry and transforms.
///
/// ```json
/// "integrator": { "type": "normals_debug" }
/// ```
public struct NormalsIntegrator: Sendable {
  public init() {}

  public func radiance(_ ray: Ray, scene: Scene) -> Color {
    guard let hit = scene.intersect(ray) else { return .black }
    return Color((hit.surface.shadingNormal + 1) / 2)
  }
}
