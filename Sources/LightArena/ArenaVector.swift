/// A growable array of values in a ``MemoryArena``, valid until its scope ends:
/// the arena's `Vec`.
///
/// Make one with ``ArenaAllocator/makeVector(of:capacity:)`` and append to it.
/// When it is full, it grows:
///
/// - **in place**, when its storage is the arena's most recent allocation and
///   the current block has room: a pointer bump, no copy;
/// - otherwise **by moving**: new storage of twice the capacity is allocated
///   in the scope and the elements are copied (one `memcpy`). The old storage
///   stays allocated, unused, until the scope ends, as everything in an arena does.
///
/// So appends cost amortized O(1), and a vector that is filled while nothing
/// else is allocated never copies.
///
/// ```swift
/// arena.withAllocator { alloc in
///   var hits = alloc.makeVector(of: Float.self)
///   for ray in rays { if let t = intersect(ray) { hits.append(t) } }
///   let all = hits.freeze()          // a Span for the rest of the scope
/// }
/// ```
///
/// Like ``ArenaArray``, it is `~Copyable` (one handle writes) and `~Escapable`
/// (it cannot outlive its scope); ``span`` borrows it and writes need `var`
/// access. Growing allocates, so it must happen in the scope the vector was
/// made in while no nested scope is open (checked; appending within the
/// capacity is allowed anywhere).
@frozen
public struct ArenaVector<Element: BitwiseCopyable>: ~Copyable, ~Escapable {
  @usableFromInline let allocator: ArenaAllocator
  @usableFromInline var start: UnsafeMutablePointer<Element>
  @usableFromInline var _count: Int
  @usableFromInline var _capacity: Int
  /// The number of elements.
  @inlinable public var count: Int { _count }
  /// The number of elements the vector can hold before it grows.
  @inlinable public var capacity: Int { _capacity }

  @inlinable
  @_lifetime(copy allocator)
  init(allocator: ArenaAllocator, start: UnsafeMutablePointer<Element>, capacity: Int) {
    self.allocator = allocator
    self.start = start
    self._count = 0
    self._capacity = capacity
  }

  /// True when the vector has no elements.
  @inlinable public var isEmpty: Bool { count == 0 }

  /// The valid indices, `0..<count`.
  @inlinable public var indices: Range<Int> { 0..<count }

  @inlinable @inline(__always)
  func checkIndex(_ index: Int) {
    if _slowPath(UInt(bitPattern: index) >= UInt(bitPattern: count)) {
      ArenaFailure.indexOutOfRange(index, count: count, in: "ArenaVector")
    }
  }

  /// Accesses the element at `index`, which must be in `0..<count` (checked in every build).
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

  /// A read-only view of the elements; it borrows the vector. O(1).
  @inlinable
  public var span: Span<Element> {
    @_lifetime(borrow self)
    @inline(__always)
    get {
      _overrideLifetime(Span(_unsafeStart: UnsafePointer(start), count: count), borrowing: self)
    }
  }

  /// A view of the elements for reading and writing; it needs exclusive access. O(1).
  @inlinable
  public var mutableSpan: MutableSpan<Element> {
    @_lifetime(&self)
    @inline(__always)
    mutating get {
      _overrideLifetime(MutableSpan(_unsafeStart: start, count: count), mutating: &self)
    }
  }

  /// Consumes the vector and returns its elements as a `Span` valid until the
  /// scope ends (see ``ArenaArray/freeze()``). O(1).
  @inlinable
  @_lifetime(copy self)
  public consuming func freeze() -> Span<Element> {
    _overrideLifetime(Span(_unsafeStart: UnsafePointer(start), count: count), copying: self)
  }

  /// Adds `element` at the end.
  ///
  /// Cost: a store when there is capacity left; otherwise the vector grows
  /// first (in place, or by moving to storage of twice the capacity). Stops
  /// the program if growing exceeds the budget; see ``tryAppend(_:)``.
  @inlinable @inline(__always)
  public mutating func append(_ element: Element) {
    if _slowPath(count == capacity) {
      do throws(ArenaError) { try grow(toAtLeast: count + 1) } catch { ArenaFailure.allocationFailed(error) }
    }
    (start + count).initialize(to: element)
    _count += 1
  }

  /// Like ``append(_:)``, but throws ``ArenaError`` when growing needs memory
  /// that the budget or the system allocator does not allow; the vector is then unchanged.
  @inlinable @inline(__always)
  public mutating func tryAppend(_ element: Element) throws(ArenaError) {
    if _slowPath(count == capacity) { try grow(toAtLeast: count + 1) }
    (start + count).initialize(to: element)
    _count += 1
  }

  /// Adds the elements of `span` at the end, growing once if needed. Cost: one `memcpy`.
  @inlinable
  public mutating func append(copying span: Span<Element>) {
    if span.count > capacity - count {
      do throws(ArenaError) { try grow(toAtLeast: count + span.count) } catch { ArenaFailure.allocationFailed(error) }
    }
    span.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { (start + count).initialize(from: base, count: source.count) }
    }
    _count += span.count
  }

  /// Makes sure the vector can hold `minimumCapacity` elements without growing.
  ///
  /// Cost: nothing if it already can; otherwise one growth (in place or by
  /// moving), to exactly `minimumCapacity`. Stops the program if the budget is
  /// exceeded; see ``tryReserveCapacity(_:)``.
  @inlinable
  public mutating func reserveCapacity(_ minimumCapacity: Int) {
    do throws(ArenaError) { try tryReserveCapacity(minimumCapacity) } catch { ArenaFailure.allocationFailed(error) }
  }

  /// Like ``reserveCapacity(_:)``, but throws ``ArenaError`` when the budget or
  /// the system allocator does not allow it; the vector is then unchanged.
  @inlinable
  public mutating func tryReserveCapacity(_ minimumCapacity: Int) throws(ArenaError) {
    guard minimumCapacity > capacity else { return }
    try resize(toCapacity: minimumCapacity)
  }

  /// Removes and returns the last element, which must exist (checked). O(1).
  @inlinable @inline(__always)
  @discardableResult
  public mutating func removeLast() -> Element {
    if _slowPath(count == 0) { ArenaFailure.empty("ArenaVector.removeLast()") }
    _count -= 1
    return start[count]
  }

  /// Removes and returns the last element, or returns `nil` if the vector is empty. O(1).
  @inlinable @inline(__always)
  public mutating func popLast() -> Element? {
    guard count > 0 else { return nil }
    _count -= 1
    return start[count]
  }

  /// Removes every element, keeping the capacity. O(1).
  @inlinable
  public mutating func removeAll() {
    _count = 0
  }

  /// Grows to at least `needed` elements: twice the capacity, or more if that is not enough.
  @inlinable @inline(never)
  mutating func grow(toAtLeast needed: Int) throws(ArenaError) {
    let (doubled, overflow) = capacity.multipliedReportingOverflow(by: 2)
    try resize(toCapacity: Swift.max(overflow ? Int.max : doubled, needed, 4))
  }

  /// Gives the vector room for `newCapacity` elements: in place when its storage
  /// ends at the arena's cursor and the block has room, otherwise by moving.
  @inlinable
  mutating func resize(toCapacity newCapacity: Int) throws(ArenaError) {
    // Growing allocates: only while this vector's scope is the innermost one.
    allocator.checkIsInnermostScope()
    let stride = MemoryLayout<Element>.stride
    let (newBytes, overflow) = newCapacity.multipliedReportingOverflow(by: stride)
    if _slowPath(overflow) { throw ArenaError.sizeOverflow(count: newCapacity, stride: stride) }
    let state = allocator.state
    let end = UnsafeMutableRawPointer(start + capacity)
    let extra = newBytes - capacity * stride
    if end == state.pointee.cursor && extra <= state.pointee.limit - end {
      // The most recent allocation: extend it.
      state.pointee.cursor = end + extra
    } else {
      let moved = try allocator.allocateUninitialized(Element.self, count: newCapacity)
      moved.initialize(from: start, count: count)
      start = moved
    }
    _capacity = newCapacity
  }
}

extension ArenaAllocator {
  /// Makes an empty vector with room for `capacity` elements, to grow as
  /// elements are appended.
  ///
  /// Cost: a pointer bump for `capacity` elements (none for zero). Stops the
  /// program if the budget is exceeded; see ``tryMakeVector(of:capacity:)``.
  @inlinable
  @_lifetime(copy self)
  public func makeVector<Element: BitwiseCopyable>(
    of _: Element.Type = Element.self, capacity: Int = 0
  ) -> ArenaVector<Element> {
    let start = trapping { () throws(ArenaError) in try allocateUninitialized(Element.self, count: capacity) }
    return _overrideLifetime(ArenaVector(allocator: self, start: start, capacity: Self.vectorCapacity(capacity, of: Element.self)), copying: self)
  }

  /// Like ``makeVector(of:capacity:)``, but throws ``ArenaError`` when the
  /// budget or the system allocator does not allow the allocation.
  @inlinable
  @_lifetime(copy self)
  public func tryMakeVector<Element: BitwiseCopyable>(
    of _: Element.Type = Element.self, capacity: Int = 0
  ) throws(ArenaError) -> ArenaVector<Element> {
    let start = try allocateUninitialized(Element.self, count: capacity)
    return _overrideLifetime(ArenaVector(allocator: self, start: start, capacity: Self.vectorCapacity(capacity, of: Element.self)), copying: self)
  }

  /// Zero-sized elements take no memory, so a vector of them never needs to grow.
  @inlinable @inline(__always)
  static func vectorCapacity<Element>(_ capacity: Int, of _: Element.Type) -> Int {
    MemoryLayout<Element>.size == 0 ? Int.max : capacity
  }
}
