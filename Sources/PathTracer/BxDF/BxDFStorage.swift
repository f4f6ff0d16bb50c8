import LightArena

/// Where a ``BSDF`` keeps its BxDFs, and how it calls them.
///
/// The renderer has one answer, ``ArenaBxDFs``: the BxDFs are concrete values
/// in the camera sample's arena scope. The allocation ablation has the other,
/// ``HeapBxDFs``. Components are numbered in the order they were appended;
/// every call takes directions in the local shading frame.
public protocol BxDFStorage: ~Copyable, ~Escapable {
  /// Empty storage for up to `capacity` BxDFs, in `alloc`'s scope.
  @_lifetime(copy alloc)
  init(capacity: Int, alloc: ArenaAllocator)

  /// The number of BxDFs.
  var count: Int { get }

  /// Adds `bxdf` as the last component.
  mutating func append<B: BxDF>(_ bxdf: B)

  /// The component's ``BxDF/flags``.
  func flags(ofComponent index: Int) -> BxDFFlags
  /// The component's ``BxDF/evaluate(wo:wi:)``.
  func evaluate(component index: Int, wo: Vector3, wi: Vector3) -> Color
  /// The component's ``BxDF/sample(wo:uc:u:)``.
  func sample(component index: Int, wo: Vector3, uc: Float, u: Point2) -> BxDFSample?
  /// The component's ``BxDF/pdf(wo:wi:)``.
  func pdf(component index: Int, wo: Vector3, wi: Vector3) -> Float
}

/// A BSDF's BxDFs in the arena: each one a concrete value copied next to the
/// others, found through its address and metatype (see ``ArenaBxDF``).
public typealias ArenaBxDFs = ArenaExistentialArray<any BxDF.Type>

extension ArenaExistentialArray: BxDFStorage where Metatype == any BxDF.Type {
  /// Cost: one pointer bump for the table of `capacity` entries.
  @inlinable
  @_lifetime(copy alloc)
  public init(capacity: Int, alloc: ArenaAllocator) {
    self = alloc.makeExistentialArray(capacity: capacity, of: (any BxDF.Type).self)
  }

  /// Cost: a pointer bump and a copy of the value.
  @inlinable
  public mutating func append<B: BxDF>(_ bxdf: B) {
    append(bxdf) { $0 }
  }

  @inlinable
  public func flags(ofComponent index: Int) -> BxDFFlags { self[index].flags }

  @inlinable
  public func evaluate(component index: Int, wo: Vector3, wi: Vector3) -> Color {
    self[index].evaluate(wo: wo, wi: wi)
  }

  @inlinable
  public func sample(component index: Int, wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    self[index].sample(wo: wo, uc: uc, u: u)
  }

  @inlinable
  public func pdf(component index: Int, wo: Vector3, wi: Vector3) -> Float {
    self[index].pdf(wo: wo, wi: wi)
  }
}
