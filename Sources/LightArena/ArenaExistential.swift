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
///
/// Debug builds check, when a value is allocated, that the metatype given
/// names the value's type; release builds trust the caller.
@frozen
public struct ArenaExistential<Metatype: BitwiseCopyable>: ~Escapable {
  /// The address of the value.
  @usableFromInline
  let address: UnsafeRawPointer
  /// The value's concrete type, as an existential metatype such as `any Shape.Type`.
  public let metatype: Metatype

  @inlinable
  @_lifetime(immortal)
  init(address: UnsafeRawPointer, metatype: Metatype) {
    self.address = address
    self.metatype = metatype
  }

  /// Returns a copy of the value as its concrete type `type`, which must be the
  /// type the value was allocated with (the type that ``metatype`` holds).
  ///
  /// Call it from a generic function that opens ``metatype``, as shown above:
  /// the opened type is then the right one by construction. The type is not
  /// checked here (a check would cost a dynamic cast per call, even in debug
  /// builds that should stay usable); it was checked, in debug builds, when
  /// the value was allocated. Cost: a load.
  @inlinable @inline(__always)
  public func load<Value>(as type: Value.Type) -> Value {
    address.assumingMemoryBound(to: Value.self).pointee
  }

  /// Calls `body` with a pointer to the value as its concrete type `type`,
  /// without copying it. As with ``load(as:)``, `type` must be the type the
  /// value was allocated with, which opening ``metatype`` guarantees.
  @inlinable @inline(__always)
  public func withUnsafePointer<Value, Result: ~Copyable, Failure: Error>(
    as type: Value.Type, _ body: (UnsafePointer<Value>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(address.assumingMemoryBound(to: Value.self))
  }

  /// Whether the erased metatype `metatype` stands for `type`. Used in debug checks
  /// when a value is allocated.
  ///
  /// An existential metatype (`any P.Type`) starts with the pointer to the
  /// type's metadata, which is what `type` is: comparing the two words avoids
  /// a dynamic cast, so that the check stays cheap enough for debug builds.
  @usableFromInline
  static func isSameType(_ metatype: Metatype, _ type: Any.Type) -> Bool {
    guard MemoryLayout<Metatype>.size >= MemoryLayout<UnsafeRawPointer>.size else { return true }
    let metadata = Swift.withUnsafeBytes(of: metatype) { $0.load(as: UnsafeRawPointer.self) }
    return metadata == unsafeBitCast(type, to: UnsafeRawPointer.self)
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
