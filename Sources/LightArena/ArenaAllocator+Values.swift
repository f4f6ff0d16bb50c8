extension ArenaAllocator {
  /// Copies `value` into the arena and returns a reference to it.
  ///
  /// Cost: a pointer bump and a copy of the value. Stops the program if the
  /// arena's budget is exceeded; see ``tryAllocate(_:)``.
  @inlinable
  @_lifetime(copy self)
  public func allocate<Value: BitwiseCopyable>(_ value: Value) -> ArenaRef<Value> {
    let pointer = trapping { () throws(ArenaError) in try allocateUninitialized(Value.self, count: 1) }
    pointer.initialize(to: value)
    return _overrideLifetime(ArenaRef(pointer), copying: self)
  }

  /// Copies `value` into the arena, or throws ``ArenaError`` if the arena's budget
  /// or the system allocator does not allow it.
  @inlinable
  @_lifetime(copy self)
  public func tryAllocate<Value: BitwiseCopyable>(_ value: Value) throws(ArenaError) -> ArenaRef<Value> {
    let pointer = try allocateUninitialized(Value.self, count: 1)
    pointer.initialize(to: value)
    return _overrideLifetime(ArenaRef(pointer), copying: self)
  }

  /// Allocates `byteCount` uninitialized bytes aligned to `alignment`.
  ///
  /// - Parameters:
  ///   - byteCount: The number of bytes, zero or more.
  ///   - alignment: A power of two from 1 to 4096 (the page size).
  /// Cost: a pointer bump. Stops the program if the budget is exceeded; see
  /// ``tryAllocateBytes(byteCount:alignment:)``.
  @inlinable
  @_lifetime(copy self)
  public func allocateBytes(byteCount: Int, alignment: Int) -> ArenaBytes {
    let start = trapping { () throws(ArenaError) in try allocateRawChecked(byteCount: byteCount, alignment: alignment) }
    return _overrideLifetime(ArenaBytes(UnsafeMutableRawBufferPointer(start: start, count: byteCount)), copying: self)
  }

  /// Like ``allocateBytes(byteCount:alignment:)``, but throws ``ArenaError`` when
  /// the size overflows, or the budget or the system allocator does not allow
  /// the allocation. (A negative byte count or an invalid alignment is a
  /// programming error and still stops the program.)
  @inlinable
  @_lifetime(copy self)
  public func tryAllocateBytes(byteCount: Int, alignment: Int) throws(ArenaError) -> ArenaBytes {
    let start = try allocateRawChecked(byteCount: byteCount, alignment: alignment)
    let buffer = UnsafeMutableRawBufferPointer(start: start, count: byteCount)
    return _overrideLifetime(ArenaBytes(buffer), copying: self)
  }
}

extension ArenaAllocator {
  /// ``allocateRaw(byteCount:alignment:)`` for a request from the raw API, whose
  /// arguments are checked first.
  @inlinable @inline(__always)
  func allocateRawChecked(byteCount: Int, alignment: Int) throws(ArenaError) -> UnsafeMutableRawPointer {
    if _slowPath(byteCount < 0) { ArenaFailure.negativeByteCount(byteCount) }
    if _slowPath(alignment <= 0 || alignment & (alignment - 1) != 0 || alignment > ArenaState.maximumAlignment) {
      ArenaFailure.invalidAlignment(alignment)
    }
    if _slowPath(byteCount > Int.max - alignment) {
      throw ArenaError.byteCountOverflow(byteCount: byteCount, alignment: alignment)
    }
    return try allocateRaw(byteCount: byteCount, alignment: alignment)
  }
}
