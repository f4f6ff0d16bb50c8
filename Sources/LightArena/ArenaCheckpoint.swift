/// A nested scope without a closure: what is allocated through its
/// ``allocator`` is released when the checkpoint ends.
///
/// ```swift
/// arena.withAllocator { alloc in
///   let kept = alloc.allocateArray(repeating: Float(0), count: 16)
///   for batch in batches {
///     let checkpoint = alloc.checkpoint()
///     let scratch = checkpoint.allocator.allocateArray(repeating: Float(0), count: batch.size)
///     work(scratch, kept)
///   }   // each checkpoint ends here and releases its batch's scratch memory
/// }
/// ```
///
/// It is the closure-free form of ``ArenaAllocator/withScope(_:)``, with the
/// same rules, enforced the same way:
/// - Values allocated through ``allocator`` borrow the checkpoint, so the
///   compiler rejects any use of them after it ends.
/// - While the checkpoint is alive, it is the innermost scope: allocating
///   through the allocator it was made from stops the program (as an outer
///   allocator inside `withScope` does). A second checkpoint is therefore taken
///   from the first one's ``allocator``, and ends before it.
/// - It ends, and releases its memory, when its binding goes out of scope:
///   Swift runs the deinitializer of a noncopyable value at the end of the
///   block that holds it. To end it before the end of a block (and allocate
///   through the outer allocator again), put it in a `do { }` block of its
///   own. Consuming it explicitly does not work once its allocator has been
///   used: Swift 6.3 does not let a value be consumed in the scope where a
///   non-escapable value borrowed it, which is also what guarantees that
///   nothing allocated through it is used after it ends.
///
/// Cost: O(1) to make and to end, like a nested scope.
@frozen
public struct ArenaCheckpoint: ~Copyable, ~Escapable {
  @usableFromInline let state: UnsafeMutablePointer<ArenaState>
  @usableFromInline let mark: ArenaState.Mark
  /// The scope depth of the checkpoint itself (one more than its maker's).
  @usableFromInline let depth: Int

  @inlinable
  @_lifetime(immortal)
  init(state: UnsafeMutablePointer<ArenaState>, mark: ArenaState.Mark, depth: Int) {
    self.state = state
    self.mark = mark
    self.depth = depth
  }

  /// The allocator of the checkpoint's scope. What it allocates is released
  /// when the checkpoint ends, and cannot be used after.
  @inlinable
  public var allocator: ArenaAllocator {
    @_lifetime(borrow self)
    get { _overrideLifetime(ArenaAllocator(state: state, depth: depth), borrowing: self) }
  }

  @inlinable
  deinit {
    state.pointee.scopeDepth = depth - 1
    state.pointee.release(to: mark)
  }
}

extension ArenaAllocator {
  /// Marks the arena's current position: what the checkpoint's allocator
  /// allocates is released when the checkpoint ends. See ``ArenaCheckpoint``.
  ///
  /// Cost: O(1). While the checkpoint is alive, only its allocator (or a
  /// nested scope's) may allocate.
  @inlinable
  @_lifetime(copy self)
  public func checkpoint() -> ArenaCheckpoint {
    checkIsInnermostScope()
    let mark = state.pointee.mark()
    state.pointee.scopeDepth = depth + 1
    return _overrideLifetime(ArenaCheckpoint(state: state, mark: mark, depth: depth + 1), copying: self)
  }
}
