/// A fixed-capacity array of protocol values in a ``MemoryArena``, each of its
/// own concrete type: an arena version of `[any P]` with no heap boxes.
///
/// Create one with ``ArenaAllocator/makeExistentialArray(capacity:of:)``, then
/// ``append(_:as:)`` values; each value is copied into the arena next to the
/// others. Elements are read as ``ArenaExistential`` values.
///
/// ```swift
/// arena.withAllocator { alloc in
///   var shapes = alloc.makeExistentialArray(capacity: 2, of: (any Shape.Type).self)
///   shapes.append(Circle(radius: 1)) { $0 }     // Circle.Type converts to any Shape.Type
///   shapes.append(Square(side: 2)) { $0 }
///   var total: Float = 0
///   for i in shapes.indices { total += shapes[i].area() }
/// }
/// ```
///
/// The array is `~Copyable`, like swift-collections' `RigidArray`: its count
/// lives in the array value, so two copies appending to the same storage
/// would overwrite each other's entries. Pass it `borrowing` to read and
/// `inout` to append. Its elements (``ArenaExistential`` values) are copyable
/// and stay valid until the scope ends.
///
/// Values must be appended in the scope the array was made in (checked).
@frozen
public struct ArenaExistentialArray<Metatype: BitwiseCopyable>: ~Copyable, ~Escapable {
  /// Where an element lives and what it is.
  @usableFromInline
  struct Entry {
    @usableFromInline let address: UnsafeRawPointer
    @usableFromInline let metatype: Metatype
    @inlinable init(address: UnsafeRawPointer, metatype: Metatype) {
      self.address = address
      self.metatype = metatype
    }
  }

  @usableFromInline let allocator: ArenaAllocator
  @usableFromInline let entries: UnsafeMutablePointer<Entry>
  /// The most elements this array can hold.
  public let capacity: Int
  /// The number of elements.
  public var count: Int { _count }
  @usableFromInline var _count: Int = 0

  @inlinable
  @_lifetime(copy allocator)
  init(allocator: ArenaAllocator, entries: UnsafeMutablePointer<Entry>, capacity: Int) {
    self.allocator = allocator
    self.entries = entries
    self.capacity = capacity
  }

  /// True when the array has no elements.
  @inlinable public var isEmpty: Bool { count == 0 }

  /// The valid indices, `0..<count`.
  @inlinable public var indices: Range<Int> { 0..<count }

  /// Copies `value` into the arena and appends it.
  ///
  /// - Parameters:
  ///   - value: The concrete value.
  ///   - convert: Converts `Value.Type` to `Metatype`; `{ $0 }` is enough, as
  ///     the array's `Metatype` is known. The compiler checks that `Value`
  ///     conforms; the arena checks, in every build, that the result names
  ///     `Value` (free when the types are known at compile time).
  /// Cost: a pointer bump and a copy. The array must not be full (checked);
  /// stops the program if the budget is exceeded, see ``tryAppend(_:as:)``.
  // Always inlined: left to the optimizer, the allocation closure inside stayed an
  // out-of-line call per append (Benchmarks/README.md, "Library changes").
  @inlinable @inline(__always)
  public mutating func append<Value: BitwiseCopyable>(_ value: Value, as convert: (Value.Type) -> Metatype) {
    let pointer = allocator.trapping { () throws(ArenaError) in try prepareAppend(Value.self) }
    finishAppend(value, at: pointer, metatype: ArenaAllocator.checkedMetatype(convert, for: Value.self))
  }

  /// Like ``append(_:as:)``, but throws ``ArenaError`` when the budget or the
  /// system allocator does not allow the allocation. (A full array is a
  /// programming error and still stops the program.)
  @inlinable @inline(__always)
  public mutating func tryAppend<Value: BitwiseCopyable>(
    _ value: Value, as convert: (Value.Type) -> Metatype
  ) throws(ArenaError) {
    let pointer = try prepareAppend(Value.self)
    finishAppend(value, at: pointer, metatype: ArenaAllocator.checkedMetatype(convert, for: Value.self))
  }

  @inlinable @inline(__always)
  func prepareAppend<Value: BitwiseCopyable>(_: Value.Type) throws(ArenaError) -> UnsafeMutablePointer<Value> {
    if _slowPath(_count >= capacity) { ArenaFailure.full(capacity: capacity, in: "ArenaExistentialArray") }
    return try allocator.allocateUninitialized(Value.self, count: 1)
  }

  @inlinable @inline(__always)
  mutating func finishAppend<Value: BitwiseCopyable>(
    _ value: Value, at pointer: UnsafeMutablePointer<Value>, metatype: Metatype
  ) {
    pointer.initialize(to: value)
    (entries + _count).initialize(to: Entry(address: pointer, metatype: metatype))
    _count += 1
  }

  /// The element at `index`, which must be in `0..<count` (checked in every build).
  ///
  /// The element is a copy of the entry and stays valid until the scope ends,
  /// independently of the array.
  @inlinable @inline(__always)
  public subscript(index: Int) -> ArenaExistential<Metatype> {
    @_lifetime(copy self)
    get {
      if _slowPath(UInt(bitPattern: index) >= UInt(bitPattern: _count)) {
        ArenaFailure.indexOutOfRange(index, count: _count, in: "ArenaExistentialArray")
      }
      let entry = entries[index]
      return _overrideLifetime(ArenaExistential(address: entry.address, metatype: entry.metatype), copying: self)
    }
  }
}
