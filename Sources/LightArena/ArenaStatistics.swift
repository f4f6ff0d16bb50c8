/// A snapshot of an arena's memory use.
///
/// The arena keeps these figures as a side effect of work it does anyway (block
/// switches and scope releases), so collecting them costs nothing on the
/// allocation fast path. Read them with ``MemoryArena/statistics``.
public struct ArenaStatistics: Hashable, Sendable, CustomStringConvertible {
  /// Bytes allocated and not yet released, alignment padding included.
  public var bytesInUse: Int
  /// The most bytes that were in use at once, across all scopes since the arena was made.
  public var highWaterBytes: Int
  /// Bytes of memory the arena holds in its blocks (what counts against its budget).
  public var reservedBytes: Int
  /// The number of blocks the arena holds.
  public var blockCount: Int
  /// How many allocations did not fit in the current block and took the slow path.
  public var slowPathCount: Int
  /// How many blocks the arena has obtained from the system allocator over its life.
  public var systemAllocationCount: Int

  /// Creates a statistics value; arenas make these for you.
  public init(bytesInUse: Int, highWaterBytes: Int, reservedBytes: Int,
              blockCount: Int, slowPathCount: Int, systemAllocationCount: Int) {
    self.bytesInUse = bytesInUse
    self.highWaterBytes = highWaterBytes
    self.reservedBytes = reservedBytes
    self.blockCount = blockCount
    self.slowPathCount = slowPathCount
    self.systemAllocationCount = systemAllocationCount
  }

  public var description: String {
    "\(bytesInUse) bytes in use, high-water \(highWaterBytes), reserved \(reservedBytes) "
      + "in \(blockCount) block(s); \(slowPathCount) slow-path allocation(s), "
      + "\(systemAllocationCount) system allocation(s)"
  }
}
