/// A helper value that several BxDFs of one BSDF use together: a Fresnel
/// term or a microfacet distribution, stored once and referred to by address.
///
/// Rough glass is the example: its reflection (``TorranceSparrow``) and its
/// transmission (``MicrofacetTransmission``) must agree on one Fresnel term
/// and one distribution. tray_rust puts both in the frame's arena and hands
/// each BxDF a borrowed reference (`&'a Dielectric`, `&'a MicrofacetDistribution`).
/// This is the Swift version of that reference: ``BSDF/share(_:)`` copies the
/// value into the camera sample's arena scope and returns a `Shared` pointing
/// at it, which the BxDFs store in place of the value itself.
///
/// `Shared<D>` conforms to ``MicrofacetDistribution`` when `D` does, and to
/// ``FresnelTerm`` / ``DielectricFresnelTerm`` when `D` does, so a BxDF generic
/// over its distribution and Fresnel term takes either a value or a `Shared`
/// one: `TorranceSparrow<Shared<BeckmannDistribution>, Shared<FresnelDielectric>>`.
///
/// ## Why a raw pointer is safe here
/// A BxDF has to be `BitwiseCopyable` to be copied into the arena, so it cannot
/// hold an `ArenaRef` (which is `~Escapable`) or a class reference. It holds an
/// `UnsafePointer` instead, and nothing checks its lifetime. It is safe by
/// construction: ``BSDF/share(_:)`` is the only way to make a `Shared`, and it
/// allocates the value in the very scope the BSDF and its BxDFs live in (the
/// camera sample's nested scope). The BSDF is `~Escapable`, so the compiler
/// already keeps it, and every BxDF it holds, inside that scope; the shared
/// value dies together with them, never before. (Debug builds of the arena
/// poison released memory, so a `Shared` read after its scope would see NaNs.)
///
/// The value is never written after it is shared. `Shared` is `Sendable` only
/// because ``BxDF`` requires it: a BSDF never leaves the thread that builds it.
///
/// Cost: 8 bytes; each use is one load through the pointer.
public struct Shared<Value: BitwiseCopyable>: BitwiseCopyable, @unchecked Sendable {
  /// Where the value lives: the sample's arena scope (or, in the allocation
  /// ablation, a heap box the BSDF keeps alive).
  @usableFromInline
  let pointer: UnsafePointer<Value>

  /// Refers to the value at `pointer`, which must stay valid as long as this
  /// `Shared` is used. Only ``BSDF/share(_:)`` and tests call this.
  @inlinable
  init(_ pointer: UnsafePointer<Value>) {
    self.pointer = pointer
  }

  /// The shared value (a copy of it).
  @inlinable
  public var value: Value { pointer.pointee }
}

extension Shared: MicrofacetDistribution where Value: MicrofacetDistribution {
  @inlinable public func D(_ wh: Vector3) -> Float { pointer.pointee.D(wh) }
  @inlinable public func lambda(_ w: Vector3) -> Float { pointer.pointee.lambda(w) }
  @inlinable public func sampleWh(wo: Vector3, u: Point2) -> Vector3 { pointer.pointee.sampleWh(wo: wo, u: u) }
  @inlinable public func pdf(wo: Vector3, wh: Vector3) -> Float { pointer.pointee.pdf(wo: wo, wh: wh) }
}

extension Shared: FresnelTerm where Value: FresnelTerm {
  @inlinable public func evaluate(cosThetaI: Float) -> Color { pointer.pointee.evaluate(cosThetaI: cosThetaI) }
}

extension Shared: DielectricFresnelTerm where Value: DielectricFresnelTerm {
  @inlinable public var etaI: Float { pointer.pointee.etaI }
  @inlinable public var etaT: Float { pointer.pointee.etaT }
  @inlinable public func reflectance(cosThetaI: Float) -> Float { pointer.pointee.reflectance(cosThetaI: cosThetaI) }
}

/// One shared value on the heap, for the allocation ablation
/// (``ScratchMemory/heap``): the BSDF keeps the box alive as long as it lives,
/// and the box frees the value when the last reference goes.
final class HeapSharedValue<Value: BitwiseCopyable> {
  let pointer: UnsafeMutablePointer<Value>

  init(_ value: Value) {
    pointer = .allocate(capacity: 1)
    pointer.initialize(to: value)
  }

  deinit {
    pointer.deallocate()
  }
}
