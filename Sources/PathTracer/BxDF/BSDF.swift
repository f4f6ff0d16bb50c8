import LightArena

/// The scattering function at one surface point: a shading frame plus the
/// BxDFs that make up the material there.
///
/// Directions passed in and out are in world space and point away from the
/// surface. Internally they are expressed in the shading frame, where the
/// BxDFs work (normal = +Z). A pair (wo, wi) is a reflection when both lie on
/// the same side of a surface and a transmission otherwise; the BSDF answers
/// only when the *geometric* surface and the shading frame agree which it is.
/// Every BxDF already answers only for the side of the shading normal its
/// lobes are for; the geometric check keeps interpolated shading normals from
/// leaking light through surfaces, as pbrt's reflection-or-transmission test does.
///
/// The BxDFs are kept in `Components`. The renderer's is ``ArenaBxDFs``: each
/// BxDF a concrete value in the camera sample's arena scope, called through the
/// ``BxDF`` protocol with no heap box. The only other is ``HeapBxDFs``, the
/// `[any BxDF]` of the allocation ablation (`tracer --scratch-memory heap`).
/// Being generic, the arena version carries nothing of the ablation: no array
/// field, no branch on where its BxDFs are.
///
/// Cost: a material builds a BSDF with a few pointer bumps; nothing here
/// touches the heap or a reference count.
public struct BSDF<Components: BxDFStorage & ~Copyable & ~Escapable>: ~Copyable, ~Escapable {
  public let frame: ShadingFrame
  public let geometricNormal: Normal3
  /// The BxDFs. Only ``add(_:)`` appends to them, so that ``flags`` stays their union.
  public private(set) var components: Components
  /// The union of the components' flags, gathered by ``add(_:)`` where each
  /// BxDF's type is known, so that asking whether the BSDF has a lobe costs
  /// no call through the protocol (for one component, this is its flags).
  public private(set) var flags = BxDFFlags()

  /// An empty BSDF with room for `capacity` BxDFs, allocated in `alloc`'s scope.
  @_lifetime(copy alloc)
  public init(frame: ShadingFrame, geometricNormal: Normal3, capacity: Int, alloc: ArenaAllocator) {
    self.frame = frame
    self.geometricNormal = geometricNormal
    components = Components(capacity: capacity, alloc: alloc)
  }

  /// Adds a BxDF, copied into the components' storage.
  public mutating func add<B: BxDF>(_ bxdf: B) {
    components.append(bxdf)
    flags.formUnion(bxdf.flags)
  }

  /// The number of BxDFs.
  public var count: Int { components.count }

  /// True when every component is a delta distribution (a mirror or clear glass).
  public var isSpecular: Bool {
    // A component has a diffuse or glossy lobe exactly when the union does.
    !flags.hasNonSpecularLobe
  }

  /// Whether component `index` has all of `lobes`: read from ``flags`` when
  /// there is one component, else asked of the component.
  func component(_ index: Int, has lobes: BxDFFlags) -> Bool {
    components.count == 1 ? flags.contains(lobes) : components.flags(ofComponent: index).contains(lobes)
  }

  /// The pair (`wo`, `wi`), in world space, with both also taken into the
  /// shading frame, for ``evaluate(_:)`` and ``pdf(_:)``. Cost: two 3×3 products.
  public func directions(wo: Vector3, wi: Vector3) -> BSDFDirections {
    BSDFDirections(wo: wo, wi: wi, woLocal: frame.toLocal(wo), wiLocal: frame.toLocal(wi))
  }

  /// The BSDF value f(wo, wi) summed over the components that apply.
  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    evaluate(directions(wo: wo, wi: wi))
  }

  /// ``evaluate(wo:wi:)`` for directions already in the shading frame.
  public func evaluate(_ directions: BSDFDirections) -> Color {
    let wo = directions.woLocal, wi = directions.wiLocal
    guard wo.z != 0, let lobe = lobe(directions.wo, directions.wi, local: wo, wi) else { return .black }
    var f = Color.black
    for i in 0..<components.count where component(i, has: lobe) {
      f += components.evaluate(component: i, wo: wo, wi: wi)
    }
    return f
  }

  /// The solid-angle density with which ``sample(wo:componentSample:u:)`` picks `wi`.
  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    guard components.count > 0 else { return 0 }
    return pdf(directions(wo: wo, wi: wi))
  }

  /// ``pdf(wo:wi:)`` for directions already in the shading frame.
  public func pdf(_ directions: BSDFDirections) -> Float {
    let count = components.count
    guard count > 0 else { return 0 }
    let wo = directions.woLocal, wi = directions.wiLocal
    guard wo.z != 0 else { return 0 }
    var pdf: Float = 0
    for i in 0..<count { pdf += components.pdf(component: i, wo: wo, wi: wi) }
    return pdf / Float(count)
  }

  /// Samples an incident direction: picks one component uniformly with
  /// `componentSample`, samples it with `u` (and what is left of
  /// `componentSample`, for a component with several lobes to choose from).
  ///
  /// A specular pick keeps its own value, divided by the number of components
  /// it was chosen among. For any other pick the result is the value and the
  /// pdf of the *whole* BSDF for the sampled direction, as ``evaluate(wo:wi:)``
  /// and ``pdf(wo:wi:)`` give them: one-sample multiple importance sampling
  /// over the components needs that, and so does a single component, whose
  /// sampled direction may lie on the other side of the geometric surface than
  /// its shading normal says, where `evaluate` rightly answers black.
  public func sample(wo woWorld: Vector3, componentSample: Float, u: Point2) -> BSDFSample? {
    let count = components.count
    guard count > 0 else { return nil }
    let wo = frame.toLocal(woWorld)
    guard wo.z != 0 else { return nil }
    // The part of the sample below the chosen component's slot, stretched
    // back to [0, 1). With one component, the usual case, both are known
    // without the float-to-integer conversion and its checks: the same
    // values, as `x * 1 - 0` is `x`.
    let chosen = count == 1 ? 0 : min(Int(componentSample * Float(count)), count - 1)
    let remapped = count == 1 ? min(componentSample, Float(1).nextDown)
      : min(componentSample * Float(count) - Float(chosen), Float(1).nextDown)
    guard var sample = components.sample(component: chosen, wo: wo, uc: remapped, u: u),
          sample.pdf > 0 else { return nil }
    let wiWorld = frame.toWorld(sample.wi)
    if sample.flags.isSpecular {
      // A delta lobe: no other component can produce exactly this direction.
      sample.pdf /= Float(count)
    } else if count == 1 {
      // What `evaluate` and `pdf` would say, without calling them: a BxDF's
      // sample carries its own f and pdf for wi, so only the check that
      // `evaluate` adds can change f.
      let answers = lobe(woWorld, wiWorld, local: wo, sample.wi).map { flags.contains($0) }
      if answers != true { sample.f = .black }
    } else {
      sample.f = evaluate(wo: woWorld, wi: wiWorld)
      sample.pdf = pdf(wo: woWorld, wi: wiWorld)
    }
    return BSDFSample(f: sample.f, wi: wiWorld, pdf: sample.pdf, flags: sample.flags)
  }

  /// `.reflection` when `wi` leaves on the same side of the surface as `wo`,
  /// `.transmission` when it leaves on the other; `nil` when the geometric
  /// surface (world-space `wo`, `wi`) and the shading frame (`local` ones) disagree.
  func lobe(_ wo: Vector3, _ wi: Vector3, local woLocal: Vector3, _ wiLocal: Vector3) -> BxDFFlags? {
    let reflects = dot(wo, geometricNormal) * dot(wi, geometricNormal) > 0
    guard reflects == (woLocal.z * wiLocal.z > 0) else { return nil }
    return reflects ? .reflection : .transmission
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
