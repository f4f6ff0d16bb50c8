import LightArena

/// Unidirectional path tracing with next-event estimation and multiple
/// importance sampling, following tray_rust's `pathtracer` integrator.
///
/// ```json
/// "integrator": { "type": "pathtracer", "min_depth": 3, "max_depth": 8 }
/// ```
///
/// The path visits surface vertices numbered `bounce = 0, 1, ..., maxDepth`.
/// At each one it samples one light (chosen by power) and adds its direct
/// contribution, then samples the BSDF to continue. Light reaching a vertex
/// along the continuation direction is weighted against the light sample with
/// the power heuristic, so each light path of up to `maxDepth + 2` segments is
/// counted exactly once. Russian roulette may end the path after `minDepth`.
public struct PathIntegrator: Sendable {
  public let minDepth: Int
  public let maxDepth: Int

  public init(minDepth: Int, maxDepth: Int) {
    self.minDepth = minDepth
    self.maxDepth = maxDepth
  }

  /// Path vertices that consume samples: one set per bounce.
  public var bounces: Int { maxDepth + 1 }

  /// Radiance arriving at the camera along `cameraRay`.
  ///
  /// - Parameters:
  ///   - context: This camera sample's random numbers (one set per bounce) and
  ///     its arena scope: every BSDF along the path is allocated there and
  ///     released together when the sample is done.
  ///   - rng: For Russian roulette.
  public func radiance<Components: BxDFStorage & ~Copyable & ~Escapable>(
    _ cameraRay: Ray, scene: Scene, context: SampleContext<Components>, rng: inout PCG32
  ) -> Color {
    var radiance = Color.black
    var throughput = Color.white
    var ray = cameraRay
    // What the previous vertex needs to weight light found by its BSDF sample.
    var previousPoint = ray.origin
    var previousBSDFPdf: Float = 0
    var previousWasSpecular = true  // the camera "sees" emitters directly

    for bounce in 0...(maxDepth + 1) {
      guard let hit = scene.intersect(ray, placed: context.placedMotion) else { break }
      let wo = -ray.direction
      let object = scene.objects[hit.object]

      // Light emitted by the surface we just reached.
      if let lightIndex = object.light, case .area(let light) = scene.light(lightIndex, at: ray.time) {
        let emitted = light.emitted(normal: hit.surface.n, toward: wo)
        if !emitted.isBlack {
          if previousWasSpecular {
            radiance += throughput * emitted
          } else {
            let lightPdf = scene.lightDistribution.probabilities[lightIndex]
              * light.pdfIncident(from: previousPoint, direction: ray.direction)
            radiance += throughput * emitted * powerHeuristic(nf: 1, fPdf: previousBSDFPdf, ng: 1, gPdf: lightPdf)
          }
        }
      }
      // The last vertex exists only to find the light of the previous BSDF sample.
      if bounce > maxDepth { break }

      let bsdf = context.bsdf(at: hit, time: ray.time, in: scene)
      let u = context.vertex(bounce)

      if !bsdf.isSpecular {
        radiance += throughput * directLighting(at: hit.surface, wo: wo, time: ray.time, bsdf: bsdf,
                                                scene: scene, u: u, placed: context.placedMotion,
                                                stillAreaLights: context.stillAreaLights)
      }

      guard let scattered = bsdf.sample(wo: wo, componentSample: u.bsdfComponent, u: u.bsdf),
            !scattered.f.isBlack else { break }
      let cosine = abs(dot(scattered.wi, hit.surface.shadingNormal))
      throughput *= scattered.f * (cosine / scattered.pdf)

      previousPoint = hit.surface.p
      previousBSDFPdf = scattered.pdf
      previousWasSpecular = scattered.flags.isSpecular
      ray = spawnRay(from: hit.surface, direction: scattered.wi, time: ray.time)

      if bounce > minDepth {
        let continuation = min(1, max(0.5, throughput.luminance))
        if rng.nextFloat() >= continuation { break }
        throughput = throughput / continuation
      }
    }
    return radiance
  }

  /// One light sample's contribution at a non-specular vertex, MIS-weighted
  /// against BSDF sampling (the other half is added when a BSDF sample hits a light).
  func directLighting<Components: BxDFStorage & ~Copyable & ~Escapable>(
    at surface: SurfaceHit, wo: Vector3, time: Float, bsdf: borrowing BSDF<Components>, scene: Scene,
    u: VertexSamples, placed: borrowing MotionPlacement, stillAreaLights: StillAreaLights.View
  ) -> Color {
    guard let (index, choiceProbability) = scene.lightDistribution.choose(u.lightChoice),
          let light = stillAreaLights.sampleIncident(index, from: surface.p, u: u.light, orIn: scene, at: time)
    else { return .black }
    // Both the value and the density are asked for this pair: into the shading frame once.
    let directions = bsdf.directions(wo: wo, wi: light.wi)
    let f = bsdf.evaluate(directions)
    guard !f.isBlack, scene.isUnoccluded(from: surface, to: light.point, time: time, placed: placed) else { return .black }
    let lightPdf = light.pdf * choiceProbability
    let cosine = abs(dot(light.wi, surface.shadingNormal))
    let contribution = f * light.radiance * (cosine / lightPdf)
    if light.isDelta { return contribution }
    let bsdfPdf = bsdf.pdf(directions)
    return contribution * powerHeuristic(nf: 1, fPdf: lightPdf, ng: 1, gPdf: bsdfPdf)
  }
}
