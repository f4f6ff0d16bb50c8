/// A shape that emits light from its front side, as tray_rust's `"emitter": "area"`.
///
/// The front is the side the shape's normal points to: the local +Z side of a
/// disk or rectangle, the outside of a sphere. Emission is a constant radiance.
///
/// ```json
/// { "name": "light", "type": "emitter", "emitter": "area", "material": "white",
///   "emission": [1.0, 0.772549, 0.560784, 40],
///   "geometry": { "type": "rectangle", "width": 6, "height": 6 }, "transform": [...] }
/// ```
public struct AreaLight: Sendable {
  public let shape: Shape
  /// Radiance leaving the front side.
  public let emission: Color

  public init(shape: Shape, emission: Color) {
    self.shape = shape
    self.emission = emission
  }

  /// Radiance leaving a point with geometric normal `normal` toward direction `w`.
  @inlinable
  public func emitted(normal: Normal3, toward w: Vector3) -> Color {
    dot(normal, w) > 0 ? emission : .black
  }

  /// Samples a point on the light as seen from `ref`.
  ///
  /// Inlined: with the light read in place (``StillAreaLights``), keeping
  /// this a call, its result passed back through memory, cost about 1% of a
  /// render's instructions under callgrind.
  @inline(__always)
  public func sampleIncident(from ref: Point3, u: Point2) -> LightSample? {
    let s = shape.sample(from: ref, u: u)
    guard s.pdfSolidAngle > 0 else { return nil }
    let toLight = s.point - ref
    let distanceSquared = lengthSquared(toLight)
    guard distanceSquared > 0 else { return nil }
    let wi = toLight / distanceSquared.squareRoot()
    let radiance = emitted(normal: s.normal, toward: -wi)
    guard !radiance.isBlack else { return nil }
    return LightSample(radiance: radiance, wi: wi, pdf: s.pdfSolidAngle, point: s.point, isDelta: false)
  }

  /// The solid-angle density with which ``sampleIncident(from:u:)`` picks `wi` from `ref`.
  public func pdfIncident(from ref: Point3, direction wi: Vector3) -> Float {
    shape.pdf(from: ref, direction: wi)
  }

  /// Emitted power (luminance), used to choose lights in proportion to their strength.
  public var power: Float { emission.luminance * shape.area * .pi }
}
