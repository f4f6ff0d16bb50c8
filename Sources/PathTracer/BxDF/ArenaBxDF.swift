import LightArena

/// A BxDF kept in a pixel's arena and called through the ``BxDF`` protocol.
///
/// It is the arena's answer to `any BxDF`: two words (the value's address and
/// its metatype `any BxDF.Type`) instead of a 40-byte existential whose larger
/// values (anything with a `Color` field) would be boxed on the heap.
public typealias ArenaBxDF = ArenaExistential<any BxDF.Type>

// Each requirement opens the metatype with a local generic function: the
// compiler binds `B` to the stored concrete type and the call goes through
// `B`'s witness table, with the value used where it lies in the arena.
// `unsafeWithPointer(as:_:)` rather than `load(as:)`: a load of a value of the
// opened type, whose size is known only at run time, is a `memcpy` onto the
// stack before every call (2% of a render's instructions under callgrind),
// and `B` is the stored type by construction, so the check `load(as:)` makes
// in every build (done anyway in debug builds) is not needed either.
extension ArenaExistential where Metatype == any BxDF.Type {
  @inlinable
  public var flags: BxDFFlags {
    func open<B: BxDF>(_: B.Type) -> BxDFFlags {
      unsafeWithPointer(as: B.self) { $0.pointee.flags }
    }
    return open(metatype)
  }

  @inlinable
  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    func open<B: BxDF>(_: B.Type) -> Color {
      unsafeWithPointer(as: B.self) { $0.pointee.evaluate(wo: wo, wi: wi) }
    }
    return open(metatype)
  }

  @inlinable
  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    func open<B: BxDF>(_: B.Type) -> BxDFSample? {
      unsafeWithPointer(as: B.self) { $0.pointee.sample(wo: wo, uc: uc, u: u) }
    }
    return open(metatype)
  }

  @inlinable
  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    func open<B: BxDF>(_: B.Type) -> Float {
      unsafeWithPointer(as: B.self) { $0.pointee.pdf(wo: wo, wi: wi) }
    }
    return open(metatype)
  }
}
