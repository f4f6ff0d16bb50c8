import LightArena

/// A BxDF kept in a pixel's arena and called through the ``BxDF`` protocol.
///
/// It is the arena's answer to `any BxDF`: two words (the value's address and
/// its metatype `any BxDF.Type`) instead of a 40-byte existential whose larger
/// values (anything with a `Color` field) would be boxed on the heap.
public typealias ArenaBxDF = ArenaExistential<any BxDF.Type>

// Each requirement opens the metatype with a local generic function: the
// compiler binds `B` to the stored concrete type and the call goes through
// `B`'s witness table, with the value read straight from the arena.
// `unsafeLoad(as:)` rather than the checked `load(as:)`: `B` is the opened
// metatype, the stored type by construction, and the check (done anyway in
// debug builds) cost 0.8% of a render's instructions under callgrind.
extension ArenaExistential where Metatype == any BxDF.Type {
  @inlinable
  public var flags: BxDFFlags {
    func open<B: BxDF>(_: B.Type) -> BxDFFlags {
      unsafeLoad(as: B.self).flags
    }
    return open(metatype)
  }

  @inlinable
  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    func open<B: BxDF>(_: B.Type) -> Color {
      unsafeLoad(as: B.self).evaluate(wo: wo, wi: wi)
    }
    return open(metatype)
  }

  @inlinable
  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    func open<B: BxDF>(_: B.Type) -> BxDFSample? {
      unsafeLoad(as: B.self).sample(wo: wo, uc: uc, u: u)
    }
    return open(metatype)
  }

  @inlinable
  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    func open<B: BxDF>(_: B.Type) -> Float {
      unsafeLoad(as: B.self).pdf(wo: wo, wi: wi)
    }
    return open(metatype)
  }
}
