import Synchronization

/// Arenas lent to concurrent tasks: each task gets an arena of its own for
/// the duration of a call, and the arenas are reused.
///
/// A worker thread can own its arena for its whole life; a task in a server
/// or a `TaskGroup` cannot, as tasks come and go and move between threads.
/// The pool keeps idle arenas, with their blocks, and lends one to each
/// `withArena(_:)` call, so that a steady load reuses warm arenas and
/// makes no system allocation at all:
///
/// ```swift
/// let pool = ArenaPool()
/// await withTaskGroup(of: Int.self) { group in
///   for request in requests {
///     group.addTask {
///       pool.withArena { arena in
///         arena.withAllocator { alloc in handle(request, alloc) }
///       }
///     }
///   }
/// }
/// ```
///
/// While a call has an arena, no other call can have it: the arena is
/// `~Copyable`, lent `inout`, and back in the pool only after the call.
/// At most ``maximumIdleCount`` idle arenas are kept; an arena returned to
/// a full pool is freed. Arenas are made on demand, so the pool holds at
/// most as many as there were calls at once.
///
/// Cost: lending and returning take a lock each (uncontended, tens of
/// nanoseconds) and no allocation; a new arena costs what ``MemoryArena``'s
/// first scope costs.
public final class ArenaPool: Sendable {
  /// The idle arenas (most recently returned last, so the warmest is lent
  /// first) and how many arenas the pool has made.
  struct Idle: ~Copyable {
    var states: [IdleArena]
    var madeCount = 0
  }

  /// The state of an arena that nobody holds. Sendable because the pool owns
  /// it alone: it came from a consumed ``MemoryArena`` and becomes one again
  /// when it is lent, so no two threads can reach it at once.
  struct IdleArena: @unchecked Sendable {
    let state: UnsafeMutablePointer<ArenaState>
  }

  let idle: Mutex<Idle>
  /// The most idle arenas the pool keeps.
  public let maximumIdleCount: Int
  /// The block size of the pool's arenas.
  public let blockSize: Int
  /// The budget of each of the pool's arenas, if any.
  public let budget: Int?
  /// Whether the pool's arenas poison released memory.
  public let poisonsReleasedMemory: Bool

  /// Creates an empty pool; arenas are made when they are first needed.
  ///
  /// - Parameters:
  ///   - maximumIdleCount: The most idle arenas to keep (at least zero);
  ///     more are freed when they come back.
  ///   - blockSize: The block size of each arena.
  ///   - budget: An optional budget for each arena (not for the pool as a whole).
  ///   - poisonsReleasedMemory: Whether the arenas poison released memory;
  ///     by default, as ``MemoryArena/init(blockSize:budget:)`` decides.
  public init(maximumIdleCount: Int = 16, blockSize: Int = MemoryArena.defaultBlockSize, budget: Int? = nil,
              poisonsReleasedMemory: Bool = _isDebugAssertConfiguration()) {
    if _slowPath(maximumIdleCount < 0) { fatalError("ArenaPool: maximumIdleCount must not be negative") }
    if _slowPath(blockSize <= 0) { fatalError("ArenaPool: blockSize must be positive, got \(blockSize)") }
    self.maximumIdleCount = maximumIdleCount
    self.blockSize = blockSize
    self.budget = budget
    self.poisonsReleasedMemory = poisonsReleasedMemory
    var states: [IdleArena] = []
    // Room for every idle arena up front, so that returning one never allocates.
    states.reserveCapacity(maximumIdleCount)
    idle = Mutex(Idle(states: states))
  }

  deinit {
    let states = idle.withLock { $0.states }
    for idle in states { _ = MemoryArena(adopting: idle.state) }   // each one frees its blocks
  }

  /// The number of idle arenas the pool holds now.
  public var idleCount: Int { idle.withLock { $0.states.count } }

  /// How many arenas the pool has made over its life.
  public var madeCount: Int { idle.withLock { $0.madeCount } }

  /// Lends an arena to `body` for the duration of the call, and takes it back
  /// afterwards, whether `body` returns or throws.
  ///
  /// The arena has no scope open; open one with ``MemoryArena/withAllocator(_:)``.
  /// Cost: two uncontended lock operations, plus a new arena when none is idle.
  public func withArena<Result: ~Copyable, Failure: Error>(
    _ body: (inout MemoryArena) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    var arena = lend()
    do {
      let result = try body(&arena)
      giveBack(arena)
      return result
    } catch {
      giveBack(arena)
      throw error
    }
  }

  /// The `async` version of `withArena(_:)`: the arena is the task's
  /// for the duration of the call, across suspension points (it may move to
  /// another thread with the task, which `MemoryArena` allows).
  public func withArena<Result, Failure: Error>(
    _ body: (inout MemoryArena) async throws(Failure) -> Result
  ) async throws(Failure) -> Result {
    var arena = lend()
    do {
      let result = try await body(&arena)
      giveBack(arena)
      return result
    } catch {
      giveBack(arena)
      throw error
    }
  }

  /// An idle arena, or a new one.
  func lend() -> MemoryArena {
    let reused = idle.withLock { idle -> IdleArena? in
      if let arena = idle.states.popLast() { return arena }
      idle.madeCount += 1
      return nil
    }
    if let reused { return MemoryArena(adopting: reused.state) }
    return MemoryArena(blockSize: blockSize, budget: budget, poisonsReleasedMemory: poisonsReleasedMemory)
  }

  /// Keeps `arena` for the next call, or frees it if the pool is full.
  func giveBack(_ arena: consuming MemoryArena) {
    let returned = IdleArena(state: arena.relinquishState())
    let kept = idle.withLock { idle -> Bool in
      guard idle.states.count < maximumIdleCount else { return false }
      idle.states.append(returned)
      return true
    }
    if !kept { _ = MemoryArena(adopting: returned.state) }   // frees its blocks
  }
}
