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
///   shapes.append(Circle(radius: 1), as: Circle.self)
///   shapes.append(Square(side: 2), as: Square.self)
///   var total: Float = 0
///   for i in shapes.indices { total += shapes[i].area() }
/// }
/// ```
///
/// Values must be appended in the scope the array was made in (checked).
@frozen
public struct ArenaExistentialArray<Metatype: BitwiseCopyable>: ~Escapable {
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
  ///   - metatype: `Value.self`; it converts implicitly to `Metatype`. Debug
  ///     builds check that it names `Value`.
  /// Cost: a pointer bump and a copy. The array must not be full.
  // Always inlined: left to the optimizer, the allocation closure inside stayed an
  // out-of-line call per append (Benchmarks/README.md, "Library changes").
  @inlinable @inline(__always)
  public mutating func append<Value: BitwiseCopyable>(_ value: Value, as metatype: Metatype) {
    precondition(count < capacity, "ArenaExistentialArray is full (capacity \(capacity))")
    assert(ArenaExistential.isSameType(metatype, Value.self),
           "ArenaExistentialArray.append(_:as:): the metatype \(metatype) does not name \(Value.self)")
    let pointer = allocator.trapping { () throws(ArenaError) in
      try allocator.allocateUninitialized(Value.self, count: 1)
    }
    pointer.initialize(to: value)
    (entries + count).initialize(to: Entry(address: pointer, metatype: metatype))
    _count += 1
  }

  /// The element at `index`, which must be in `0..<count`.
  @inlinable @inline(__always)
  public subscript(index: Int) -> ArenaExistential<Metatype> {
    @_lifetime(copy self)
    get {
      precondition(index >= 0 && index < count, "ArenaExistentialArray index \(index) out of range 0..<\(count)")
      let entry = entries[index]
      return _overrideLifetime(ArenaExistential(address: entry.address, metatype: entry.metatype), copying: self)
    }
  }
}
