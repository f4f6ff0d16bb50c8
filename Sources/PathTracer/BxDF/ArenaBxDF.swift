import LightArena

/// A BxDF kept in a pixel's arena and called through the ``BxDF`` protocol.
///
/// It is the arena's answer to `any BxDF`: two words (the value's address and
/// its metatype `any BxDF.Type`) instead of a 40-byte existential whose larger
/// values (anything with a `Color` field) would be boxed on the heap.
public typealias ArenaBxDF = ArenaExistential<any BxDF.Type>

// Each call goes to the static requirement of the stored type, through the
// metatype's witness table, with the value's address: the witness is
// specialized for the concrete type and reads the value in place (see the
// end of `BxDF`). Opening the metatype with a local generic function instead
// ran generic code that copied the BxDF through its type metadata.
extension ArenaExistential where Metatype == any BxDF.Type {
  @inlinable
  public var flags: BxDFFlags {
    metatype.flags(ofValueAt: unsafeAddress)
  }

  @inlinable
  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    metatype.evaluate(valueAt: unsafeAddress, wo: wo, wi: wi)
  }

  @inlinable
  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    metatype.sample(valueAt: unsafeAddress, wo: wo, uc: uc, u: u)
  }

  @inlinable
  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    metatype.pdf(valueAt: unsafeAddress, wo: wo, wi: wi)
  }
}
