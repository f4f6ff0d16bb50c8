/// A string's UTF-8 bytes, copied into a ``MemoryArena`` and valid until its scope ends.
///
/// Make one with ``ArenaAllocator/allocateString(copying:)``. It is
/// immutable, so copies of it are free and safe, and it reads back as the
/// bytes (``utf8``), as validated UTF-8 (``utf8Span``, for Unicode-aware
/// processing without a `String`), or as a new `String` (``makeString()``,
/// which allocates).
///
/// ```swift
/// arena.withAllocator { alloc in
///   let name = alloc.allocateString(copying: request.name)
///   if name.utf8Span.isKnownASCII { ... }
///   print(name.utf8.count, name.makeString())
/// }
/// ```
@frozen
public struct ArenaString: ~Escapable {
  @usableFromInline let start: UnsafePointer<UInt8>
  /// The number of UTF-8 code units (bytes).
  public let count: Int
  @usableFromInline let isASCII: Bool

  @inlinable
  @_lifetime(immortal)
  init(start: UnsafePointer<UInt8>, count: Int, isASCII: Bool) {
    self.start = start
    self.count = count
    self.isASCII = isASCII
  }

  /// True when the string is empty.
  @inlinable public var isEmpty: Bool { count == 0 }

  /// The UTF-8 code units. O(1).
  ///
  /// The bytes never change, so the span lives as long as the string's scope.
  @inlinable
  public var utf8: Span<UInt8> {
    @_lifetime(copy self)
    get { _overrideLifetime(Span(_unsafeStart: start, count: count), copying: self) }
  }

  /// The code units as validated UTF-8, with Unicode-aware views (characters,
  /// scalars) and no `String`. O(1): they came from a `String`, which is valid UTF-8.
  @inlinable
  public var utf8Span: UTF8Span {
    @_lifetime(copy self)
    get { _overrideLifetime(UTF8Span(unchecked: Span(_unsafeStart: start, count: count), isKnownASCII: isASCII), copying: self) }
  }

  /// A new `String` with the same contents. Cost: a copy, and a heap
  /// allocation for strings longer than 15 bytes.
  @inlinable
  public func makeString() -> String {
    String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
  }
}

extension ArenaAllocator {
  /// Copies the UTF-8 bytes of `string` into the arena.
  ///
  /// Cost: a pointer bump and one `memcpy` of the bytes (for a native Swift
  /// string; a bridged one is transcoded first). Stops the program if the
  /// budget is exceeded; see ``tryAllocateString(copying:)``.
  @inlinable
  @_lifetime(copy self)
  public func allocateString(copying string: String) -> ArenaString {
    let (start, count, isASCII) = trapping { () throws(ArenaError) in try copyUTF8(of: string) }
    return _overrideLifetime(ArenaString(start: start, count: count, isASCII: isASCII), copying: self)
  }

  /// Like ``allocateString(copying:)``, but throws ``ArenaError`` when the
  /// budget or the system allocator does not allow the allocation.
  @inlinable
  @_lifetime(copy self)
  public func tryAllocateString(copying string: String) throws(ArenaError) -> ArenaString {
    let (start, count, isASCII) = try copyUTF8(of: string)
    return _overrideLifetime(ArenaString(start: start, count: count, isASCII: isASCII), copying: self)
  }

  @inlinable
  func copyUTF8(of string: String) throws(ArenaError) -> (UnsafePointer<UInt8>, Int, Bool) {
    var string = string   // `withUTF8` may make the string native and contiguous first
    // `withUTF8` rethrows untyped errors: carry the typed one out by hand.
    let copied = string.withUTF8 { source -> Result<(UnsafePointer<UInt8>, Int, Bool), ArenaError> in
      do throws(ArenaError) {
        let start = try allocateUninitialized(UInt8.self, count: source.count)
        if let base = source.baseAddress { start.initialize(from: base, count: source.count) }
        // Known ASCII lets `UTF8Span` take its fast paths.
        let isASCII = source.allSatisfy { $0 < 0x80 }
        return .success((UnsafePointer(start), source.count, isASCII))
      } catch {
        return .failure(error)
      }
    }
    return try copied.get()
  }
}
