/// What a finished render reports besides its image.
public struct RenderReport: Sendable {
  /// Camera samples taken, dropped ones included; varies per pixel with the adaptive sampler.
  public var samples: Int
  public var seconds: Double
  /// Samples whose radiance came out NaN or infinite; they were dropped, not splatted.
  public var droppedSamples: Int
  /// The most arena bytes any one pixel had in use at once (on workers kept
  /// from earlier renders, ``RenderWorkers``, since the workers started).
  public var arenaPeakBytesPerPixel: Int
  /// Arena blocks held, summed over the worker threads, at the end.
  public var arenaBlocks: Int
  public var samplesPerSecond: Double { seconds > 0 ? Double(samples) / seconds : 0 }
}
