/// Where LightArena stops the program when it is misused.
///
/// Every check that guards memory safety is inlined into the caller as one
/// comparison and a branch that is almost never taken; the branch calls one of
/// these functions. They are compiled once, here, never inlined, and they stop
/// the program with `fatalError`, which prints its message in every build
/// configuration. (The standard library's `precondition` prints nothing when
/// the *caller* is built with optimization: a client built with `-O` would
/// see a bare "Illegal instruction".) Building the message here, rather than
/// at the call site, also keeps string formatting out of the caller's code.
@usableFromInline
enum ArenaFailure {
  @usableFromInline @inline(never)
  static func outerAllocatorUsedInNestedScope() -> Never {
    fatalError("ArenaAllocator used while a nested scope is open; use the nested scope's allocator")
  }

  @usableFromInline @inline(never)
  static func scopeAlreadyOpen() -> Never {
    fatalError("MemoryArena: a scope is already open")
  }

  @usableFromInline @inline(never)
  static func allocationFailed(_ error: ArenaError) -> Never {
    fatalError(error.description)
  }

  @usableFromInline @inline(never)
  static func indexOutOfRange(_ index: Int, count: Int, in container: StaticString) -> Never {
    fatalError("\(container) index \(index) out of range 0..<\(count)")
  }

  @usableFromInline @inline(never)
  static func negativeCount(_ count: Int) -> Never {
    fatalError("ArenaAllocator: negative element count \(count)")
  }

  @usableFromInline @inline(never)
  static func negativeByteCount(_ byteCount: Int) -> Never {
    fatalError("ArenaAllocator: negative byte count \(byteCount)")
  }

  @usableFromInline @inline(never)
  static func invalidAlignment(_ alignment: Int) -> Never {
    fatalError("ArenaAllocator: alignment must be a power of two from 1 to 4096, got \(alignment)")
  }

  @usableFromInline @inline(never)
  static func full(capacity: Int, in container: StaticString) -> Never {
    fatalError("\(container) is full (capacity \(capacity))")
  }

  @usableFromInline @inline(never)
  static func empty(_ operation: StaticString) -> Never {
    fatalError("\(operation) on an empty vector")
  }

  @usableFromInline @inline(never)
  static func wrongType(_ metatype: Any, _ type: Any.Type, in operation: StaticString) -> Never {
    fatalError("\(operation): the metatype \(metatype) does not name \(type)")
  }

  @usableFromInline @inline(never)
  static func countMismatch(_ message: StaticString) -> Never {
    fatalError("ArenaAllocator: \(message)")
  }
}
