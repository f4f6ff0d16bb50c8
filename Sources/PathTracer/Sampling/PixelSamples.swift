import LightArena

/// All the random numbers one pixel's paths consume (or one batch of them, for
/// the adaptive sampler), generated up front into an arena scope.
///
/// Like tray_rust's path integrator, each *dimension* of the paths gets its own
/// stratified set across the pixel's `count` camera samples: one set of 2D
/// film positions, and for every bounce one set each of light-position samples
/// (2D), light-choice samples (1D), BSDF-direction samples (2D) and
/// BSDF-component samples (1D). Sample `s` takes element `s` of every set, so
/// each dimension is well stratified over the pixel. The ``SamplePattern``
/// decides the values: low-discrepancy, uniform random, or an adaptive batch.
///
/// The arrays live in the scope `alloc` belongs to: generating them costs
/// pointer bumps, and they vanish when the scope ends. (With ``ScratchMemory/heap``
/// they are Swift arrays instead, for the allocation ablation.)
public struct PixelSamples: ~Escapable {
  /// The camera samples in these sets: the pixel's samples per pixel, or one batch.
  public let count: Int
  public let bounces: Int
  /// Film positions within the pixel, in [0, 1)².
  public var film: SampleArray
  /// `[bounce * count + sample]`, for each of the four per-bounce
  /// dimensions (2D sets store two floats per sample).
  public var light: SampleArray
  public var lightChoice: SampleArray
  public var bsdf: SampleArray
  public var bsdfComponent: SampleArray

  /// Allocates and fills the sample sets for one pixel or one batch.
  ///
  /// - Parameters:
  ///   - alloc: The pixel's arena scope (or the batch's, nested in it).
  ///   - count: The number of camera samples.
  ///   - bounces: The number of path vertices that take samples (`max_depth + 1`).
  ///   - pattern: How the values are chosen; low-discrepancy by default.
  ///   - rng: The pixel's generator, seeded from the pixel's index.
  ///   - memory: Where the arrays go; always the arena except in the allocation ablation.
  @_lifetime(copy alloc)
  public init(alloc: ArenaAllocator, count: Int, bounces: Int, pattern: SamplePattern = .lowDiscrepancy,
              rng: inout PCG32, memory: ScratchMemory = .arena) {
    self.count = count
    self.bounces = bounces
    let total = count * bounces
    film = SampleArray(count: 2 * count, memory: memory, alloc: alloc)
    light = SampleArray(count: 2 * total, memory: memory, alloc: alloc)
    lightChoice = SampleArray(count: total, memory: memory, alloc: alloc)
    bsdf = SampleArray(count: 2 * total, memory: memory, alloc: alloc)
    bsdfComponent = SampleArray(count: total, memory: memory, alloc: alloc)

    // Always the same order of sets: an adaptive batch relies on it to give
    // every set the scramble it had in the previous batches.
    var pattern = pattern
    film.fill(0..<2 * count) { pattern.fill2D($0, rng: &rng) }
    for bounce in 0..<bounces {
      let range = bounce * count..<(bounce + 1) * count
      let pairs = 2 * range.lowerBound..<2 * range.upperBound
      light.fill(pairs) { pattern.fill2D($0, rng: &rng) }
      lightChoice.fill(range) { pattern.fill1D($0, rng: &rng) }
      bsdf.fill(pairs) { pattern.fill2D($0, rng: &rng) }
      bsdfComponent.fill(range) { pattern.fill1D($0, rng: &rng) }
    }
  }

  /// The samples one path vertex uses: for camera sample `sample` at bounce `bounce`.
  public func vertex(sample: Int, bounce: Int) -> VertexSamples {
    let i = bounce * count + sample
    return VertexSamples(light: light.point(i), lightChoice: lightChoice[i], bsdf: bsdf.point(i),
                         bsdfComponent: bsdfComponent[i])
  }
}

/// The four sample values one path vertex consumes.
public struct VertexSamples: Sendable, BitwiseCopyable {
  public var light: Point2
  public var lightChoice: Float
  public var bsdf: Point2
  public var bsdfComponent: Float

  public init(light: Point2, lightChoice: Float, bsdf: Point2, bsdfComponent: Float) {
    self.light = light
    self.lightChoice = lightChoice
    self.bsdf = bsdf
    self.bsdfComponent = bsdfComponent
  }
}
