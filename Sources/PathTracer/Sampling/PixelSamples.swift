import LightArena

/// All the random numbers one pixel's paths consume, generated up front into
/// the pixel's arena scope.
///
/// Like tray_rust's path integrator, each *dimension* of the paths gets its own
/// stratified set across the pixel's `samplesPerPixel` camera samples: one set
/// of 2D film positions, and for every bounce one set each of light-position
/// samples (2D), light-choice samples (1D), BSDF-direction samples (2D) and
/// BSDF-component samples (1D). Sample `s` of the pixel takes element `s` of
/// every set, so each dimension is well stratified over the pixel.
///
/// The arrays live in the pixel's arena scope: generating them costs pointer
/// bumps, and they vanish when the pixel is done. (With ``ScratchMemory/heap``
/// they are Swift arrays instead, for the allocation ablation.)
public struct PixelSamples: ~Escapable {
  public let samplesPerPixel: Int
  public let bounces: Int
  /// Film positions within the pixel, in [0, 1)².
  public var film: SampleArray
  /// `[bounce * samplesPerPixel + sample]`, for each of the four per-bounce
  /// dimensions (2D sets store two floats per sample).
  public var light: SampleArray
  public var lightChoice: SampleArray
  public var bsdf: SampleArray
  public var bsdfComponent: SampleArray

  /// Allocates and fills the sample sets for one pixel.
  ///
  /// - Parameters:
  ///   - alloc: The pixel's arena scope.
  ///   - samplesPerPixel: The number of camera samples.
  ///   - bounces: The number of path vertices that take samples (`max_depth + 1`).
  ///   - rng: The pixel's generator, seeded from the pixel's index.
  ///   - memory: Where the arrays go; always the arena except in the allocation ablation.
  @_lifetime(copy alloc)
  public init(alloc: ArenaAllocator, samplesPerPixel: Int, bounces: Int, rng: inout PCG32,
              memory: ScratchMemory = .arena) {
    self.samplesPerPixel = samplesPerPixel
    self.bounces = bounces
    let count = samplesPerPixel * bounces
    film = SampleArray(count: 2 * samplesPerPixel, memory: memory, alloc: alloc)
    light = SampleArray(count: 2 * count, memory: memory, alloc: alloc)
    lightChoice = SampleArray(count: count, memory: memory, alloc: alloc)
    bsdf = SampleArray(count: 2 * count, memory: memory, alloc: alloc)
    bsdfComponent = SampleArray(count: count, memory: memory, alloc: alloc)

    film.fill(0..<2 * samplesPerPixel) { LowDiscrepancy.fill2D($0, rng: &rng) }
    for bounce in 0..<bounces {
      let range = bounce * samplesPerPixel..<(bounce + 1) * samplesPerPixel
      let pairs = 2 * range.lowerBound..<2 * range.upperBound
      light.fill(pairs) { LowDiscrepancy.fill2D($0, rng: &rng) }
      lightChoice.fill(range) { LowDiscrepancy.fill1D($0, rng: &rng) }
      bsdf.fill(pairs) { LowDiscrepancy.fill2D($0, rng: &rng) }
      bsdfComponent.fill(range) { LowDiscrepancy.fill1D($0, rng: &rng) }
    }
  }

  /// The samples one path vertex uses: for camera sample `sample` at bounce `bounce`.
  public func vertex(sample: Int, bounce: Int) -> VertexSamples {
    let i = bounce * samplesPerPixel + sample
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
