/// The handle to an open scope of a ``MemoryArena``: everything it allocates
/// lives until the scope ends.
///
/// You get an allocator from ``MemoryArena/withAllocator(_:)`` or, for a nested
/// scope, from ``withScope(_:)``. It is cheap to copy (two words), but it is
/// `~Escapable`: it cannot be stored outside the closure it was handed to, and
/// neither can anything it allocates. The compiler rejects such code with
/// "lifetime-dependent value escapes its scope".
///
/// ## Costs
/// An allocation that fits in the current block is a pointer bump: a handful of
/// instructions, no locks, no reference counting. When the block is full, the
/// arena moves to its next retained block in O(1), or asks the system for a new
/// one. See ``MemoryArena`` for the memory policy.
///
/// ## Safety
/// Only the allocator of the innermost open scope may allocate: an outer
/// handle used inside a nested scope would hand out memory that the nested
/// scope releases. This is checked on every allocation (one comparison), in
/// every build, and stops the program with a message (see
/// <doc:ChecksAndBuildConfigurations>).
public struct ArenaAllocator: ~Escapable {
  @usableFromInline
  let state: UnsafeMutablePointer<ArenaState>
  /// The scope depth this allocator was made for.
  @usableFromInline
  let depth: Int

  @inlinable
  @_lifetime(immortal)
  init(state: UnsafeMutablePointer<ArenaState>, depth: Int) {
    self.state = state
    self.depth = depth
  }

  /// Opens a scope one level deeper than `depth`, runs `body`, and releases the scope.
  @inlinable
  static func withScope<Result: ~Copyable, Failure: Error>(
    on state: UnsafeMutablePointer<ArenaState>, depth: Int,
    _ body: (ArenaAllocator) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let mark = state.pointee.mark()
    state.pointee.scopeDepth = depth + 1
    defer {
      state.pointee.scopeDepth = depth
      state.pointee.release(to: mark)
    }
    return try body(ArenaAllocator(state: state, depth: depth + 1))
  }

  /// Opens a nested scope: what `body` allocates through its allocator is
  /// released when `body` returns or throws; what this allocator allocated
  /// before stays valid and usable inside `body`.
  ///
  /// Cost: O(1) to open and to release. While the nested scope is open, only
  /// its allocator may allocate.
  @inlinable @discardableResult
  public func withScope<Result: ~Copyable, Failure: Error>(
    _ body: (ArenaAllocator) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    checkIsInnermostScope()
    return try Self.withScope(on: state, depth: depth, body)
  }

  /// A snapshot of the arena's memory use, readable while the scope is open. O(1).
  public var statistics: ArenaStatistics { state.pointee.statistics }

  /// The bytes left in the arena's current block, from the next free byte to
  /// the block's end: a request for at most this many bytes at alignment 1
  /// (or, at a larger alignment, this many minus the padding to reach it) is
  /// a pointer bump; a larger one takes the slow path to another block. O(1).
  @inlinable
  public var freeCapacity: Int { state.pointee.freeCapacity }

  @inlinable @inline(__always)
  func checkIsInnermostScope() {
    if _slowPath(state.pointee.scopeDepth != depth) { ArenaFailure.outerAllocatorUsedInNestedScope() }
  }

  /// The core of every allocation: `byteCount` bytes at a multiple of `alignment`
  /// (a power of two), from the current block if they fit. The caller has
  /// checked that `byteCount + alignment` does not overflow.
  @inlinable @inline(__always)
  func allocateRaw(byteCount: Int, alignment: Int) throws(ArenaError) -> UnsafeMutableRawPointer {
    checkIsInnermostScope()
    // Folds away for a constant alignment, as every typed allocation's is.
    if alignment > ArenaState.blockAlignment { state.pointee.noteAlignment(alignment) }
    let start = state.pointee.cursor.alignedUp(toMultipleOf: alignment)
    if _fastPath(byteCount <= state.pointee.limit - start) {
      state.pointee.cursor = start + byteCount
      return start
    }
    return try state.pointee.allocateSlowPath(byteCount: byteCount, alignment: alignment)
  }

  /// Like ``allocateRaw(byteCount:alignment:)``, for `count` values of `T`, with the
  /// size computation checked for overflow.
  @inlinable @inline(__always)
  func allocateUninitialized<T>(_: T.Type, count: Int) throws(ArenaError) -> UnsafeMutablePointer<T> {
    if _slowPath(count < 0) { ArenaFailure.negativeCount(count) }
    // Zero-sized types take no memory, whatever their stride.
    let stride = MemoryLayout<T>.size == 0 ? 0 : MemoryLayout<T>.stride
    let alignment = MemoryLayout<T>.alignment
    let (byteCount, overflow) = count.multipliedReportingOverflow(by: stride)
    // The second test folds away unless `T` is aligned beyond a block's alignment.
    if _slowPath(overflow || (alignment > ArenaState.blockAlignment && byteCount > Int.max - alignment)) {
      throw ArenaError.sizeOverflow(count: count, stride: stride)
    }
    let raw = try allocateRaw(byteCount: byteCount, alignment: alignment)
    return raw.bindMemory(to: T.self, capacity: count)
  }

  /// Runs `allocation`, stopping the program with the error's message if it fails.
  @inlinable @inline(__always)
  func trapping<T>(_ allocation: () throws(ArenaError) -> T) -> T {
    do { return try allocation() } catch { ArenaFailure.allocationFailed(error) }
  }
}
