/// A fixed-size array of values in a ``MemoryArena``, valid until its scope ends.
///
/// Like an `UnsafeMutableBufferPointer` whose lifetime and exclusivity the
/// compiler checks: the array is `~Escapable`, so it cannot outlive the
/// ``ArenaAllocator`` that made it, and `~Copyable`, so there is only ever one
/// handle that can write to its elements. Writing (through the subscript,
/// ``mutableSpan`` or ``update(repeating:)``) needs `var` access; reading
/// (``span``) borrows the array, and the compiler rejects a write while a span
/// is alive. Element access is bounds-checked in every build.
///
/// ```swift
/// arena.withAllocator { alloc in
///   var squares = alloc.allocateArray(count: 8) { i in Float(i * i) }
///   squares[0] = -1
///   var total: Float = 0
///   for i in squares.indices { total += squares[i] }
/// }
/// ```
///
/// When the array is filled and only read from then on, ``freeze()`` turns it
/// into a `Span` that is valid for the rest of the scope and can be copied
/// freely, for example into other values built in the same scope.
///
/// It is not a `Collection` (Swift's collection protocols require copyable,
/// escapable types); use ``indices``, ``span`` or ``withUnsafeBufferPointer(_:)``
/// to iterate.
@frozen
public struct ArenaArray<Element: BitwiseCopyable>: ~Copyable, ~Escapable {
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

  @inlinable @inline(__always)
  func checkIndex(_ index: Int) {
    // One unsigned comparison covers both ends of the range.
    if _slowPath(UInt(bitPattern: index) >= UInt(bitPattern: count)) {
      ArenaFailure.indexOutOfRange(index, count: count, in: "ArenaArray")
    }
  }

  /// Accesses the element at `index`, which must be in `0..<count`.
  ///
  /// Cost: a bounds check and a load or store.
  @inlinable @inline(__always)
  public subscript(index: Int) -> Element {
    get {
      checkIndex(index)
      return start[index]
    }
    set {
      checkIndex(index)
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
  ///
  /// The span borrows the array: while it is alive, the array cannot be
  /// written to (the compiler checks this). O(1).
  @inlinable
  public var span: Span<Element> {
    @_lifetime(borrow self)
    @inline(__always)
    get {
      let span = Span(_unsafeStart: UnsafePointer(start), count: count)
      return _overrideLifetime(span, borrowing: self)
    }
  }

  /// A view of the elements for reading and writing, usable with APIs that
  /// take a `MutableSpan`.
  ///
  /// The span needs exclusive access to the array while it is alive. O(1).
  @inlinable
  public var mutableSpan: MutableSpan<Element> {
    @_lifetime(&self)
    @inline(__always)
    mutating get {
      let span = MutableSpan(_unsafeStart: start, count: count)
      return _overrideLifetime(span, mutating: &self)
    }
  }

  /// Ends the array's mutable life and returns its elements as a `Span` that
  /// is valid until the scope that allocated them ends.
  ///
  /// Unlike ``span``, the result does not borrow the array, which is consumed:
  /// no handle that could write to the elements remains, so the span can be
  /// copied and kept in other values of the same scope. O(1).
  @inlinable
  @_lifetime(copy self)
  public consuming func freeze() -> Span<Element> {
    let span = Span(_unsafeStart: UnsafePointer(start), count: count)
    return _overrideLifetime(span, copying: self)
  }

  /// Sets every element to `value`. Cost: `count` stores.
  @inlinable @inline(__always)
  public mutating func update(repeating value: Element) {
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
  public mutating func withUnsafeMutableBufferPointer<Result: ~Copyable, Failure: Error>(
    _ body: (UnsafeMutableBufferPointer<Element>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeMutableBufferPointer(start: start, count: count))
  }
}
