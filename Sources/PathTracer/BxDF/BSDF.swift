import LightArena

/// The scattering function at one surface point: a shading frame plus the
/// BxDFs that make up the material there, all of it in the current sample's arena scope.
///
/// Directions passed in and out are in world space and point away from the
/// surface. Internally they are expressed in the shading frame, where the
/// BxDFs work (normal = +Z). As in pbrt, reflection components answer only
/// when `wo` and `wi` lie on the same side of the *geometric* surface and
/// transmission components only when they lie on opposite sides, which keeps
/// interpolated shading normals from leaking light through surfaces.
///
/// Cost: a material builds a BSDF with a few pointer bumps; nothing here
/// touches the heap. (Dropping a BSDF calls `swift_release` on its two
/// ablation arrays, which in arena mode are the immortal empty-array
/// singleton: a call, but no count changes.)
public struct BSDF: ~Escapable {
  public let frame: ShadingFrame
  public let geometricNormal: Normal3
  /// The BxDFs, each a concrete value in the arena.
  public var components: ArenaExistentialArray<any BxDF.Type>
  /// Used only by the allocation ablation (``ScratchMemory/heap``): the same
  /// BxDFs as boxed existentials in a Swift array. Empty otherwise.
  var heapComponents: [any BxDF] = []
  /// Used only by the allocation ablation: the boxes of the ``share(_:)``d values.
  var heapSharedValues: [AnyObject] = []
  let memory: ScratchMemory
  /// The camera sample's arena scope, where ``share(_:)`` puts shared values.
  let alloc: ArenaAllocator

  /// An empty BSDF with room for `capacity` BxDFs, allocated in `alloc`'s scope
  /// (or, with `memory: .heap`, in a Swift array).
  @_lifetime(copy alloc)
  public init(frame: ShadingFrame, geometricNormal: Normal3, capacity: Int, alloc: ArenaAllocator,
              memory: ScratchMemory = .arena) {
    self.frame = frame
    self.geometricNormal = geometricNormal
    self.memory = memory
    self.alloc = alloc
    switch memory {
    case .arena:
      components = alloc.makeExistentialArray(capacity: capacity, of: (any BxDF.Type).self)
    case .heap:
      components = alloc.makeExistentialArray(capacity: 0, of: (any BxDF.Type).self)
      heapComponents.reserveCapacity(capacity)
    }
  }

  /// Adds a BxDF, copied into the arena.
  public mutating func add<B: BxDF>(_ bxdf: B) {
    switch memory {
    case .arena: components.append(bxdf, as: B.self)
    case .heap: heapComponents.append(bxdf)
    }
  }

  /// Stores `value` once for several of this BSDF's BxDFs to refer to, and
  /// returns the reference to give them; see ``Shared`` for why the reference
  /// cannot outlive the BSDF.
  ///
  /// ```swift
  /// let fresnel = bsdf.share(FresnelDielectric(etaI: 1, etaT: 1.5))
  /// let distribution = bsdf.share(BeckmannDistribution(alpha: 0.1))
  /// bsdf.add(TorranceSparrow(reflectance: .white, distribution: distribution, fresnel: fresnel))
  /// bsdf.add(MicrofacetTransmission(transmittance: .white, distribution: distribution, fresnel: fresnel))
  /// ```
  ///
  /// Cost: a pointer bump and a copy in the arena (in the allocation ablation,
  /// two `malloc`s and a reference-counted box).
  public mutating func share<Value: BitwiseCopyable>(_ value: Value) -> Shared<Value> {
    switch memory {
    case .arena:
      // The same scope as the BxDFs that will point here: they die together.
      let bytes = alloc.allocateBytes(byteCount: MemoryLayout<Value>.size, alignment: MemoryLayout<Value>.alignment)
      let pointer = bytes.baseAddress.bindMemory(to: Value.self, capacity: 1)
      pointer.initialize(to: value)
      return Shared(pointer)
    case .heap:
      let box = HeapSharedValue(value)
      heapSharedValues.append(box)
      return Shared(box.pointer)
    }
  }

  /// The number of BxDFs.
  public var count: Int { components.count + heapComponents.count }

  /// True when every component is a delta distribution (a mirror or clear glass).
  public var isSpecular: Bool {
    for i in components.indices where components[i].flags.hasNonSpecularLobe { return false }
    for bxdf in heapComponents where bxdf.flags.hasNonSpecularLobe { return false }
    return true
  }

  /// The BSDF value f(wo, wi) summed over the components that apply.
  public func evaluate(wo woWorld: Vector3, wi wiWorld: Vector3) -> Color {
    let wo = frame.toLocal(woWorld), wi = frame.toLocal(wiWorld)
    guard wo.z != 0 else { return .black }
    let lobe: BxDFFlags = reflects(woWorld, wiWorld) ? .reflection : .transmission
    var f = Color.black
    for i in components.indices {
      let bxdf = components[i]
      if bxdf.flags.contains(lobe) { f += bxdf.evaluate(wo: wo, wi: wi) }
    }
    for bxdf in heapComponents where bxdf.flags.contains(lobe) { f += bxdf.evaluate(wo: wo, wi: wi) }
    return f
  }

  /// The solid-angle density with which ``sample(wo:componentSample:u:)`` picks `wi`.
  public func pdf(wo woWorld: Vector3, wi wiWorld: Vector3) -> Float {
    guard count > 0 else { return 0 }
    let wo = frame.toLocal(woWorld), wi = frame.toLocal(wiWorld)
    guard wo.z != 0 else { return 0 }
    var pdf: Float = 0
    for i in components.indices { pdf += components[i].pdf(wo: wo, wi: wi) }
    for bxdf in heapComponents { pdf += bxdf.pdf(wo: wo, wi: wi) }
    return pdf / Float(count)
  }

  /// Samples an incident direction: picks one component uniformly with
  /// `componentSample`, samples it with `u`, then (for non-specular picks)
  /// returns the value and the pdf of the whole BSDF for that direction, as
  /// one-sample multiple importance sampling over the components requires.
  public func sample(wo woWorld: Vector3, componentSample: Float, u: Point2) -> BSDFSample? {
    let count = count
    guard count > 0 else { return nil }
    let wo = frame.toLocal(woWorld)
    guard wo.z != 0 else { return nil }
    let chosen = min(Int(componentSample * Float(count)), count - 1)
    let sampled = chosen < components.count
      ? components[chosen].sample(wo: wo, u: u)
      : heapComponents[chosen - components.count].sample(wo: wo, u: u)
    guard var sample = sampled, sample.pdf > 0 else { return nil }
    let wiWorld = frame.toWorld(sample.wi)
    if sample.flags.isSpecular {
      // A delta lobe: no other component can produce exactly this direction.
      sample.pdf /= Float(count)
    } else if count > 1 {
      sample.f = evaluate(wo: woWorld, wi: wiWorld)
      sample.pdf = pdf(wo: woWorld, wi: wiWorld)
    }
    return BSDFSample(f: sample.f, wi: wiWorld, pdf: sample.pdf, flags: sample.flags)
  }

  /// Whether `wi` leaves on the same side of the geometric surface as `wo`.
  func reflects(_ wo: Vector3, _ wi: Vector3) -> Bool {
    dot(wo, geometricNormal) * dot(wi, geometricNormal) > 0
  }
}

/// A direction chosen by ``BSDF/sample(wo:componentSample:u:)``, in world space.
public struct BSDFSample: Sendable, BitwiseCopyable {
  /// The BSDF value for the pair (not including the cosine).
  public var f: Color
  public var wi: Vector3
  /// Solid-angle density of having chosen `wi`.
  public var pdf: Float
  /// The lobe that was sampled.
  public var flags: BxDFFlags
}
