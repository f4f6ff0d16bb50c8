import LightArena

/// The per-pixel loop: where the arena earns its keep.
///
/// A `PixelRenderer` holds what rendering a pixel reads: the scene, its camera
/// fitted to the film, the film and the run's options. It is one immutable
/// value shared by all worker threads; each brings its own ``MemoryArena``
/// (``TileRenderer``). For every pixel it opens one arena scope; everything the
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
struct PixelRenderer: Sendable {
  let scene: Scene
  /// The scene's camera, fitted to `film`.
  let camera: RasterCamera
  /// The film this run renders (the scene's, or the command line's).
  let film: FilmDescription
  let options: RenderOptions

  /// Renders `scene` on `film` as `options` say, with the scene's camera fitted to `film`.
  init(scene: Scene, film: FilmDescription, options: RenderOptions) {
    self.scene = scene
    camera = scene.camera.fitted(toWidth: film.width, height: film.height)
    self.film = film
    self.options = options
  }

  /// Renders pixel (`x`, `y`) into `buffer` with scratch memory from `arena`,
  /// and reports how many samples it took and dropped.
  func render<Components: BxDFStorage & ~Escapable>(
    x: Int, y: Int, into buffer: TileBuffer, arena: inout MemoryArena, storing _: Components.Type
  ) -> PixelProgress {
    var rng = pixelGenerator(seed: options.seed, x: x, y: y, width: film.width)
    let spp = film.samplesPerPixel
    var pixel = PixelProgress(corner: Point2(Float(x), Float(y)))

    // ── The pixel's arena scope opens here. ──
    arena.withAllocator { pixelScope in
      switch film.sampler {
      case .lowDiscrepancy, .uniform:
        // The pixel's sample arrays: every camera sample's film position, and per
        // bounce its light, light-choice, BSDF and component samples.
        let fill: Sampler.ArrayFill = film.sampler == .uniform ? .uniform : .lowDiscrepancy
        withSamples(count: spp, fill: fill, scope: pixelScope, rng: &rng) { samples, rng in
          trace(samples, scope: pixelScope, storing: Components.self, rng: &rng, pixel: &pixel) {
            buffer.addSample($0, $1)
          }
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
            withSamples(count: count, fill: .lowDiscrepancyBatch(batch), scope: batchScope, rng: &rng) {
              samples, rng in
              trace(samples, scope: batchScope, storing: Components.self, rng: &rng, pixel: &pixel) {
                finished[finishedCount] = FilmSample(filmPoint: $0, radiance: $1)
                finishedCount += 1
              }
            }
          } // ── The batch's sample arrays are released here. ──
        }
        let weight = 1 / Float(max(finishedCount, 1))
        for i in 0..<finishedCount {
          buffer.addSample(finished[i].filmPoint, finished[i].radiance, weight: weight)
        }
      }
    } // ── The pixel's arena scope ends: its memory is free for the next pixel. ──
    return pixel
  }

  /// Calls `body` with `count` camera samples' sample sets, made with `fill`:
  /// in `scope`, or for the allocation ablation in a Swift array.
  func withSamples(count: Int, fill: Sampler.ArrayFill, scope: ArenaAllocator, rng: inout PCG32,
                   _ body: (PixelSamples, inout PCG32) -> Void) {
    let bounces = scene.integrator.bounces
    switch options.scratchMemory {
    case .arena:
      body(PixelSamples(alloc: scope, count: count, bounces: bounces, fill: fill, rng: &rng), &rng)
    case .heap:
      let arrays = HeapPixelSamples(count: count, bounces: bounces, fill: fill, rng: &rng)
      body(arrays.samples, &rng)
    }
  }

  /// Traces every camera sample of `samples` and hands each finite result to
  /// `finish` (film position, radiance). `scope` is the innermost open scope:
  /// the one `samples` lives in.
  func trace<Components: BxDFStorage & ~Escapable>(
    _ samples: PixelSamples, scope: ArenaAllocator, storing _: Components.Type,
    rng: inout PCG32, pixel: inout PixelProgress, finish: (Point2, Color) -> Void
  ) {
    for sample in 0..<samples.count {
      let filmPoint = pixel.corner + samples.filmOffset(sample)
      let ray = camera.generateRay(filmPoint: filmPoint, time: options.time)
      // ── A nested scope per camera sample holds the BSDFs of its path. ──
      let radiance = scope.withScope { sampleScope in
        let context = SampleContext<Components>(samples: samples, index: sample, alloc: sampleScope)
        return scene.integrator.radiance(ray, scene: scene, context: context, rng: &rng)
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
