/// A value of some concrete type, kept in a ``MemoryArena`` and used through a
/// protocol, without the heap box of an `any Protocol` value.
///
/// An `any P` holds at most 24 bytes inline; a larger value, or any value with
/// a `SIMD3` field, is boxed on the heap, and creating it costs a `malloc`.
/// `ArenaExistential` instead keeps the concrete value in the arena and
/// remembers two words: its address and its *existential metatype*
/// (`any P.Type`, the type plus its conformance to `P`). This is Swift's
/// version of a Rust `&dyn Trait`.
///
/// `Metatype` is the existential metatype of your protocol, such as
/// `any Shape.Type`. To call the protocol's requirements, open the metatype
/// with a generic function, which the compiler does implicitly:
///
/// ```swift
/// protocol Shape: BitwiseCopyable { func area() -> Float }
///
/// extension ArenaExistential where Metatype == any Shape.Type {
///   func area() -> Float {
///     func open<S: Shape>(_: S.Type) -> Float { load(as: S.self).area() }
///     return open(metatype)
///   }
/// }
///
/// arena.withAllocator { alloc in
///   let shape = alloc.allocate(Circle(radius: 2), as: Circle.self as any Shape.Type)
///   print(shape.area())
/// }
/// ```
///
/// A call through the protocol is a call through a witness table: a dynamic
/// dispatch, but no allocation and no reference counting.
@frozen
public struct ArenaExistential<Metatype: BitwiseCopyable>: ~Escapable {
  /// The address of the value.
  @usableFromInline
  let address: UnsafeRawPointer
  /// The value's concrete type, as an existential metatype such as `any Shape.Type`.
  public let metatype: Metatype

  @usableFromInline
  @_lifetime(immortal)
  init(address: UnsafeRawPointer, metatype: Metatype) {
    self.address = address
    self.metatype = metatype
  }

  /// Returns a copy of the value as its concrete type `type`, which must be the
  /// type the value was allocated with (the type that ``metatype`` holds).
  ///
  /// Call it from a generic function that opens ``metatype``, as shown above.
  /// Debug builds check the type; release builds trust it. Cost: a load.
  @inlinable @inline(__always)
  public func load<Value>(as type: Value.Type) -> Value {
    assert(Self.isSameType(metatype, Value.self), "ArenaExistential loaded as \(Value.self), but it holds \(metatype)")
    return address.assumingMemoryBound(to: Value.self).pointee
  }

  /// Calls `body` with a pointer to the value as its concrete type `type`, without copying it.
  @inlinable @inline(__always)
  public func withUnsafePointer<Value, Result: ~Copyable, Failure: Error>(
    as type: Value.Type, _ body: (UnsafePointer<Value>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    assert(Self.isSameType(metatype, Value.self), "ArenaExistential accessed as \(Value.self), but it holds \(metatype)")
    return try body(address.assumingMemoryBound(to: Value.self))
  }

  /// Whether the erased metatype `metatype` stands for `type`. Used in debug checks only.
  @usableFromInline
  static func isSameType(_ metatype: Metatype, _ type: Any.Type) -> Bool {
    guard let erased = metatype as Any as? Any.Type else { return false }
    return ObjectIdentifier(erased) == ObjectIdentifier(type)
  }
}

extension ArenaAllocator {
  /// Copies `value` into the arena and returns it as a protocol value.
  ///
  /// - Parameters:
  ///   - value: The concrete value.
  ///   - metatype: `Value.self`, converted to the existential metatype of the
  ///     protocol to call it through, e.g. `Circle.self as any Shape.Type`.
  ///     Debug builds check that it names `Value`.
  /// Cost: a pointer bump and a copy of the value; no heap allocation.
  @inlinable
  @_lifetime(copy self)
  public func allocate<Value: BitwiseCopyable, Metatype: BitwiseCopyable>(
    _ value: Value, as metatype: Metatype
  ) -> ArenaExistential<Metatype> {
    assert(ArenaExistential.isSameType(metatype, Value.self),
           "ArenaAllocator.allocate(_:as:): the metatype \(metatype) does not name \(Value.self)")
    let pointer = trapping { () throws(ArenaError) in try allocateUninitialized(Value.self, count: 1) }
    pointer.initialize(to: value)
    return _overrideLifetime(ArenaExistential(address: pointer, metatype: metatype), copying: self)
  }

  /// Allocates room for up to `capacity` protocol values of possibly different
  /// concrete types, to be added with ``ArenaExistentialArray/append(_:as:)``.
  ///
  /// - Parameters:
  ///   - capacity: The most elements the array can hold.
  ///   - metatype: The existential metatype of the protocol, e.g. `(any Shape.Type).self`.
  /// Cost: a pointer bump for `capacity` two-word entries.
  @inlinable
  @_lifetime(copy self)
  public func makeExistentialArray<Metatype: BitwiseCopyable>(
    capacity: Int, of metatype: Metatype.Type
  ) -> ArenaExistentialArray<Metatype> {
    let entries = trapping { () throws(ArenaError) in
      try allocateUninitialized(ArenaExistentialArray<Metatype>.Entry.self, count: capacity)
    }
    return _overrideLifetime(
      ArenaExistentialArray(allocator: self, entries: entries, capacity: capacity), copying: self)
  }
}
