/// A fixed-size array of values in a ``MemoryArena``, valid until its scope ends.
///
/// Like an `UnsafeMutableBufferPointer` whose lifetime the compiler checks: the
/// array is `~Escapable` and cannot outlive the ``ArenaAllocator`` that made it.
/// Copies of an `ArenaArray` share their elements, so writing through one copy
/// is visible through the others. Element access is bounds-checked.
///
/// ```swift
/// arena.withAllocator { alloc in
///   let squares = alloc.allocateArray(count: 8) { i in Float(i * i) }
///   var total: Float = 0
///   for i in squares.indices { total += squares[i] }
/// }
/// ```
///
/// It is not a `Collection` (Swift's collection protocols require escapable
/// types); use ``indices``, ``span`` or ``withUnsafeBufferPointer(_:)`` to iterate.
@frozen
public struct ArenaArray<Element: BitwiseCopyable>: ~Escapable {
  @usableFromInline
  let start: UnsafeMutablePointer<Element>
  /// The number of elements.
  public let count: Int

  @inlinable
  @_lifetime(immortal)
  init(start: UnsafeMutablePointer<Element>, count: Int) {
    self.start = start
    self.count = count
  }

  /// Accesses the element at `index`, which must be in `0..<count`.
  @inlinable @inline(__always)
  public subscript(index: Int) -> Element {
    get {
      precondition(index >= 0 && index < count, "ArenaArray index \(index) out of range 0..<\(count)")
      return start[index]
    }
    nonmutating set {
      precondition(index >= 0 && index < count, "ArenaArray index \(index) out of range 0..<\(count)")
      start[index] = newValue
    }
  }

  /// True when the array has no elements.
  @inlinable public var isEmpty: Bool { count == 0 }

  /// The valid indices, `0..<count`.
  @inlinable public var indices: Range<Int> { 0..<count }

  /// The first element, or `nil` if the array is empty.
  @inlinable public var first: Element? { isEmpty ? nil : start[0] }

  /// The last element, or `nil` if the array is empty.
  @inlinable public var last: Element? { isEmpty ? nil : start[count - 1] }

  /// A read-only view of the elements, usable with APIs that take a `Span`.
  @inlinable @inline(__always)
  public var span: Span<Element> {
    @_lifetime(copy self)
    get {
      let span = Span(_unsafeStart: UnsafePointer(start), count: count)
      return _overrideLifetime(span, copying: self)
    }
  }

  /// Sets every element to `value`.
  @inlinable @inline(__always)
  public func update(repeating value: Element) {
    start.update(repeating: value, count: count)
  }

  /// Copies the elements into a new Swift `Array` (which allocates).
  @inlinable @inline(__always)
  public func copyToArray() -> [Element] {
    Array(UnsafeBufferPointer(start: start, count: count))
  }

  /// Calls `body` with a buffer over the elements; the buffer must not be used after `body` returns.
  @inlinable @inline(__always)
  public func withUnsafeBufferPointer<Result: ~Copyable, Failure: Error>(
    _ body: (UnsafeBufferPointer<Element>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeBufferPointer(start: start, count: count))
  }

  /// Calls `body` with a mutable buffer over the elements; the buffer must not be used after `body` returns.
  @inlinable @inline(__always)
  public func withUnsafeMutableBufferPointer<Result: ~Copyable, Failure: Error>(
    _ body: (UnsafeMutableBufferPointer<Element>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeMutableBufferPointer(start: start, count: count))
  }
}
