/// A reference to one value in a ``MemoryArena``, valid until its scope ends.
///
/// Reading or writing ``value`` is a plain load or store through a pointer: no
/// reference counting, no exclusivity check. Copies of an `ArenaRef` refer to
/// the same value. The reference is `~Escapable`: the compiler does not let it
/// outlive the ``ArenaAllocator`` that made it.
///
/// ```swift
/// arena.withAllocator { alloc in
///   let counter = alloc.allocate(0)
///   counter.value += 1
/// }
/// ```
@frozen
public struct ArenaRef<Value: BitwiseCopyable>: ~Escapable {
  @usableFromInline
  let pointer: UnsafeMutablePointer<Value>

  @inlinable
  @_lifetime(immortal)
  init(_ pointer: UnsafeMutablePointer<Value>) {
    self.pointer = pointer
  }

  /// The referenced value.
  @inlinable @inline(__always)
  public var value: Value {
    get { pointer.pointee }
    nonmutating set { pointer.pointee = newValue }
  }

  /// Calls `body` with the value's address, for interoperation with C or with
  /// code that takes pointers. The pointer must not be used after `body` returns.
  @inlinable @inline(__always)
  public func withUnsafeMutablePointer<Result: ~Copyable, Failure: Error>(
    _ body: (UnsafeMutablePointer<Value>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(pointer)
  }
}
