/// How one run renders a scene: everything a scene file does not say.
///
/// The scene describes what to render (``Scene``, with its ``FilmDescription``);
/// these options say how this run goes about it. None of them changes the
/// image except ``seed`` (which random numbers) and ``shutter`` (which
/// moments): the same scene, film, seed and shutter give the same image, bit for bit,
/// whatever the thread count, tile size or scratch memory.
public struct RenderOptions: Sendable {
  /// The worker thread count.
  public var threads: Int
  /// Selects the random numbers; the image depends on it but not on `threads`.
  public var seed: UInt64
  /// Where pixels keep their scratch data; ``ScratchMemory/heap`` only for the allocation ablation.
  public var scratchMemory: ScratchMemory
  /// The times the shutter is open, in seconds of scene time: each camera
  /// sample is taken at a time in it, drawn from a stratified set of the
  /// pixel's samples, and every ray of its path carries that time. An interval
  /// of no length (the default) is an instant: no time is drawn, and the image
  /// is exactly that of a renderer without motion blur. The tracer passes
  /// each frame's ``FrameTiming/shutterInterval(_:)``.
  public var shutter: ClosedRange<Float>
  /// The shutter's opening; setting it makes the shutter that one instant.
  public var time: Float {
    get { shutter.lowerBound }
    set { shutter = newValue...newValue }
  }
  /// True when the shutter stays open for a while, so that camera samples
  /// spread over it (motion blur).
  public var hasMotionBlur: Bool { shutter.upperBound > shutter.lowerBound }
  /// The frame rendered, which chooses the camera of a `cameras` list and
  /// the time its field of view is taken at; `nil` (an instant, `--time`)
  /// uses the scene's camera for its start frame.
  public var frame: Int?
  /// The side of the square tiles handed to worker threads, in pixels.
  public var tileSize: Int

  /// Options for a run; `shutter`, when given, wins over `time` (which makes
  /// the shutter the instant `time...time`).
  public init(threads: Int = 1, seed: UInt64 = 0, scratchMemory: ScratchMemory = .arena, time: Float = 0,
              shutter: ClosedRange<Float>? = nil, frame: Int? = nil, tileSize: Int = 16) {
    self.threads = threads
    self.seed = seed
    self.scratchMemory = scratchMemory
    self.shutter = shutter ?? time...time
    self.frame = frame
    self.tileSize = tileSize
  }
}
