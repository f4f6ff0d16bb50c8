extension ArenaAllocator {
  /// Allocates an array of `count` copies of `value`.
  ///
  /// Cost: a pointer bump and `count` stores. Stops the program if
  /// `count * MemoryLayout<Element>.stride` overflows or the budget is exceeded;
  /// see ``tryAllocateArray(repeating:count:)``.
  @inlinable
  @_lifetime(copy self)
  public func allocateArray<Element: BitwiseCopyable>(repeating value: Element, count: Int) -> ArenaArray<Element> {
    let start = trapping { () throws(ArenaError) in try allocateUninitialized(Element.self, count: count) }
    start.initialize(repeating: value, count: count)
    return _overrideLifetime(ArenaArray(start: start, count: count), copying: self)
  }

  /// Like ``allocateArray(repeating:count:)``, but throws ``ArenaError`` when the
  /// size overflows, or the budget or the system allocator does not allow the allocation.
  @inlinable
  @_lifetime(copy self)
  public func tryAllocateArray<Element: BitwiseCopyable>(
    repeating value: Element, count: Int
  ) throws(ArenaError) -> ArenaArray<Element> {
    let start = try allocateUninitialized(Element.self, count: count)
    start.initialize(repeating: value, count: count)
    return _overrideLifetime(ArenaArray(start: start, count: count), copying: self)
  }

  /// Allocates an array holding a copy of `elements`, a random-access
  /// collection (whose `count` costs O(1)).
  ///
  /// Cost: a pointer bump and a copy of the elements (one pass over `elements`,
  /// after reading its `count`). Stops the program if the collection's `count`
  /// is not the number of elements it yields. Any other sequence goes through
  /// the `Sequence` version (in `ArenaAllocator+Sequences.swift`), which does
  /// not count first.
  @inlinable
  @_lifetime(copy self)
  public func allocateArray<Elements: RandomAccessCollection>(
    copying elements: Elements
  ) -> ArenaArray<Elements.Element> where Elements.Element: BitwiseCopyable {
    let count = elements.count
    let start = trapping { () throws(ArenaError) in try allocateUninitialized(Elements.Element.self, count: count) }
    Self.initialize(start, count: count, from: elements)
    return _overrideLifetime(ArenaArray(start: start, count: count), copying: self)
  }

  /// Like the random-access `allocateArray(copying:)`, but throws ``ArenaError`` when the
  /// size overflows, or the budget or the system allocator does not allow the allocation.
  @inlinable
  @_lifetime(copy self)
  public func tryAllocateArray<Elements: RandomAccessCollection>(
    copying elements: Elements
  ) throws(ArenaError) -> ArenaArray<Elements.Element> where Elements.Element: BitwiseCopyable {
    let count = elements.count
    let start = try allocateUninitialized(Elements.Element.self, count: count)
    Self.initialize(start, count: count, from: elements)
    return _overrideLifetime(ArenaArray(start: start, count: count), copying: self)
  }

  /// Allocates an array holding a copy of the elements of `span`.
  ///
  /// Cost: a pointer bump and one `memcpy`.
  @inlinable
  @_lifetime(copy self)
  public func allocateArray<Element: BitwiseCopyable>(copying span: Span<Element>) -> ArenaArray<Element> {
    let start = trapping { () throws(ArenaError) in try allocateUninitialized(Element.self, count: span.count) }
    Self.initialize(start, from: span)
    return _overrideLifetime(ArenaArray(start: start, count: span.count), copying: self)
  }

  /// Like the `Span` version of `allocateArray(copying:)`, but throws ``ArenaError`` when the
  /// budget or the system allocator does not allow the allocation.
  @inlinable
  @_lifetime(copy self)
  public func tryAllocateArray<Element: BitwiseCopyable>(
    copying span: Span<Element>
  ) throws(ArenaError) -> ArenaArray<Element> {
    let start = try allocateUninitialized(Element.self, count: span.count)
    Self.initialize(start, from: span)
    return _overrideLifetime(ArenaArray(start: start, count: span.count), copying: self)
  }

  /// Allocates an array of `count` elements, each the result of
  /// `initializer(index)`, called in order of increasing index.
  ///
  /// Uninitialized memory is never visible: if `initializer` throws, the error
  /// propagates and the partially filled memory is simply left for the scope
  /// to release.
  ///
  /// Cost: a pointer bump and `count` calls.
  @inlinable
  @_lifetime(copy self)
  public func allocateArray<Element: BitwiseCopyable, Failure: Error>(
    count: Int, initializingWith initializer: (Int) throws(Failure) -> Element
  ) throws(Failure) -> ArenaArray<Element> {
    let start = trapping { () throws(ArenaError) in try allocateUninitialized(Element.self, count: count) }
    for index in 0..<count {
      (start + index).initialize(to: try initializer(index))
    }
    return _overrideLifetime(ArenaArray(start: start, count: count), copying: self)
  }

  /// Like ``allocateArray(count:initializingWith:)``, but throws ``ArenaError``
  /// when the size overflows, or the budget or the system allocator does not
  /// allow the allocation. The initializer cannot throw here, so that the
  /// error type stays ``ArenaError``; to fill with a throwing function,
  /// allocate with ``tryAllocateArray(repeating:count:)`` and assign through
  /// ``ArenaArray/mutableSpan``.
  @inlinable
  @_lifetime(copy self)
  public func tryAllocateArray<Element: BitwiseCopyable>(
    count: Int, initializingWith initializer: (Int) -> Element
  ) throws(ArenaError) -> ArenaArray<Element> {
    let start = try allocateUninitialized(Element.self, count: count)
    for index in 0..<count {
      (start + index).initialize(to: initializer(index))
    }
    return _overrideLifetime(ArenaArray(start: start, count: count), copying: self)
  }
}

extension ArenaAllocator {
  /// Copies the `count` elements of `elements` to `start`, stopping the program
  /// if the collection yields another number of elements than its `count` said.
  @inlinable @inline(__always)
  static func initialize<Elements: Collection>(
    _ start: UnsafeMutablePointer<Elements.Element>, count: Int, from elements: Elements
  ) {
    var initialized = 0
    for element in elements {
      if _slowPath(initialized >= count) { ArenaFailure.countMismatch("collection has more elements than its count") }
      (start + initialized).initialize(to: element)
      initialized += 1
    }
    if _slowPath(initialized != count) { ArenaFailure.countMismatch("collection has fewer elements than its count") }
  }

  /// Copies the elements of `span` to `start` with one `memcpy`.
  @inlinable @inline(__always)
  static func initialize<Element: BitwiseCopyable>(_ start: UnsafeMutablePointer<Element>, from span: Span<Element>) {
    span.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { start.initialize(from: base, count: source.count) }
    }
  }
}
