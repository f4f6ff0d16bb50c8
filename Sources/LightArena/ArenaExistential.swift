/// A value of some concrete type, kept in a ``MemoryArena`` and used through a
/// protocol, without the heap box of an `any Protocol` value.
///
/// An `any P` holds at most 24 bytes inline; a larger value, or any value with
/// a `SIMD3` field, is boxed on the heap, and creating it costs a `malloc`.
/// `ArenaExistential` instead keeps the concrete value in the arena and
/// remembers its address and its *existential metatype* (`any P.Type`: the
/// type plus its conformance to `P`). This is Swift's version of a Rust `&dyn Trait`.
///
/// `Metatype` is the existential metatype of your protocol, such as
/// `any Shape.Type`. You allocate with a closure that converts the value's
/// type to it, so the compiler checks that the type conforms; to call the
/// protocol's requirements, open the metatype with a generic function, which
/// the compiler does implicitly:
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
///   let shape = alloc.allocate(Circle(radius: 2)) { $0 as any Shape.Type }
///   print(shape.area())
/// }
/// ```
///
/// A call through the protocol is a call through a witness table: a dynamic
/// dispatch, but no allocation and no reference counting.
///
/// ## What is checked
/// - When a value is allocated, the compiler checks the conversion of its type
///   to `Metatype`, and the arena checks (in every build) that the converted
///   metatype names the value's type, so a closure that returns another type's
///   metatype stops the program. The check compares two words and folds away
///   when the type is known at compile time.
/// - ``load(as:)`` and ``withUnsafePointer(as:_:)`` check, in every build, that
///   the type asked for is the value's type (one comparison of two words).
/// - ``unsafeLoad(as:)`` checks only when the calling code is compiled without
///   optimization (a debug build of *your* code); built with `-O`, it trusts you.
///   Opening ``metatype`` guarantees the right type, so this is sound there.
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

  /// The address of the value, for code that reads it as its concrete type
  /// without a copy: a static protocol requirement called on ``metatype``,
  /// for instance, whose witness for each conforming type is specialized
  /// for that type.
  ///
  /// Unsafe: the pointer is not tied to the scope's lifetime. It is valid
  /// until the scope that allocated the value ends, and must not be used
  /// after; and only the type ``metatype`` holds may read it.
  @inlinable public var unsafeAddress: UnsafeRawPointer { address }

  /// Returns a copy of the value as its concrete type `type`, which must be the
  /// type the value was allocated with (the type that ``metatype`` holds).
  ///
  /// Call it from a generic function that opens ``metatype``, as shown above:
  /// the opened type is then the right one. Any other type stops the program,
  /// in every build. Cost: a comparison of two words and a load.
  @inlinable @inline(__always)
  public func load<Value: BitwiseCopyable>(as type: Value.Type) -> Value {
    if _slowPath(!Self.metatype(metatype, names: type)) {
      ArenaFailure.wrongType(metatype, type, in: "ArenaExistential.load(as:)")
    }
    return address.assumingMemoryBound(to: Value.self).pointee
  }

  /// Returns a copy of the value as `type`, without checking, in optimized
  /// builds, that `type` is the value's type.
  ///
  /// Unsafe: with any other type than the one ``metatype`` holds, it reads
  /// memory as the wrong type. When the calling code is compiled without
  /// optimization (`-Onone`, SwiftPM's debug configuration), the type is
  /// checked as in ``load(as:)``. Cost: a load.
  @inlinable @inline(__always)
  public func unsafeLoad<Value: BitwiseCopyable>(as type: Value.Type) -> Value {
    // `_isDebugAssertConfiguration()` is decided where this body is inlined: in the caller's build.
    if _isDebugAssertConfiguration() && !Self.metatype(metatype, names: type) {
      ArenaFailure.wrongType(metatype, type, in: "ArenaExistential.unsafeLoad(as:)")
    }
    return address.assumingMemoryBound(to: Value.self).pointee
  }

  /// Calls `body` with a pointer to the value as its concrete type `type`,
  /// without copying it. As with ``load(as:)``, `type` must be the type the
  /// value was allocated with, which is checked in every build. The pointer
  /// must not be used after `body` returns.
  @inlinable @inline(__always)
  public func withUnsafePointer<Value: BitwiseCopyable, Result: ~Copyable, Failure: Error>(
    as type: Value.Type, _ body: (UnsafePointer<Value>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    if _slowPath(!Self.metatype(metatype, names: type)) {
      ArenaFailure.wrongType(metatype, type, in: "ArenaExistential.withUnsafePointer(as:_:)")
    }
    return try body(address.assumingMemoryBound(to: Value.self))
  }

  /// Whether `metatype` stands for exactly `type`.
  ///
  /// A metatype stored as a value starts with the pointer to the type's
  /// metadata, which is what `type` is: a concrete metatype (`Circle.Type`) is
  /// that pointer, an existential one (`any P.Type`, `any (P & Q).Type`,
  /// `Any.Type`) that pointer followed by witness tables. Comparing the first
  /// word therefore avoids a dynamic cast. A `Metatype` narrower than a
  /// pointer (`Void`, `UInt8`, ...) cannot be a metatype at all.
  @inlinable @inline(__always)
  static func metatype(_ metatype: Metatype, names type: Any.Type) -> Bool {
    guard MemoryLayout<Metatype>.size >= MemoryLayout<UnsafeRawPointer>.size else { return false }
    let metadata = Swift.withUnsafeBytes(of: metatype) { $0.loadUnaligned(as: UnsafeRawPointer.self) }
    return metadata == unsafeBitCast(type, to: UnsafeRawPointer.self)
  }
}

extension ArenaAllocator {
  /// Copies `value` into the arena and returns it as a protocol value.
  ///
  /// ```swift
  /// let shape = alloc.allocate(Circle(radius: 1)) { $0 as any Shape.Type }
  /// ```
  ///
  /// - Parameters:
  ///   - value: The concrete value.
  ///   - convert: Converts the value's type to the existential metatype of
  ///     the protocol to call it through, normally `{ $0 as any Shape.Type }`
  ///     (or `{ $0 }` where the type is known). The compiler checks that the
  ///     value's type conforms; the arena checks, in every build, that the
  ///     result names `Value` (free when the types are known at compile time).
  /// Cost: a pointer bump and a copy of the value; no heap allocation.
  @inlinable
  @_lifetime(copy self)
  public func allocate<Value: BitwiseCopyable, Metatype: BitwiseCopyable>(
    _ value: Value, as convert: (Value.Type) -> Metatype
  ) -> ArenaExistential<Metatype> {
    let metatype = Self.checkedMetatype(convert, for: Value.self)
    let pointer = trapping { () throws(ArenaError) in try allocateUninitialized(Value.self, count: 1) }
    pointer.initialize(to: value)
    return _overrideLifetime(ArenaExistential(address: pointer, metatype: metatype), copying: self)
  }

  /// Like ``allocate(_:as:)``, but throws ``ArenaError`` when the budget or the
  /// system allocator does not allow the allocation.
  @inlinable
  @_lifetime(copy self)
  public func tryAllocate<Value: BitwiseCopyable, Metatype: BitwiseCopyable>(
    _ value: Value, as convert: (Value.Type) -> Metatype
  ) throws(ArenaError) -> ArenaExistential<Metatype> {
    let metatype = Self.checkedMetatype(convert, for: Value.self)
    let pointer = try allocateUninitialized(Value.self, count: 1)
    pointer.initialize(to: value)
    return _overrideLifetime(ArenaExistential(address: pointer, metatype: metatype), copying: self)
  }

  /// `convert(Value.self)`, after checking that it names `Value`.
  @inlinable @inline(__always)
  static func checkedMetatype<Value, Metatype: BitwiseCopyable>(
    _ convert: (Value.Type) -> Metatype, for _: Value.Type
  ) -> Metatype {
    let metatype = convert(Value.self)
    if _slowPath(!ArenaExistential<Metatype>.metatype(metatype, names: Value.self)) {
      ArenaFailure.wrongType(metatype, Value.self, in: "ArenaAllocator.allocate(_:as:)")
    }
    return metatype
  }

  /// Allocates room for up to `capacity` protocol values of possibly different
  /// concrete types, to be added with ``ArenaExistentialArray/append(_:as:)``.
  ///
  /// - Parameters:
  ///   - capacity: The most elements the array can hold.
  ///   - metatype: The existential metatype of the protocol, e.g. `(any Shape.Type).self`.
  /// Cost: a pointer bump for `capacity` two-word entries (three for a
  /// protocol composition). Stops the program if the budget is exceeded; see
  /// ``tryMakeExistentialArray(capacity:of:)``.
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

  /// Like ``makeExistentialArray(capacity:of:)``, but throws ``ArenaError`` when
  /// the size overflows, or the budget or the system allocator does not allow it.
  @inlinable
  @_lifetime(copy self)
  public func tryMakeExistentialArray<Metatype: BitwiseCopyable>(
    capacity: Int, of metatype: Metatype.Type
  ) throws(ArenaError) -> ArenaExistentialArray<Metatype> {
    let entries = try allocateUninitialized(ArenaExistentialArray<Metatype>.Entry.self, count: capacity)
    return _overrideLifetime(
      ArenaExistentialArray(allocator: self, entries: entries, capacity: capacity), copying: self)
  }
}
