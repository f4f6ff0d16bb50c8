/// The bookkeeping of one ``MemoryArena``: where the next allocation goes,
/// which blocks exist, and the running statistics.
///
/// It lives behind an `UnsafeMutablePointer` owned by the arena rather than in
/// class properties: reading and writing a class's stored `var`s costs a
/// dynamic exclusivity check each time, which would make a pointer bump
/// several times slower. The pointer is shared by the arena and the
/// ``ArenaAllocator`` handles of its scopes; the type system (a `~Copyable`
/// arena, `mutating` scope entry, `~Escapable` handles) guarantees that only
/// one thread uses it at a time.
@usableFromInline
struct ArenaState {
  /// One contiguous piece of memory obtained from the system allocator.
  @usableFromInline
  struct Block {
    /// What `malloc` returned; `start` is this rounded up to ``ArenaState/blockAlignment``.
    let allocation: UnsafeMutableRawPointer
    @usableFromInline let start: UnsafeMutableRawPointer
    @usableFromInline let byteCount: Int
    @inlinable var end: UnsafeMutableRawPointer { start + byteCount }

    /// A block of `byteCount` usable bytes starting at a multiple of
    /// ``ArenaState/blockAlignment``, or `nil` if the system has no memory for it.
    /// `malloc` promises only 16-byte alignment everywhere, so the block asks
    /// for `blockAlignment - 1` bytes more and starts at the first aligned byte.
    static func obtain(byteCount: Int) -> Block? {
      let (total, overflow) = byteCount.addingReportingOverflow(ArenaState.blockAlignment - 1)
      guard !overflow, let allocation = SystemMemory.obtain(byteCount: total) else { return nil }
      return Block(allocation: allocation,
                   start: allocation.alignedUp(toMultipleOf: ArenaState.blockAlignment),
                   byteCount: byteCount)
    }

    func giveBack() { SystemMemory.giveBack(allocation) }
  }

  /// Where an allocation scope began: restoring it releases everything allocated after.
  @usableFromInline
  struct Mark {
    @usableFromInline let blockIndex: Int
    @usableFromInline let cursor: UnsafeMutableRawPointer
    @usableFromInline let bytesInEarlierBlocks: Int

    @inlinable
    init(blockIndex: Int, cursor: UnsafeMutableRawPointer, bytesInEarlierBlocks: Int) {
      self.blockIndex = blockIndex
      self.cursor = cursor
      self.bytesInEarlierBlocks = bytesInEarlierBlocks
    }
  }

  // The fast path reads and writes only `cursor` and `limit`.
  /// The next free byte of the current block.
  @usableFromInline var cursor: UnsafeMutableRawPointer
  /// One past the last byte of the current block.
  @usableFromInline var limit: UnsafeMutableRawPointer
  /// The first byte of the current block (kept so that measuring use needs no array access).
  @usableFromInline var blockStart: UnsafeMutableRawPointer
  /// The number of open scopes; each ``ArenaAllocator`` remembers the depth it was made for.
  @usableFromInline var scopeDepth: Int = 0

  /// The blocks, in the order they are filled. Kept across scopes.
  @usableFromInline var blocks: [Block] = []
  /// Index in `blocks` of the block `cursor` points into (-1 before the first block exists).
  @usableFromInline var blockIndex: Int = -1
  /// Bytes used in the blocks before the current one (for ``ArenaStatistics/bytesInUse``).
  @usableFromInline var bytesInEarlierBlocks: Int = 0

  @usableFromInline let blockSize: Int
  @usableFromInline let budget: Int?
  /// Whether released memory is overwritten with ``poisonByte`` (see ``MemoryArena/poisonsReleasedMemory``).
  @usableFromInline let poisonsReleasedMemory: Bool
  /// With poisoning on, the blocks that the last merge replaced: poisoned, and
  /// kept until the next merge (or ``MemoryArena/trim()``) so that a stale read
  /// finds poison rather than freed memory. They hold no live values and do
  /// not count against the budget.
  var retiredBlocks: [Block] = []
  /// The largest alignment requested so far, at least ``blockAlignment``: how
  /// much padding an allocation may need when the same scope runs at other addresses.
  @usableFromInline var largestAlignment: Int = ArenaState.blockAlignment

  // Statistics. None of these is touched on the fast path.
  @usableFromInline var reservedBytes: Int = 0
  @usableFromInline var highWaterBytes: Int = 0
  @usableFromInline var slowPathCount: Int = 0
  @usableFromInline var systemAllocationCount: Int = 0

  /// The alignment of every block; requests aligned to at most this never need padding at a block's start.
  @usableFromInline static let blockAlignment = 64
  /// The largest alignment the raw allocation API accepts.
  @usableFromInline static let maximumAlignment = 4096

  init(blockSize: Int, budget: Int?, poisonsReleasedMemory: Bool) {
    self.blockSize = blockSize
    self.budget = budget
    self.poisonsReleasedMemory = poisonsReleasedMemory
    // An empty "current block": the first allocation takes the slow path and creates a real one.
    let nowhere = UnsafeMutableRawPointer(bitPattern: Self.blockAlignment)!
    cursor = nowhere
    limit = nowhere
    blockStart = nowhere
  }

  /// Bytes handed out (including alignment padding) and not yet released.
  @inlinable
  var bytesInUse: Int {
    blockIndex < 0 ? 0 : bytesInEarlierBlocks + (cursor - blockStart)
  }

  /// Bytes left in the current block: the most a request aligned to at most
  /// 16 bytes can take without the slow path.
  @inlinable
  var freeCapacity: Int { limit - cursor }

  var statistics: ArenaStatistics {
    ArenaStatistics(
      bytesInUse: bytesInUse,
      highWaterBytes: Swift.max(highWaterBytes, bytesInUse),
      reservedBytes: reservedBytes,
      blockCount: blocks.count,
      slowPathCount: slowPathCount,
      systemAllocationCount: systemAllocationCount)
  }

  @inlinable
  func mark() -> Mark {
    Mark(blockIndex: blockIndex, cursor: cursor, bytesInEarlierBlocks: bytesInEarlierBlocks)
  }

  /// Remembers an alignment larger than a block's, for ``coalesce()``. Called
  /// only for such alignments, which are rare (the check folds away for constant ones).
  @usableFromInline
  mutating func noteAlignment(_ alignment: Int) {
    largestAlignment = Swift.max(largestAlignment, alignment)
  }
}

// MARK: - The slow path

extension ArenaState {
  /// Finds room for `byteCount` bytes aligned to `alignment` when the current block is full:
  /// the next retained block if it is big enough, otherwise a new block.
  ///
  /// The caller has checked that `byteCount + alignment` does not overflow. If
  /// no block can be had, the error is thrown and the state is as it was.
  ///
  /// Cost: O(1) when a retained block is reused; one system allocation otherwise
  /// (plus an O(number of blocks) insertion when an oversized block has to be placed in the middle).
  @usableFromInline
  mutating func allocateSlowPath(byteCount: Int, alignment: Int) throws(ArenaError) -> UnsafeMutableRawPointer {
    slowPathCount += 1
    // Enough room for the request wherever the block's start happens to fall
    // (cannot overflow: the caller checked `byteCount + alignment`).
    let needed = byteCount &+ Swift.max(alignment - Self.blockAlignment, 0)
    let next = blockIndex + 1
    if !(next < blocks.count && blocks[next].byteCount >= needed) {
      // A request larger than a block gets a block of its own; a retained block that is
      // too small for it stays where it is, to be used after this one.
      // Obtained before anything changes, so that a failure leaves no trace.
      let newBlock = try makeBlock(byteCount: Swift.max(blockSize, needed), requested: byteCount)
      blocks.insert(newBlock, at: next)
    }
    if blockIndex >= 0 {
      bytesInEarlierBlocks += cursor - blockStart
    }
    enterBlock(at: next)
    let start = cursor.alignedUp(toMultipleOf: alignment)
    cursor = start + byteCount
    return start
  }

  @usableFromInline
  mutating func enterBlock(at index: Int) {
    blockIndex = index
    cursor = blocks[index].start
    blockStart = cursor
    limit = blocks[index].end
  }

  /// A new block of `byteCount` bytes, counted in the statistics; throws if the
  /// budget or the system does not allow it.
  mutating func makeBlock(byteCount: Int, requested: Int) throws(ArenaError) -> Block {
    // `budget - reservedBytes` cannot overflow (0 <= reserved <= budget); `reserved + byteCount` could.
    if let budget, byteCount > budget - reservedBytes {
      throw ArenaError.budgetExceeded(requested: requested, reserved: reservedBytes, budget: budget)
    }
    guard let block = Block.obtain(byteCount: byteCount) else {
      throw ArenaError.systemAllocationFailed(byteCount: byteCount)
    }
    reservedBytes += byteCount
    systemAllocationCount += 1
    return block
  }

  mutating func freeAllBlocks() {
    for block in blocks { block.giveBack() }
    for block in retiredBlocks { block.giveBack() }
    blocks.removeAll(keepingCapacity: true)
    retiredBlocks.removeAll()
    reservedBytes = 0
    blockIndex = -1
    bytesInEarlierBlocks = 0
    let nowhere = UnsafeMutableRawPointer(bitPattern: Self.blockAlignment)!
    cursor = nowhere
    limit = nowhere
    blockStart = nowhere
  }
}

// MARK: - Releasing a scope

extension ArenaState {
  /// Releases everything allocated since `mark`. O(1), except with poisoning
  /// on, where the released bytes are overwritten with ``poisonByte``.
  ///
  /// The common case, a nested scope that began in the current block, is
  /// inlined into the caller: two comparisons, a maximum and a store.
  @inlinable @inline(__always)
  mutating func release(to mark: Mark) {
    if scopeDepth > 0 && mark.blockIndex == blockIndex && !poisonsReleasedMemory {
      highWaterBytes = Swift.max(highWaterBytes, bytesInUse)
      cursor = mark.cursor
    } else {
      releaseSlowPath(to: mark)
    }
  }

  /// ``release(to:)`` across blocks, with poisoning, or at the end of the outermost scope.
  @usableFromInline
  mutating func releaseSlowPath(to mark: Mark) {
    highWaterBytes = Swift.max(highWaterBytes, bytesInUse)
    if poisonsReleasedMemory { poison(from: mark) }
    if mark.blockIndex < 0 {
      // The scope began before any block existed: start over at the first block.
      blockIndex = blocks.isEmpty ? -1 : 0
      if blockIndex == 0 { enterBlock(at: 0) }
      bytesInEarlierBlocks = 0
    } else {
      enterBlock(at: mark.blockIndex)
      cursor = mark.cursor
      bytesInEarlierBlocks = mark.bytesInEarlierBlocks
    }
    if scopeDepth == 0 && blocks.count > 1 { coalesce() }
  }

  /// After the outermost scope, replaces a chain of blocks by one block big enough
  /// for the high-water mark, so that the next scope of the same size needs no block
  /// switch at all. Runs at most once per new high-water mark, so a steady workload
  /// stops allocating after its first scopes.
  ///
  /// The merged block holds the high-water mark plus, for each block of the
  /// chain, the padding the largest alignment seen may need: the same scope
  /// laid out at other addresses fits in it. With a budget, it is never larger
  /// than the budget allows; when even that is too small, the chain stays (the
  /// next scope walks the same blocks, with no system allocation).
  mutating func coalesce() {
    let (slack, slackOverflow) = blocks.count.multipliedReportingOverflow(by: largestAlignment - 1)
    let (needed, neededOverflow) = highWaterBytes.addingReportingOverflow(slack)
    guard !slackOverflow, !neededOverflow else { return }
    var size = Swift.max(blockSize, needed.roundedUp(toMultipleOf: blockSize) ?? needed)
    if let budget, size > budget {
      // The rounded size does not fit: take no more than the chain holds now, if the scope fits in that.
      size = Swift.max(needed, reservedBytes)
      guard size <= budget else { return }
    }
    if poisonsReleasedMemory {
      // Everything in the chain was poisoned by `releaseSlowPath`; keep it readable.
      for block in retiredBlocks { block.giveBack() }
      retiredBlocks = blocks
    } else {
      for block in blocks { block.giveBack() }
    }
    blocks.removeAll(keepingCapacity: true)
    reservedBytes = 0
    blockIndex = -1
    bytesInEarlierBlocks = 0
    // The old blocks are already given back, so that reserved bytes never pass
    // the budget; if the system now refuses, having no block is a valid state
    // and the next scope asks again.
    guard let block = Block.obtain(byteCount: size) else {
      let nowhere = UnsafeMutableRawPointer(bitPattern: Self.blockAlignment)!
      cursor = nowhere
      limit = nowhere
      blockStart = nowhere
      return
    }
    reservedBytes = size
    systemAllocationCount += 1
    blocks.append(block)
    enterBlock(at: 0)
  }

  /// The byte written over released memory when poisoning is on. Read as a
  /// `Float` or `Double` it is a NaN, as an integer -1, and as a pointer an
  /// address that traps.
  @usableFromInline static let poisonByte: UInt8 = 0xFF

  /// Overwrites every byte allocated since `mark`, so that a stale read shows up.
  mutating func poison(from mark: Mark) {
    guard blockIndex >= 0 else { return }
    let firstBlock = Swift.max(mark.blockIndex, 0)
    for index in firstBlock...blockIndex {
      let start = index == mark.blockIndex ? mark.cursor : blocks[index].start
      let end = index == blockIndex ? cursor : blocks[index].end
      if end > start { start.initializeMemory(as: UInt8.self, repeating: Self.poisonByte, count: end - start) }
    }
  }
}

extension UnsafeMutableRawPointer {
  @inlinable
  func alignedUp(toMultipleOf alignment: Int) -> UnsafeMutableRawPointer {
    let address = UInt(bitPattern: self)
    let mask = UInt(alignment &- 1)
    return UnsafeMutableRawPointer(bitPattern: (address &+ mask) & ~mask).unsafelyUnwrapped
  }
}

extension Int {
  /// The smallest multiple of `multiple` that is at least `self`, or `nil` if it overflows.
  func roundedUp(toMultipleOf multiple: Int) -> Int? {
    let (sum, overflow) = addingReportingOverflow(multiple - 1)
    return overflow ? nil : sum / multiple * multiple
  }
}
