/// What kind of scattering a BxDF does, as a bit set: one of `reflection` /
/// `transmission` (which side `wi` ends up on) combined with one of `diffuse` /
/// `glossy` / `specular` (how spread out the lobe is).
///
/// A whole BxDF reports all the kinds it can do; a ``BxDFSample`` reports the
/// one lobe that was sampled, e.g. `[.specular, .reflection]`, so the integrator
/// can tell a mirror bounce from a glass refraction.
public struct BxDFFlags: OptionSet, Sendable, BitwiseCopyable {
  public let rawValue: UInt8
  @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

  // The flags are computed, not stored: a stored `static let` is initialized
  // lazily, and every read in the render loop went through `swift_once`.

  /// `wi` is on the same side of the surface as `wo`.
  @inlinable public static var reflection: BxDFFlags { BxDFFlags(rawValue: 1 << 0) }
  /// `wi` is on the other side of the surface.
  @inlinable public static var transmission: BxDFFlags { BxDFFlags(rawValue: 1 << 1) }
  /// Light is spread over the whole hemisphere (Lambertian, Oren-Nayar).
  @inlinable public static var diffuse: BxDFFlags { BxDFFlags(rawValue: 1 << 2) }
  /// Light is concentrated around a direction (rough microfacets).
  @inlinable public static var glossy: BxDFFlags { BxDFFlags(rawValue: 1 << 3) }
  /// A Dirac delta: a single direction (mirror, smooth glass). Its `evaluate`
  /// and `pdf` are 0; only `sample` can find the direction.
  @inlinable public static var specular: BxDFFlags { BxDFFlags(rawValue: 1 << 4) }

  // The combinations BxDFs report. Written with `union` rather than as array
  // literals (`.diffuseReflection`): an option-set literal builds a
  // temporary Array, which can cost a heap allocation on every call.
  public static var diffuseReflection: BxDFFlags { reflection.union(diffuse) }
  public static var glossyReflection: BxDFFlags { reflection.union(glossy) }
  public static var specularReflection: BxDFFlags { reflection.union(specular) }
  public static var glossyTransmission: BxDFFlags { transmission.union(glossy) }
  public static var specularTransmission: BxDFFlags { transmission.union(specular) }

  /// True for a delta lobe, which light sampling can never hit.
  @inlinable public var isSpecular: Bool { contains(.specular) }
  /// True when some lobe is not a delta, so that `evaluate` and `pdf` are worth calling.
  @inlinable public var hasNonSpecularLobe: Bool { !intersection(Self.diffuse.union(.glossy)).isEmpty }
}

/// The result of ``BxDF/sample(wo:uc:u:)``: a direction `wi`, the BxDF value for
/// it, the density it was drawn with and which lobe produced it.
public struct BxDFSample: Sendable, BitwiseCopyable {
  /// f(wo, wi), *without* the cosine factor.
  public var f: Color
  /// The sampled incident direction, pointing away from the surface, in the
  /// local shading frame.
  public var wi: Vector3
  /// The solid-angle density of `wi`; for a delta lobe, the discrete
  /// probability of having chosen it (1 unless several lobes compete).
  public var pdf: Float
  /// The sampled lobe, e.g. `[.specular, .reflection]`.
  public var flags: BxDFFlags

  @inlinable
  public init(f: Color, wi: Vector3, pdf: Float, flags: BxDFFlags) {
    self.f = f
    self.wi = wi
    self.pdf = pdf
    self.flags = flags
  }
}

/// A BRDF or BTDF: how much of the light arriving from `wi` leaves toward `wo`.
///
/// ## The local shading frame
/// Every direction a BxDF sees is expressed in the local shading frame of the
/// surface point (see ``ShadingFrame``): the shading normal is +Z, so
/// `cosTheta(w) == w.z`, and the two tangents are +X and +Y. Both `wo` (toward
/// the viewer) and `wi` (toward the light) point *away* from the surface and are
/// unit length. "Reflection" means `wo.z` and `wi.z` have the same sign.
/// Reflection BxDFs here are two-sided: they work for `wo.z < 0` as well,
/// mirroring the lobe to the lower hemisphere.
///
/// ## Contract between the three functions
/// - `evaluate` returns f(wo, wi) for the non-delta lobes, **without** the
///   |cos θi| factor; the integrator multiplies by `abs(wi.z)`.
/// - `sample` draws `wi` with some density and returns the same `f` that
///   `evaluate` would (for delta lobes, the delta's weight divided by |cos θi|),
///   together with that density.
/// - `pdf(wo, wi)` returns exactly the density `sample` uses, so that multiple
///   importance sampling can weigh a light sample against a BxDF sample.
///   It is 0 for delta lobes.
///
/// BxDFs are small `BitwiseCopyable` structs: a material writes them into a
/// memory arena for the duration of one path vertex, and they are called through
/// this protocol without heap allocation or reference counting.
public protocol BxDF: BitwiseCopyable, Sendable {
  /// All the kinds of scattering this BxDF can do.
  var flags: BxDFFlags { get }

  /// f(wo, wi) for the non-delta lobes; `.black` for specular BxDFs.
  func evaluate(wo: Vector3, wi: Vector3) -> Color

  /// Samples `wi` given `wo`, a uniform sample `uc` in [0, 1) and a uniform
  /// 2D sample `u` in [0, 1)²; `nil` when no direction results (e.g. the
  /// sampled `wi` is below the horizon). `f` in the result does not include
  /// the cosine. `uc` chooses between lobes, for a BxDF that has several to
  /// choose from (``RoughDielectric``); the others ignore it.
  func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample?

  /// The solid-angle density with which ``sample(wo:uc:u:)`` returns `wi`;
  /// 0 for delta lobes.
  func pdf(wo: Vector3, wi: Vector3) -> Float

  // How a BSDF calls a BxDF it keeps in the arena, where only the address
  // and the metatype are known: these static requirements, called on the
  // metatype, read the value in place. Every type gets the default
  // implementations below, and its witnesses are specialized for it, so a
  // call is one witness-table jump into code that knows the concrete type
  // (rather than generic code that copies the value through its metadata).
  // Do not implement them.

  /// ``flags`` of the value of this type at `address`.
  static func flags(ofValueAt address: UnsafeRawPointer) -> BxDFFlags
  /// ``evaluate(wo:wi:)`` of the value of this type at `address`.
  static func evaluate(valueAt address: UnsafeRawPointer, wo: Vector3, wi: Vector3) -> Color
  /// ``sample(wo:uc:u:)`` of the value of this type at `address`.
  static func sample(valueAt address: UnsafeRawPointer, wo: Vector3, uc: Float, u: Point2) -> BxDFSample?
  /// ``pdf(wo:wi:)`` of the value of this type at `address`.
  static func pdf(valueAt address: UnsafeRawPointer, wo: Vector3, wi: Vector3) -> Float
}

extension BxDF {
  @inlinable
  public static func flags(ofValueAt address: UnsafeRawPointer) -> BxDFFlags {
    address.assumingMemoryBound(to: Self.self).pointee.flags
  }

  @inlinable
  public static func evaluate(valueAt address: UnsafeRawPointer, wo: Vector3, wi: Vector3) -> Color {
    address.assumingMemoryBound(to: Self.self).pointee.evaluate(wo: wo, wi: wi)
  }

  @inlinable
  public static func sample(valueAt address: UnsafeRawPointer, wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    address.assumingMemoryBound(to: Self.self).pointee.sample(wo: wo, uc: uc, u: u)
  }

  @inlinable
  public static func pdf(valueAt address: UnsafeRawPointer, wo: Vector3, wi: Vector3) -> Float {
    address.assumingMemoryBound(to: Self.self).pointee.pdf(wo: wo, wi: wi)
  }
}
