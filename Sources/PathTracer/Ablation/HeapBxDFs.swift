import LightArena

/// A BSDF's BxDFs as idiomatic Swift would keep them without an arena: an
/// `[any BxDF]`, so every BxDF larger than an existential's inline buffer
/// (anything with a `Color`) is boxed on the heap, and the array and the
/// boxes are freed by reference counting when the BSDF goes.
///
/// Used only by the allocation ablation (``ScratchMemory/heap``), to measure
/// what ``ArenaBxDFs`` saves; the renderer never chooses it otherwise.
/// Cost per BSDF: a `malloc` for the array and one per boxed BxDF.
public struct HeapBxDFs: BxDFStorage {
  var bxdfs: [any BxDF] = []

  /// Ignores `alloc`: everything goes on the heap.
  public init(capacity: Int, alloc: ArenaAllocator) {
    bxdfs.reserveCapacity(capacity)
  }

  public var count: Int { bxdfs.count }

  public mutating func append<B: BxDF>(_ bxdf: B) { bxdfs.append(bxdf) }

  public func flags(ofComponent index: Int) -> BxDFFlags { bxdfs[index].flags }

  public func evaluate(component index: Int, wo: Vector3, wi: Vector3) -> Color {
    bxdfs[index].evaluate(wo: wo, wi: wi)
  }

  public func sample(component index: Int, wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    bxdfs[index].sample(wo: wo, uc: uc, u: u)
  }

  public func pdf(component index: Int, wo: Vector3, wi: Vector3) -> Float {
    bxdfs[index].pdf(wo: wo, wi: wi)
  }
}
