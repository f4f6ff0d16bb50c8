import LightArena

/// The per-pixel loop: where the arena earns its keep.
///
/// One `TileRenderer` belongs to one worker thread and owns that thread's
/// ``MemoryArena``. For every pixel it opens one arena scope; everything the
/// pixel needs (its sample arrays, and in a nested scope per camera sample,
/// every BSDF along the path) is a pointer bump in that arena, and all of it
/// is released in O(1) when the pixel is done. After the first few pixels the
/// arena's block is simply reused: rendering makes no heap allocations.
///
/// The adaptive sampler adds one level: its pixel takes samples in batches,
/// and each batch's sample arrays live in a scope nested in the pixel's,
/// released before the next batch, so a pixel never holds more than one batch.
/// The batches' finished samples (film position and radiance) wait in the
/// pixel's scope until the pixel knows how many it took.
struct TileRenderer: ~Copyable {
  let scene: Scene
  let settings: RenderSettings
  var arena = MemoryArena()
  var droppedSamples = 0
  /// Camera samples taken so far, dropped ones included (the adaptive sampler's count varies).
  var samplesTaken = 0

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
    let spp = settings.samplesPerPixel, bounces = scene.integrator.bounces, memory = settings.memory
    let time = settings.time
    var pixel = PixelProgress(corner: Point2(Float(x), Float(y)))

    // ── The pixel's arena scope opens here. ──
    arena.withAllocator { pixelScope in
      switch settings.sampler {
      case .lowDiscrepancy, .uniform:
        // The pixel's sample arrays: every camera sample's film position, and per
        // bounce its light, light-choice, BSDF and component samples.
        let pattern: SamplePattern = settings.sampler == .uniform ? .uniform : .lowDiscrepancy
        let samples = PixelSamples(alloc: pixelScope, count: spp, bounces: bounces, pattern: pattern,
                                   rng: &rng, memory: memory)
        Self.trace(samples, scene: scene, memory: memory, time: time, scope: pixelScope, rng: &rng, pixel: &pixel) {
          buffer.addSample($0, $1)
        }

      case .adaptive(let adaptive):
        // Pixels now take different numbers of samples, so a pixel's samples must
        // count as much in total as a neighbour's: each gets weight 1 / n. n is
        // known only at the end, so the finished samples wait in the pixel's scope.
        let finished = pixelScope.allocateArray(repeating: FilmSample(), count: adaptive.sampleLimit(firstBatch: spp))
        var finishedCount = 0
        // Batches until the pixel's mean is known well enough; each batch continues
        // the scrambled sequences of the previous ones, so the pixel fixes its scrambles once, here.
        let scrambles = PCG32(seed: rng.next(), stream: rng.next())
        while let count = adaptive.nextBatchSize(taken: pixel.taken, luminance: pixel.luminance, firstBatch: spp) {
          // ── A nested scope per batch holds the batch's sample arrays. ──
          pixelScope.withScope { batchScope in
            let batch = LowDiscrepancyBatch(scrambles: scrambles, firstIndex: pixel.taken)
            let samples = PixelSamples(alloc: batchScope, count: count, bounces: bounces,
                                       pattern: .lowDiscrepancyBatch(batch), rng: &rng, memory: memory)
            Self.trace(samples, scene: scene, memory: memory, time: time, scope: batchScope, rng: &rng, pixel: &pixel) {
              finished[finishedCount] = FilmSample(filmPoint: $0, radiance: $1)
              finishedCount += 1
            }
          } // ── The batch's sample arrays are released here. ──
        }
        let weight = 1 / Float(max(finishedCount, 1))
        for i in 0..<finishedCount {
          buffer.addSample(finished[i].filmPoint, finished[i].radiance, weight: weight)
        }
      }
    } // ── The pixel's arena scope ends: its memory is free for the next pixel. ──
    droppedSamples += pixel.dropped
    samplesTaken += pixel.taken
  }

  /// Traces every camera sample of `samples` and hands each finite result to
  /// `finish` (film position, radiance). `scope` is the innermost open scope:
  /// the one `samples` lives in; `time` is the scene time for animated textures.
  static func trace(_ samples: borrowing PixelSamples, scene: Scene, memory: ScratchMemory, time: Float,
                    scope: ArenaAllocator, rng: inout PCG32, pixel: inout PixelProgress,
                    finish: (Point2, Color) -> Void) {
    for sample in 0..<samples.count {
      let filmPoint = pixel.corner + samples.film.point(sample)
      let ray = scene.camera.generateRay(filmPoint: filmPoint)
      // ── A nested scope per camera sample holds the BSDFs of its path. ──
      let radiance = scope.withScope { sampleScope in
        switch scene.integrator {
        case .path(var integrator):
          integrator.memory = memory
          integrator.time = time
          return integrator.radiance(ray, scene: scene, samples: samples, sample: sample, rng: &rng, alloc: sampleScope)
        case .whitted(var integrator):
          integrator.memory = memory
          integrator.time = time
          return integrator.radiance(ray, scene: scene, samples: samples, sample: sample, alloc: sampleScope)
        case .normals(let integrator):
          return integrator.radiance(ray, scene: scene)
        }
      } // ── The sample's BSDFs are released here. ──
      pixel.taken += 1
      if radiance.isFinite {
        finish(filmPoint, radiance)
        pixel.luminance.add(radiance.luminance)
      } else {
        pixel.dropped += 1
      }
    }
  }

  /// A finished camera sample: where on the film, and the radiance it carries.
  struct FilmSample: BitwiseCopyable {
    var filmPoint = Point2.zero
    var radiance = Color.black
  }

  /// What one pixel has done so far: samples taken and dropped, and the
  /// luminance statistics the adaptive sampler's stopping rule reads.
  struct PixelProgress {
    let corner: Point2
    var taken = 0
    var dropped = 0
    var luminance = LuminanceStatistics()
  }
}
