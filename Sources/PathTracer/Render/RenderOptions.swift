/// How one run renders a scene: everything a scene file does not say.
///
/// The scene describes what to render (``Scene``, with its ``FilmDescription``);
/// these options say how this run goes about it. None of them changes the
/// image except ``seed`` (which random numbers) and ``time`` (which moment):
/// the same scene, film, seed and time give the same image, bit for bit,
/// whatever the thread count, tile size or scratch memory.
public struct RenderOptions: Sendable {
  /// The worker thread count.
  public var threads: Int
  /// Selects the random numbers; the image depends on it but not on `threads`.
  public var seed: UInt64
  /// Where pixels keep their scratch data; ``ScratchMemory/heap`` only for the allocation ablation.
  public var scratchMemory: ScratchMemory
  /// The scene time of the frame, in seconds: the time every ray carries.
  public var time: Float
  /// The side of the square tiles handed to worker threads, in pixels.
  public var tileSize: Int

  public init(threads: Int = 1, seed: UInt64 = 0, scratchMemory: ScratchMemory = .arena, time: Float = 0,
              tileSize: Int = 16) {
    self.threads = threads
    self.seed = seed
    self.scratchMemory = scratchMemory
    self.time = time
    self.tileSize = tileSize
  }
}
