/// Why an arena could not satisfy an allocation.
///
/// The `try`-prefixed allocation methods of ``ArenaAllocator`` throw it; the others
/// stop the program with the same message, because running out of a budget the
/// caller did not plan for is a programming error.
public enum ArenaError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A new block of memory would take the arena's reserved bytes past its budget.
  case budgetExceeded(requested: Int, reserved: Int, budget: Int)
  /// `count * stride` does not fit in an `Int`.
  case sizeOverflow(count: Int, stride: Int)

  public var description: String {
    switch self {
    case let .budgetExceeded(requested, reserved, budget):
      "arena budget exceeded: a request for \(requested) bytes needs a new block, "
        + "but \(reserved) of the \(budget) budgeted bytes are already reserved"
    case let .sizeOverflow(count, stride):
      "arena allocation size overflows: \(count) elements of \(stride) bytes each"
    }
  }
}
