/// How to render: what the scene file's `film` says, overridden by the command line.
public struct RenderSettings: Sendable {
  public var width: Int
  public var height: Int
  public var samplesPerPixel: Int
  public var filter: ReconstructionFilter
  /// The worker thread count.
  public var threads: Int
  /// Selects the random numbers; the image depends on it but not on `threads`.
  public var seed: UInt64
  /// Which random numbers the pixels use (the film's `sampler`); low-discrepancy by default.
  public var sampler: SamplerKind = .lowDiscrepancy
  public var tileSize: Int = 16
  /// Where pixels keep their scratch data; `.heap` only for the allocation ablation.
  public var memory: ScratchMemory = .arena
  /// The scene time of the frame, used by animated textures.
  public var time: Float = 0

  public init(width: Int, height: Int, samplesPerPixel: Int, filter: ReconstructionFilter,
              threads: Int = 1, seed: UInt64 = 0) {
    self.width = width
    self.height = height
    self.samplesPerPixel = samplesPerPixel
    self.filter = filter
    self.threads = threads
    self.seed = seed
  }
}

/// What a finished render reports besides its image.
public struct RenderReport: Sendable {
  /// Camera samples taken, dropped ones included; varies per pixel with the adaptive sampler.
  public var samples: Int
  public var seconds: Double
  /// Samples whose radiance came out NaN or infinite; they were dropped, not splatted.
  public var droppedSamples: Int
  /// The most arena bytes any one pixel had in use at once.
  public var arenaPeakBytesPerPixel: Int
  /// Arena blocks held, summed over the worker threads, at the end.
  public var arenaBlocks: Int
  public var samplesPerSecond: Double { seconds > 0 ? Double(samples) / seconds : 0 }
}
