/// Why an arena could not satisfy an allocation.
///
/// The `try`-prefixed allocation methods of ``ArenaAllocator`` throw it; the others
/// stop the program with the same message, because running out of a budget the
/// caller did not plan for is a programming error.
///
/// A failed allocation leaves the arena as it was: nothing is allocated, and
/// ``ArenaStatistics`` do not count it (except in ``ArenaStatistics/slowPathCount``).
public enum ArenaError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A new block of memory would take the arena's reserved bytes past its budget.
  case budgetExceeded(requested: Int, reserved: Int, budget: Int)
  /// `count` elements of `stride` bytes each (and the padding their alignment
  /// may need) do not fit in an `Int`.
  case sizeOverflow(count: Int, stride: Int)
  /// `byteCount` raw bytes and the padding that `alignment` may need do not fit in an `Int`.
  case byteCountOverflow(byteCount: Int, alignment: Int)
  /// The system allocator could not provide a block of `byteCount` bytes.
  case systemAllocationFailed(byteCount: Int)

  public var description: String {
    switch self {
    case let .budgetExceeded(requested, reserved, budget):
      "arena budget exceeded: a request for \(requested) bytes needs a new block, "
        + "but \(reserved) of the \(budget) budgeted bytes are already reserved"
    case let .sizeOverflow(count, stride):
      "arena allocation size overflows: \(count) elements of \(stride) bytes each"
    case let .byteCountOverflow(byteCount, alignment):
      "arena allocation size overflows: \(byteCount) bytes aligned to \(alignment)"
    case let .systemAllocationFailed(byteCount):
      "the system could not allocate a block of \(byteCount) bytes for the arena"
    }
  }
}
