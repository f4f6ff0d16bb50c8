/// A pair of directions at one BSDF's surface point, in world space and in
/// the BSDF's shading frame: what ``BSDF/evaluate(_:)`` and ``BSDF/pdf(_:)``
/// work on.
///
/// Direct lighting asks a BSDF both its value and its density for the same
/// light direction; making the pair once (``BSDF/directions(wo:wi:)``) takes
/// each direction into the shading frame once for both questions instead of
/// once per question. The answers are the same bit for bit: they are computed
/// from the same local directions either way.
public struct BSDFDirections: Sendable, BitwiseCopyable {
  /// Toward the viewer (or the previous vertex) and toward the light, in world space.
  public let wo: Vector3
  public let wi: Vector3
  /// The same directions in the BSDF's shading frame (normal = +Z).
  public let woLocal: Vector3
  public let wiLocal: Vector3

  @inlinable
  public init(wo: Vector3, wi: Vector3, woLocal: Vector3, wiLocal: Vector3) {
    self.wo = wo
    self.wi = wi
    self.woLocal = woLocal
    self.wiLocal = wiLocal
  }
}
