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
    @usableFromInline let start: UnsafeMutableRawPointer
    @usableFromInline let byteCount: Int
    @inlinable var end: UnsafeMutableRawPointer { start + byteCount }
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

  // Statistics. None of these is touched on the fast path.
  @usableFromInline var reservedBytes: Int = 0
  @usableFromInline var highWaterBytes: Int = 0
  @usableFromInline var slowPathCount: Int = 0
  @usableFromInline var systemAllocationCount: Int = 0

  /// The alignment of every block; requests aligned to at most this never need padding at a block's start.
  @usableFromInline static let blockAlignment = 64
  /// The largest alignment the raw allocation API accepts.
  @usableFromInline static let maximumAlignment = 4096

  init(blockSize: Int, budget: Int?) {
    self.blockSize = blockSize
    self.budget = budget
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
}

// MARK: - The slow path

extension ArenaState {
  /// Finds room for `byteCount` bytes aligned to `alignment` when the current block is full:
  /// the next retained block if it is big enough, otherwise a new block.
  ///
  /// Cost: O(1) when a retained block is reused; one system allocation otherwise
  /// (plus an O(number of blocks) insertion when an oversized block has to be placed in the middle).
  @usableFromInline
  mutating func allocateSlowPath(byteCount: Int, alignment: Int) throws(ArenaError) -> UnsafeMutableRawPointer {
    slowPathCount += 1
    // Enough room for the request wherever the block's start happens to fall.
    let (needed, overflow) = byteCount.addingReportingOverflow(Swift.max(alignment - Self.blockAlignment, 0))
    if overflow { throw ArenaError.sizeOverflow(count: byteCount, stride: 1) }

    if blockIndex >= 0 {
      bytesInEarlierBlocks += cursor - blockStart
    }
    let next = blockIndex + 1
    if next < blocks.count, blocks[next].byteCount >= needed {
      // The common case after the first scope: reuse a block we already own.
      enterBlock(at: next)
    } else {
      // A request larger than a block gets a block of its own; a retained block that is
      // too small for it stays where it is, to be used after this one.
      let newBlock = try makeBlock(byteCount: Swift.max(blockSize, needed), requested: byteCount)
      blocks.insert(newBlock, at: next)
      enterBlock(at: next)
    }
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

  mutating func makeBlock(byteCount: Int, requested: Int) throws(ArenaError) -> Block {
    if let budget, reservedBytes + byteCount > budget {
      throw ArenaError.budgetExceeded(requested: requested, reserved: reservedBytes, budget: budget)
    }
    let start = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: Self.blockAlignment)
    reservedBytes += byteCount
    systemAllocationCount += 1
    return Block(start: start, byteCount: byteCount)
  }

  mutating func freeAllBlocks() {
    for block in blocks { block.start.deallocate() }
    blocks.removeAll(keepingCapacity: true)
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
  /// Releases everything allocated since `mark`. O(1), except in debug builds,
  /// where the released bytes are overwritten with a poison pattern.
  ///
  /// The common case, a nested scope that began in the current block, is
  /// inlined into the caller: a comparison, a maximum and a store.
  @inlinable @inline(__always)
  mutating func release(to mark: Mark) {
    if scopeDepth > 0 && mark.blockIndex == blockIndex {
      highWaterBytes = Swift.max(highWaterBytes, bytesInUse)
      #if DEBUG
      mark.cursor.initializeMemory(as: UInt8.self, repeating: Self.poisonByte, count: cursor - mark.cursor)
      #endif
      cursor = mark.cursor
    } else {
      releaseSlowPath(to: mark)
    }
  }

  /// ``release(to:)`` across blocks, or at the end of the outermost scope.
  @usableFromInline
  mutating func releaseSlowPath(to mark: Mark) {
    highWaterBytes = Swift.max(highWaterBytes, bytesInUse)
    #if DEBUG
    poison(from: mark)
    #endif
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
  mutating func coalesce() {
    let size = Swift.max(blockSize, highWaterBytes.roundedUp(toMultipleOf: blockSize))
    freeAllBlocks()
    // The old blocks held at least this many bytes, so the budget cannot be exceeded here;
    // if it somehow is, keeping no block is still a valid state.
    guard let block = try? makeBlock(byteCount: size, requested: size) else { return }
    blocks.append(block)
    enterBlock(at: 0)
  }

  #if DEBUG
  /// The byte written over released memory in debug builds. Read as a `Float` or
  /// `Double` it is a NaN, as an integer -1, and as a pointer an address that traps.
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
  #endif
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
  @inlinable
  func roundedUp(toMultipleOf multiple: Int) -> Int {
    (self + multiple - 1) / multiple * multiple
  }
}
