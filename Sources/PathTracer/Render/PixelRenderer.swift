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
/// Batches add one level: a pixel with more samples than one set of sample
/// arrays may hold (``SampleLayout/batchLimit(bounces:)``, 256 KiB of them),
/// and every pixel of the adaptive sampler, takes its samples in batches, and
/// each batch's sample arrays live in a scope nested in the pixel's, released
/// before the next batch. A pixel never holds more than one batch, so memory
/// does not grow with the samples per pixel.
struct PixelRenderer: Sendable {
  let scene: Scene
  /// The camera of the options' frame (or the scene's), fitted to `film`.
  let camera: RasterCamera
  /// The film this run renders (the scene's, or the command line's).
  let film: FilmDescription
  let options: RenderOptions
  /// Whether camera samples spread over the shutter: only when it stays open
  /// and something in the scene changes, so that a still scene's image is
  /// the same whatever the shutter.
  let samplesShutter: Bool
  /// The scene's area lights that never change, as plain values (see ``StillAreaLights``).
  let stillAreaLights: StillAreaLights

  /// Renders `scene` on `film` as `options` say, with the scene's camera
  /// fitted to `film`, and its BVH and light distribution made for the
  /// options' shutter interval (``Scene/prepared(forShutter:)``; free for a
  /// scene where nothing changes).
  init(scene: Scene, film: FilmDescription, options: RenderOptions) {
    self.scene = scene.prepared(forShutter: options.shutter)
    // The frame's camera (the caller checked that it has one, see
    // ``Scene/camera(forFrame:of:)``), else the scene's.
    let frameCamera = options.frame.flatMap { scene.camera(forFrame: $0, of: film.timing) } ?? scene.camera
    camera = frameCamera.fitted(toWidth: film.width, height: film.height)
    self.film = film
    self.options = options
    samplesShutter = options.hasMotionBlur && scene.changesOverTime
    stillAreaLights = StillAreaLights(self.scene)
  }

  /// Renders pixel (`x`, `y`) into `buffer` with scratch memory from `arena`,
  /// and reports how many samples it took and dropped.
  func render<Components: BxDFStorage & ~Copyable & ~Escapable>(
    x: Int, y: Int, into buffer: TileBuffer, arena: inout MemoryArena, storing _: Components.Type
  ) -> PixelProgress {
    var rng = pixelGenerator(seed: options.seed, x: x, y: y, width: film.width)
    let spp = film.samplesPerPixel
    var pixel = PixelProgress(corner: Point2(Float(x), Float(y)))

    // ── The pixel's arena scope opens here. ──
    arena.withAllocator { pixelScope in
      let batchLimit = SampleLayout.batchLimit(bounces: scene.integrator.bounces,
                                               shutterTimes: samplesShutter)
      switch film.sampler {
      case .lowDiscrepancy where spp <= batchLimit, .uniform where spp <= batchLimit:
        // The usual case: one set of sample arrays for all the pixel's samples,
        // every camera sample's film position, and per bounce its light,
        // light-choice, BSDF and component samples.
        let fill: Sampler.ArrayFill = film.sampler == .uniform ? .uniform : .lowDiscrepancy
        withSamples(count: spp, fill: fill, scope: pixelScope, rng: &rng) { samples, rng in
          trace(samples, scope: pixelScope, storing: Components.self, rng: &rng, pixel: &pixel) {
            buffer.addSample($0, $1)
          }
        }

      case .lowDiscrepancy, .uniform:
        // More samples than one set of arrays may hold: take them in batches,
        // each continuing the pixel's sequences (see `takeSamples`).
        let scrambles = PCG32(seed: rng.next(), stream: rng.next())
        takeSamples(spp, scrambles: film.sampler == .uniform ? nil : scrambles, batchLimit: batchLimit,
                    scope: pixelScope, storing: Components.self, rng: &rng, pixel: &pixel) {
          buffer.addSample($0, $1)
        }

      case .adaptive(let adaptive):
        // Pixels now take different numbers of samples, so a pixel's samples must
        // count as much in total as a neighbour's: each gets weight 1 / n. n is
        // known only at the end, so the samples are splatted with weight 1 into
        // the pixel's own small buffer, its filter footprint, which is added to
        // the tile's with weight 1 / n when the pixel is done.
        let footprintSide = buffer.footprintSide
        var footprint = pixelScope.allocateArray(repeating: SIMD4<Float>.zero, count: footprintSide * footprintSide)
        footprint.withUnsafeMutableBufferPointer { storage in
          let own = buffer.footprint(ofPixelAt: SIMD2(x, y), storage: storage)
          // Batches until the pixel's mean is known well enough; each batch continues
          // the scrambled sequences of the previous ones, so the pixel fixes its scrambles once, here.
          let scrambles = PCG32(seed: rng.next(), stream: rng.next())
          while let count = adaptive.nextBatchSize(taken: pixel.taken, luminance: pixel.luminance, firstBatch: spp) {
            takeSamples(count, scrambles: scrambles, batchLimit: batchLimit,
                        scope: pixelScope, storing: Components.self, rng: &rng, pixel: &pixel) {
              own.addSample($0, $1)
            }
          }
          buffer.add(own, weight: 1 / Float(max(pixel.taken - pixel.dropped, 1)))
        }
      }
    } // ── The pixel's arena scope ends: its memory is free for the next pixel. ──
    return pixel
  }

  /// Takes `count` more camera samples for the pixel, in batches of at most
  /// `batchLimit`, and hands each finite result to `finish`.
  ///
  /// Each batch's sample arrays live in a scope nested in `scope`, released
  /// before the next batch, so the memory a pixel holds is bounded by the
  /// batch limit however many samples it takes. With `scrambles`, every
  /// batch continues the pixel's scrambled (0,2)-sequences where the samples
  /// before it stopped (``LowDiscrepancyBatch``), so the pixel's samples
  /// together are as well stratified as one set would be; without, the
  /// batches are uniform random numbers.
  func takeSamples<Components: BxDFStorage & ~Copyable & ~Escapable>(
    _ count: Int, scrambles: PCG32?, batchLimit: Int, scope: ArenaAllocator, storing _: Components.Type,
    rng: inout PCG32, pixel: inout PixelProgress, finish: (Point2, Color) -> Void
  ) {
    var remaining = count
    while remaining > 0 {
      let batchCount = min(remaining, batchLimit)
      let fill: Sampler.ArrayFill = if let scrambles {
        .lowDiscrepancyBatch(LowDiscrepancyBatch(scrambles: scrambles, firstIndex: pixel.taken))
      } else {
        .uniform
      }
      // ── A nested scope per batch holds the batch's sample arrays. ──
      scope.withScope { batchScope in
        withSamples(count: batchCount, fill: fill, scope: batchScope, rng: &rng) { samples, rng in
          trace(samples, scope: batchScope, storing: Components.self, rng: &rng, pixel: &pixel, finish: finish)
        }
      } // ── The batch's sample arrays are released here. ──
      remaining -= batchCount
    }
  }

  /// Calls `body` with `count` camera samples' sample sets, made with `fill`:
  /// in `scope`, or for the allocation ablation in a Swift array.
  func withSamples(count: Int, fill: Sampler.ArrayFill, scope: ArenaAllocator, rng: inout PCG32,
                   _ body: (PixelSamples, inout PCG32) -> Void) {
    let bounces = scene.integrator.bounces
    let times = samplesShutter
    switch options.scratchMemory {
    case .arena:
      body(PixelSamples(alloc: scope, count: count, bounces: bounces, shutterTimes: times, fill: fill, rng: &rng),
           &rng)
    case .heap:
      let arrays = HeapPixelSamples(count: count, bounces: bounces, shutterTimes: times, fill: fill, rng: &rng)
      body(arrays.samples, &rng)
    }
  }

  /// Traces every camera sample of `samples` and hands each finite result to
  /// `finish` (film position, radiance). `scope` is the innermost open scope:
  /// the one `samples` lives in.
  func trace<Components: BxDFStorage & ~Copyable & ~Escapable>(
    _ samples: PixelSamples, scope: ArenaAllocator, storing _: Components.Type,
    rng: inout PCG32, pixel: inout PixelProgress, finish: (Point2, Color) -> Void
  ) {
    // Read once: reaching `scene.geometry` inside the sample's scope closure
    // copies the aggregate (a memcpy per camera sample, 0.6% of a still
    // render's instructions), so a still scene does not go there at all.
    let hasMotion = scene.geometry.hasMotion
    let lights = stillAreaLights.view
    for sample in 0..<samples.count {
      let filmPoint = pixel.corner + samples.filmOffset(sample)
      let ray = camera.generateRay(filmPoint: filmPoint, time: shutterTime(samples, sample))
      // ── A nested scope per camera sample holds the BSDFs of its path. ──
      let radiance = scope.withScope { sampleScope in
        // Moving primitives are placed at the sample's time once, here (nothing, for a still scene).
        let context = SampleContext<Components>(
          samples: samples, index: sample, alloc: sampleScope,
          placedMotion: hasMotion ? placeMotion(at: ray.time, alloc: sampleScope) : MotionPlacement(),
          stillAreaLights: lights)
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

  /// The scene's moving primitives placed at `time` in `alloc`. A method of
  /// its own: written inline in the sample scope's closure, the access to
  /// `scene.geometry` copied the whole aggregate for every camera sample.
  @_lifetime(copy alloc) @inline(never)
  func placeMotion(at time: Float, alloc: ArenaAllocator) -> MotionPlacement {
    scene.geometry.placeMotion(at: time, alloc: alloc)
  }

  /// The time camera sample `sample` is taken at: its stratified shutter
  /// offset mapped onto the shutter interval (a box shutter, every time
  /// equally likely), or the shutter's opening when nothing changes or the
  /// shutter is an instant. Never past the close.
  @inline(__always)
  func shutterTime(_ samples: PixelSamples, _ sample: Int) -> Float {
    let shutter = options.shutter
    guard samplesShutter else { return shutter.lowerBound }
    let length = shutter.upperBound - shutter.lowerBound
    return min(shutter.lowerBound + samples.shutterOffset(sample) * length, shutter.upperBound)
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
