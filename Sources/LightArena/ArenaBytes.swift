/// Raw, uninitialized bytes in a ``MemoryArena``, valid until its scope ends.
///
/// Returned by ``ArenaAllocator/allocateBytes(byteCount:alignment:)`` for
/// callers that lay out memory themselves (for example, a buffer handed to C).
///
/// The bytes are reached only through APIs marked *unsafe*: the compiler
/// checks that an `ArenaBytes` does not outlive its scope, but not what is
/// done with a pointer taken from it, which must not be used after the scope
/// ends.
@frozen
public struct ArenaBytes: ~Escapable {
  @usableFromInline
  let buffer: UnsafeMutableRawBufferPointer

  @inlinable
  @_lifetime(immortal)
  init(_ buffer: UnsafeMutableRawBufferPointer) {
    self.buffer = buffer
  }

  /// The number of bytes.
  @inlinable public var count: Int { buffer.count }

  /// The address of the first byte (aligned as requested).
  ///
  /// Unsafe: the pointer is not tied to the scope's lifetime. It is valid
  /// until the scope that allocated the bytes ends, and must not be used after.
  /// Prefer ``withUnsafeMutableBytes(_:)``, which at least scopes it to a closure.
  @inlinable public var unsafeBaseAddress: UnsafeMutableRawPointer {
    buffer.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 1)!
  }

  /// Calls `body` with the bytes; the buffer must not be used after `body` returns.
  @inlinable
  public func withUnsafeMutableBytes<Result: ~Copyable, Failure: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(buffer)
  }
}
