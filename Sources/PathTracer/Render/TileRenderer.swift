import LightArena

/// The per-pixel loop: where the arena earns its keep.
///
/// One `TileRenderer` belongs to one worker thread and owns that thread's
/// ``MemoryArena``. For every pixel it opens one arena scope; everything the
/// pixel needs (its sample arrays, and in a nested scope per camera sample,
/// every BSDF along the path) is a pointer bump in that arena, and all of it
/// is released in O(1) when the pixel is done. After the first few pixels the
/// arena's block is simply reused: rendering makes no heap allocations.
struct TileRenderer: ~Copyable {
  let scene: Scene
  let settings: RenderSettings
  var arena = MemoryArena()
  var droppedSamples = 0

  init(scene: Scene, settings: RenderSettings) {
    self.scene = scene
    self.settings = settings
  }

  /// Renders the pixels of `tile` into its film buffer.
  mutating func render(tile: Int, film: borrowing Film) {
    let buffer = film.tileBuffer(tile)
    let bounds = film.tiles.bounds(of: tile)
    for y in bounds.lower.y..<bounds.upper.y {
      for x in bounds.lower.x..<bounds.upper.x {
        renderPixel(x: x, y: y, into: buffer)
      }
    }
  }

  mutating func renderPixel(x: Int, y: Int, into buffer: TileBuffer) {
    let settings = settings, scene = scene
    var rng = pixelGenerator(seed: settings.seed, x: x, y: y, width: settings.width)
    let spp = settings.samplesPerPixel
    var dropped = 0

    // ── The pixel's arena scope opens here. ──
    arena.withAllocator { pixelScope in
      // The pixel's sample arrays: every camera sample's film position, and per
      // bounce its light, light-choice, BSDF and component samples.
      let samples = PixelSamples(alloc: pixelScope, samplesPerPixel: spp,
                                 bounces: scene.integrator.bounces, rng: &rng, memory: settings.memory)
      let pixelCorner = Point2(Float(x), Float(y))
      for sample in 0..<spp {
        let filmPoint = pixelCorner + samples.film.point(sample)
        let ray = scene.camera.generateRay(filmPoint: filmPoint)
        // ── A nested scope per camera sample holds the BSDFs of its path. ──
        let radiance = pixelScope.withScope { sampleScope in
          switch scene.integrator {
          case .path(var integrator):
            integrator.memory = settings.memory
            integrator.time = settings.time
            return integrator.radiance(ray, scene: scene, samples: samples, sample: sample, rng: &rng, alloc: sampleScope)
          case .whitted(var integrator):
            integrator.memory = settings.memory
            integrator.time = settings.time
            return integrator.radiance(ray, scene: scene, samples: samples, sample: sample, alloc: sampleScope)
          case .normals(let integrator):
            return integrator.radiance(ray, scene: scene)
          }
        } // ── The sample's BSDFs are released here. ──
        if radiance.isFinite {
          buffer.addSample(filmPoint, radiance)
        } else {
          dropped += 1
        }
      }
    } // ── The pixel's arena scope ends: its memory is free for the next pixel. ──
    droppedSamples += dropped
  }
}
