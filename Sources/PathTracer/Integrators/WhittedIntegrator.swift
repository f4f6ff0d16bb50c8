import LightArena

/// Whitted-style ray tracing, as tray_rust's `whitted` integrator: direct light
/// from every light at each surface, plus recursion along specular reflection
/// and refraction only. Diffuse interreflection is left out.
///
/// ```json
/// "integrator": { "type": "whitted", "min_depth": 4 }
/// ```
///
/// tray_rust uses `min_depth` as the *maximum* recursion depth, and so do we:
/// a path follows at most `maxDepth` specular bounces.
public struct WhittedIntegrator: Sendable {
  public let maxDepth: Int

  public init(maxDepth: Int) {
    self.maxDepth = maxDepth
  }

  /// Path vertices that consume samples: one set per recursion level.
  public var bounces: Int { maxDepth + 1 }

  /// Radiance arriving along `ray`. The BSDFs of every level live in the
  /// camera sample's arena scope, `context.alloc`.
  public func radiance<Components: BxDFStorage & ~Copyable & ~Escapable>(
    _ ray: Ray, scene: Scene, context: SampleContext<Components>, depth: Int = 0
  ) -> Color {
    guard let hit = scene.intersect(ray, placed: context.placedMotion) else { return .black }
    let wo = -ray.direction
    let object = scene.objects[hit.object]
    var radiance = Color.black
    if let lightIndex = object.light, case .area(let light) = scene.light(lightIndex, at: ray.time) {
      radiance += light.emitted(normal: hit.surface.n, toward: wo)
    }
    let bsdf = context.bsdf(at: hit, time: ray.time, in: scene)
    let u = context.vertex(depth)

    // Direct light: one sample of every light (not one light chosen at random).
    for index in scene.lights.indices {
      let light = scene.light(index, at: ray.time)
      guard let incident = light.sampleIncident(from: hit.surface.p, u: u.light) else { continue }
      let f = bsdf.evaluate(wo: wo, wi: incident.wi)
      guard !f.isBlack, scene.isUnoccluded(from: hit.surface, to: incident.point, time: ray.time, placed: context.placedMotion) else { continue }
      radiance += f * incident.radiance * (abs(dot(incident.wi, hit.surface.shadingNormal)) / incident.pdf)
    }

    // Specular reflection and refraction, followed recursively.
    if depth < maxDepth,
       let scattered = bsdf.sample(wo: wo, componentSample: u.bsdfComponent, u: u.bsdf),
       scattered.flags.isSpecular, !scattered.f.isBlack {
      let weight = scattered.f * (abs(dot(scattered.wi, hit.surface.shadingNormal)) / scattered.pdf)
      let next = spawnRay(from: hit.surface, direction: scattered.wi, time: ray.time)
      radiance += weight * self.radiance(next, scene: scene, context: context, depth: depth + 1)
    }
    return radiance
  }
}
