/// Raw, uninitialized bytes in a ``MemoryArena``, valid until its scope ends.
///
/// Returned by ``ArenaAllocator/allocateBytes(byteCount:alignment:)`` for
/// callers that lay out memory themselves (for example, a buffer handed to C).
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
  @inlinable public var baseAddress: UnsafeMutableRawPointer { buffer.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 1)! }

  /// Calls `body` with the bytes; the buffer must not be used after `body` returns.
  @inlinable
  public func withUnsafeMutableBytes<Result: ~Copyable, Failure: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(buffer)
  }
}
