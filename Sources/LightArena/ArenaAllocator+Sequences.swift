extension ArenaAllocator {
  /// Allocates an array holding the elements of `elements`, any sequence,
  /// in one pass, whether or not its number of elements is known in advance.
  ///
  /// Cost: for a sequence with contiguous storage (`Array`, `ContiguousArray`,
  /// an `UnsafeBufferPointer`, ...), a pointer bump and one `memcpy`. Otherwise
  /// one pass over `elements`, without counting them first: room for its
  /// `underestimatedCount` is reserved, and the array grows as an
  /// ``ArenaVector`` does: in place, since it stays the newest allocation (a
  /// sequence cannot hold the allocator, so iterating cannot allocate in this
  /// scope), and by moving to a new block only when the current one is full.
  /// When it is done, the unused capacity is given back.
  @inlinable
  @_lifetime(copy self)
  public func allocateArray<Elements: Sequence>(
    copying elements: Elements
  ) -> ArenaArray<Elements.Element> where Elements.Element: BitwiseCopyable {
    let (start, count) = trapping { () throws(ArenaError) in try copyIntoArena(elements) }
    return _overrideLifetime(ArenaArray(start: start, count: count), copying: self)
  }

  /// Like the `Sequence` version of `allocateArray(copying:)`, but throws
  /// ``ArenaError`` when the budget or the system allocator does not allow
  /// the allocation (the memory already used is left for the scope to release).
  @inlinable
  @_lifetime(copy self)
  public func tryAllocateArray<Elements: Sequence>(
    copying elements: Elements
  ) throws(ArenaError) -> ArenaArray<Elements.Element> where Elements.Element: BitwiseCopyable {
    let (start, count) = try copyIntoArena(elements)
    return _overrideLifetime(ArenaArray(start: start, count: count), copying: self)
  }

  /// Allocates an array of at most `capacity` elements and lets `body` fill it
  /// through an `OutputSpan`: appending, and removing again, as it likes.
  ///
  /// ```swift
  /// let hits = alloc.allocateArray(capacity: rays.count) { (output: inout OutputSpan<Float>) in
  ///   for ray in rays { if let t = intersect(ray) { output.append(t) } }
  /// }
  /// ```
  ///
  /// The array holds what `body` left in the span. Uninitialized memory is
  /// never visible. If `body` throws, the error propagates.
  ///
  /// Cost: a pointer bump for `capacity` elements, and `body`. If the array is
  /// still the newest allocation when `body` returns, the capacity it did not
  /// use is given back. Stops the program if the budget is exceeded.
  @inlinable
  @_lifetime(copy self)
  public func allocateArray<Element: BitwiseCopyable, Failure: Error>(
    capacity: Int, initializingWith body: (inout OutputSpan<Element>) throws(Failure) -> Void
  ) throws(Failure) -> ArenaArray<Element> {
    let start = trapping { () throws(ArenaError) in try allocateUninitialized(Element.self, count: capacity) }
    let buffer = UnsafeMutableBufferPointer(start: start, count: capacity)
    var output = OutputSpan(buffer: buffer, initializedCount: 0)
    try body(&output)
    let count = output.finalize(for: buffer)
    giveBackUnused(start + count, upTo: start + capacity)
    return _overrideLifetime(ArenaArray(start: start, count: count), copying: self)
  }

  /// The elements of `elements`, copied into this scope: where they start and how many.
  @inlinable
  func copyIntoArena<Elements: Sequence>(
    _ elements: Elements
  ) throws(ArenaError) -> (UnsafeMutablePointer<Elements.Element>, Int) where Elements.Element: BitwiseCopyable {
    // Contiguous storage: one copy, no growth.
    var failure: ArenaError?
    let contiguous = elements.withContiguousStorageIfAvailable { source -> (UnsafeMutablePointer<Elements.Element>, Int)? in
      do throws(ArenaError) {
        let start = try allocateUninitialized(Elements.Element.self, count: source.count)
        if let base = source.baseAddress { start.initialize(from: base, count: source.count) }
        return (start, source.count)
      } catch {
        failure = error
        return nil
      }
    }
    if let failure { throw failure }
    if let contiguous, let copied = contiguous { return copied }

    // Anything else: grow as a vector does.
    var vector = try tryMakeVector(of: Elements.Element.self, capacity: elements.underestimatedCount)
    for element in elements { try vector.tryAppend(element) }
    let start = vector.start, count = vector.count, capacity = vector.capacity
    _ = consume vector
    if MemoryLayout<Elements.Element>.size > 0 { giveBackUnused(start + count, upTo: start + capacity) }
    return (start, count)
  }

  /// Returns the bytes from `used` to `end` to the arena if they are the end of
  /// its newest allocation in the innermost scope; otherwise does nothing
  /// (they stay allocated until the scope ends).
  @inlinable
  func giveBackUnused<T>(_ used: UnsafeMutablePointer<T>, upTo end: UnsafeMutablePointer<T>) {
    if state.pointee.scopeDepth == depth && UnsafeMutableRawPointer(end) == state.pointee.cursor {
      state.pointee.cursor = UnsafeMutableRawPointer(used)
    }
  }
}
