/// What a render may ask for, checked before anything is allocated.
///
/// The sizes a scene file or a command line gives are only claims until
/// memory is allocated for them; a film of 100000 × 100000 or a billion
/// samples per pixel would otherwise end the process in `failed to allocate`
/// or an integer overflow. ``check(_:film:options:)`` works out, with
/// overflow-checked arithmetic, what the run needs and throws a
/// ``RenderLimitError`` naming the value and the limit it breaks.
///
/// What bounds memory (see the README): the film's buffers, which grow with
/// the pixel count (about 56 bytes per pixel plus the tiles' aprons); and per
/// worker thread one arena, which holds one batch of sample arrays
/// (at most ``SampleLayout/maximumFloatCount`` floats, 256 KiB), a pixel's
/// footprint buffer and the BSDFs of one path. None of it grows with the
/// samples per pixel.
public enum RenderLimits {
  /// The most samples a pixel may take, first batch or adaptive maximum: the
  /// low-discrepancy sequences are indexed with 32 bits.
  public static let maximumSamplesPerPixel = Int(UInt32.max)
  /// The longest path (`max_depth`) or recursion (`whitted`'s depth): deeper
  /// paths carry no measurable light, and every bounce costs 24 bytes of
  /// sample arrays per sample and, for Whitted, a stack frame.
  public static let maximumDepth = 1024
  /// The most worker threads: far more than any machine's cores.
  public static let maximumThreads = 4096
  /// The largest tile side.
  public static let maximumTileSize = 4096

  /// An upper bound on the memory rendering `film` takes with `options`:
  /// the film's buffers and every thread's arena.
  public static func memoryRequirement(film: FilmDescription, options: RenderOptions) -> MemoryRequirement {
    let tileSize = max(options.tileSize, 1)
    let columns = film.width / tileSize + (film.width % tileSize == 0 ? 0 : 1)
    let rows = film.height / tileSize + (film.height % tileSize == 0 ? 0 : 1)
    let apron = Int(max(film.filter.radius.x, film.filter.radius.y).rounded(.up))
    let bufferSide = tileSize + 2 * apron
    let tiles = MemoryRequirement(count: columns, stride: rows).bytes ?? Int.max
    let pixels = MemoryRequirement(count: film.width, stride: film.height).bytes ?? Int.max
    // The tile buffers, then resolving: the sums, the linear image and the 8-bit one.
    let tileBuffers = MemoryRequirement(count: tiles, stride: bufferSide * bufferSide * MemoryLayout<SIMD4<Float>>.stride)
    let resolved = MemoryRequirement(count: pixels, stride: 2 * MemoryLayout<SIMD4<Float>>.stride + 3)
    // A thread's arena: its first 64 KiB block, one batch of sample arrays, a footprint buffer.
    let footprint = (2 * apron + 1) * (2 * apron + 1) * MemoryLayout<SIMD4<Float>>.stride
    let arena = MemoryRequirement(bytes: 64 << 10 + 4 * SampleLayout.maximumFloatCount + footprint)
    return tileBuffers + resolved + arena * max(options.threads, 1)
  }

  /// Checks that `scene` can be rendered on `film` with `options` on this
  /// machine: sizes, sample counts, depths and thread counts within the
  /// limits above, and the memory they need within the machine's.
  /// Cost: a few multiplications; nothing is allocated.
  public static func check(_ scene: Scene, film: FilmDescription, options: RenderOptions) throws(RenderLimitError) {
    func refuse(_ message: String) -> RenderLimitError { RenderLimitError(message: message) }
    guard film.width > 0, film.height > 0 else {
      throw refuse("the image is \(film.width)×\(film.height) pixels: it needs at least one")
    }
    try checkSamples(film.samplesPerPixel) { "\($0) samples per pixel" }
    if case .adaptive(let adaptive) = film.sampler, let most = adaptive.maxSamples {
      try checkSamples(most) { "the adaptive sampler's max_samples is \($0)" }
    }
    let depth = scene.integrator.bounces - 1
    guard depth <= maximumDepth else {
      throw refuse("the integrator's depth is \(depth), more than the limit of \(maximumDepth)")
    }
    guard (1...maximumThreads).contains(options.threads) else {
      throw refuse("\(options.threads) threads: the limit is 1 to \(maximumThreads)")
    }
    guard (1...maximumTileSize).contains(options.tileSize) else {
      throw refuse("tile size \(options.tileSize): the limit is 1 to \(maximumTileSize)")
    }
    let needed = memoryRequirement(film: film, options: options)
    guard needed.fits() else {
      throw refuse("a \(film.width)×\(film.height) image needs \(needed) of memory, more than this machine's "
                   + MemoryRequirement(bytes: MemoryRequirement.physicalMemory).description)
    }
  }

  /// Checks a sample count; `describe` says what the count is, e.g. `"7 samples per pixel"`.
  static func checkSamples(_ count: Int, describedAs describe: (Int) -> String) throws(RenderLimitError) {
    guard (1...maximumSamplesPerPixel).contains(count) else {
      throw RenderLimitError(message: "\(describe(count)): the limit is 1 to \(maximumSamplesPerPixel)")
    }
  }
}

/// A render asks for more than ``RenderLimits`` allow; the message names the
/// value and the limit, e.g. `a 100000×100000 image needs 1.0 TiB of memory,
/// more than this machine's 23.5 GiB`.
public struct RenderLimitError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
