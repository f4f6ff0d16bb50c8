import LightArena

/// The integrator a scene asks for: how radiance along a camera ray is computed.
public enum Integrator: Sendable {
  case path(PathIntegrator)
  case whitted(WhittedIntegrator)
  case normals(NormalsIntegrator)

  /// Path vertices that consume samples.
  public var bounces: Int {
    switch self {
    case .path(let path): path.bounces
    case .whitted(let whitted): whitted.bounces
    case .normals: 0
    }
  }

  /// Radiance arriving at the camera along `ray`, for the camera sample
  /// `context` describes; `rng` is the pixel's generator, for Russian roulette.
  public func radiance<Components: BxDFStorage & ~Copyable & ~Escapable>(
    _ ray: Ray, scene: Scene, context: SampleContext<Components>, rng: inout PCG32
  ) -> Color {
    switch self {
    case .path(let path): path.radiance(ray, scene: scene, context: context, rng: &rng)
    case .whitted(let whitted): whitted.radiance(ray, scene: scene, context: context)
    case .normals(let normals): normals.radiance(ray, scene: scene)
    }
  }
}
