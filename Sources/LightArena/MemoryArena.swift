/// A memory arena for trivially copyable values: allocation is a pointer bump,
/// and ending a scope releases everything allocated in it at once.
///
/// An arena owns blocks of memory that it keeps for its whole life. All
/// allocation happens inside a *scope*, opened with ``withAllocator(_:)``; when
/// the scope ends, every value allocated in it is released in O(1) time, and
/// the memory is reused by the next scope. A workload that repeats (a pixel, a
/// request, a frame) therefore stops asking the system for memory after its
/// first few iterations.
///
/// ```swift
/// var arena = MemoryArena()
/// for pixel in pixels {
///   arena.withAllocator { alloc in
///     let samples = alloc.allocateArray(repeating: Float(0), count: 64)
///     let weight = alloc.allocate(Float(1))
///     // ... use them; they are released when the closure returns.
///   }
/// }
/// ```
///
/// Only `BitwiseCopyable` values can be allocated: the arena never runs
/// deinitializers, and such values have none.
///
/// An arena is `~Copyable`, so it cannot be shared by accident, and `Sendable`,
/// so it can be moved to the thread that uses it. Give each thread its own.
///
/// ## Memory over time
/// Blocks are `blockSize` bytes, or larger for a request that would not fit in
/// one. When the outermost scope ends with more than one block in use, the
/// arena replaces them by a single block sized to its high-water mark (rounded
/// up to a multiple of `blockSize`, plus room for alignment padding). Memory
/// therefore stays at the high-water mark after a spike; call ``trim()`` to
/// give it back. With a budget, the merged block is never larger than the
/// budget allows; if the high-water mark does not fit in such a block, the
/// arena keeps its chain of blocks instead, and the next scope walks them
/// again without asking the system for memory.
public struct MemoryArena: ~Copyable {
  @usableFromInline
  let state: UnsafeMutablePointer<ArenaState>

  /// The block size used when none is given: 64 KiB.
  ///
  /// Large enough that a path tracer's pixel (a few kilobytes of samples and
  /// BSDFs) or a typical request fits in one block, so the slow path is rare;
  /// small enough that an arena per thread costs little, and stays within a
  /// core's L2 cache, which a block reused for every pixel should.
  public static let defaultBlockSize = 64 * 1024

  /// Creates an empty arena that poisons released memory in debug builds.
  ///
  /// "Debug build" means that LightArena itself was compiled without
  /// optimization, the same condition under which Swift's `assert` runs in
  /// LightArena's code. SwiftPM compiles a package and its dependencies in one
  /// configuration, so this is `swift build` (on) against `swift build -c
  /// release` (off). To decide for yourself, use
  /// ``init(blockSize:budget:poisonsReleasedMemory:)``. No memory is reserved
  /// until the first allocation.
  ///
  /// - Parameters:
  ///   - blockSize: The size in bytes of each block the arena obtains from the system.
  ///   - budget: An optional limit on the bytes the arena may hold in its blocks.
  ///     An allocation that would need more throws ``ArenaError/budgetExceeded(requested:reserved:budget:)``
  ///     from the `try`-prefixed methods, and stops the program from the others.
  public init(blockSize: Int = MemoryArena.defaultBlockSize, budget: Int? = nil) {
    self.init(blockSize: blockSize, budget: budget, poisonsReleasedMemory: _isDebugAssertConfiguration())
  }

  /// Creates an empty arena, choosing whether released memory is poisoned.
  ///
  /// - Parameters:
  ///   - blockSize: The size in bytes of each block the arena obtains from the system.
  ///   - budget: An optional limit on the bytes the arena may hold in its blocks.
  ///   - poisonsReleasedMemory: Whether to overwrite released memory with
  ///     `0xFF` bytes, so that a read through a stale pointer (taken with one of
  ///     the `withUnsafe…` methods and kept past its scope) sees NaNs and -1s
  ///     rather than plausible old values. It makes releasing a scope cost as
  ///     much as writing the memory the scope used, and it keeps the blocks a
  ///     merge replaced until the next merge (so memory can reach twice the
  ///     high-water mark); see ``poisonsReleasedMemory``.
  public init(blockSize: Int = MemoryArena.defaultBlockSize, budget: Int? = nil, poisonsReleasedMemory: Bool) {
    if _slowPath(blockSize <= 0) { fatalError("MemoryArena: blockSize must be positive, got \(blockSize)") }
    if _slowPath(budget.map { $0 < 0 } ?? false) { fatalError("MemoryArena: budget must not be negative") }
    state = .allocate(capacity: 1)
    state.initialize(to: ArenaState(blockSize: blockSize, budget: budget, poisonsReleasedMemory: poisonsReleasedMemory))
  }

  /// An arena around `state`, which it now owns (used by ``ArenaPool``).
  init(adopting state: UnsafeMutablePointer<ArenaState>) {
    self.state = state
  }

  /// Ends this arena without freeing anything and hands over its state, blocks
  /// included (used by ``ArenaPool``, which keeps idle arenas this way).
  consuming func relinquishState() -> UnsafeMutablePointer<ArenaState> {
    let state = self.state
    discard self
    return state
  }

  deinit {
    state.pointee.freeAllBlocks()
    state.deinitialize(count: 1)
    state.deallocate()
  }

  /// Opens an allocation scope, runs `body` with the scope's allocator, and then
  /// releases everything allocated in it.
  ///
  /// The release costs O(1) whatever the number of allocations (with
  /// ``poisonsReleasedMemory`` on, released memory is also overwritten with a
  /// poison pattern so that stale reads show up). It happens whether `body`
  /// returns or throws.
  ///
  /// The result cannot refer to memory in the arena: values handed out by the
  /// allocator are `~Escapable`, and the compiler rejects returning them.
  ///
  /// - Parameter body: The work to do with the arena's memory.
  /// - Returns: What `body` returns.
  @inlinable @discardableResult
  public mutating func withAllocator<Result: ~Copyable, Failure: Error>(
    _ body: (ArenaAllocator) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    if _slowPath(state.pointee.scopeDepth != 0) { ArenaFailure.scopeAlreadyOpen() }
    return try ArenaAllocator.withScope(on: state, depth: 0, body)
  }

  /// A snapshot of the arena's memory use. O(1).
  public var statistics: ArenaStatistics { state.pointee.statistics }

  /// The block size this arena was created with.
  public var blockSize: Int { state.pointee.blockSize }

  /// The limit on reserved bytes this arena was created with, if any.
  public var budget: Int? { state.pointee.budget }

  /// Whether this arena overwrites released memory with `0xFF` bytes.
  ///
  /// Set when the arena is created: by default on in debug builds (see
  /// ``init(blockSize:budget:)``). With poisoning on, every scope's
  /// release writes the bytes the scope used, and the blocks that a merge at
  /// the end of the outermost scope replaces are kept, poisoned, until the
  /// next merge or ``trim()``, so that stale reads of them also see poison.
  /// Those kept blocks do not count against the budget.
  public var poisonsReleasedMemory: Bool { state.pointee.poisonsReleasedMemory }

  /// Returns all of the arena's blocks to the system. The next allocation starts
  /// a new block. Cost: one `free` per block. Statistics other than the block
  /// figures are kept.
  public mutating func trim() {
    state.pointee.freeAllBlocks()
  }
}

// The arena is the unique owner of its state (it is ~Copyable, and scopes borrow
// it mutably), so moving it to another thread is safe.
extension MemoryArena: @unchecked Sendable {}
