/// A measured BRDF: f(wo, wi) looked up in a ``MERLTable`` (tray_rust's `Merl`).
///
/// The pair of directions is turned into Rusinkiewicz's half/difference
/// angles (``HalfDifferenceAngles``), which pick one cell of the table; its
/// RGB value is f. No interpolation between cells, as in tray_rust and the
/// MERL reader. The BRDF is reciprocal (the table is indexed by φd folded to
/// [0, π)) and reflects only; like the other reflection BxDFs here it is
/// two-sided: directions below the surface are mirrored to the upper side,
/// which an isotropic BRDF cannot tell apart.
///
/// Sampled like a Lambertian surface, with cosine-weighted directions
/// (pdf = cos θi / π), as tray_rust does. That is unbiased whatever the table
/// holds, but noisy for shiny materials, whose value is concentrated around
/// the mirror direction.
///
/// 8 bytes: only a pointer into the table, which the material keeps alive for
/// the whole render (see ``MERLTable`` for the lifetime argument). Evaluating
/// costs the angles (three `atan2`) and three loads from a 17.5 MB table,
/// likely a cache miss.
public struct MeasuredBRDF: BxDF, @unchecked Sendable {
  /// The table's RGB values (``MERLTable/values``). Not a `MERLTable`
  /// reference: this value is copied into the arena and must be
  /// `BitwiseCopyable`, and a raw pointer costs no reference counting per hit.
  let values: UnsafePointer<Float>

  /// A BRDF reading `table`, which must outlive this value and every copy of it.
  /// `borrowing`: only the table's pointer is taken, so no retain happens.
  public init(table: borrowing MERLTable) {
    values = table.values
  }

  /// Cosine sampling can reach every direction of the hemisphere, but the
  /// measured lobe may be arbitrarily sharp: glossy, as in tray_rust.
  public var flags: BxDFFlags { .glossyReflection }

  public func evaluate(wo: Vector3, wi: Vector3) -> Color {
    guard sameHemisphere(wo, wi) else { return .black }
    // Two-sided: seen from below, mirror both directions to the upper side.
    let flip = Vector3(1, 1, wo.z < 0 ? -1 : 1)
    let angles = HalfDifferenceAngles(wo: wo * flip, wi: wi * flip)
    return MERLTable.reflectance(cell: MERLTable.cell(for: angles), in: values)
  }

  public func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? {
    var wi = cosineSampleHemisphere(u)
    if wo.z < 0 { wi.z = -wi.z }
    guard sameHemisphere(wo, wi) else { return nil }  // exactly on the horizon
    return BxDFSample(f: evaluate(wo: wo, wi: wi), wi: wi,
                      pdf: cosineHemispherePdf(cosTheta: absCosTheta(wi)), flags: .glossyReflection)
  }

  public func pdf(wo: Vector3, wi: Vector3) -> Float {
    sameHemisphere(wo, wi) ? cosineHemispherePdf(cosTheta: absCosTheta(wi)) : 0
  }
}
