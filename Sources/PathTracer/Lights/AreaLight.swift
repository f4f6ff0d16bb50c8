/// A shape that emits light from its front side, as tray_rust's `"emitter": "area"`.
///
/// The front is the side the shape's normal points to: the local +Z side of a
/// disk or rectangle, the outside of a sphere. Emission is a radiance that
/// may change over time (tray_rust's animated `emission`), and the shape may
/// move (`keyframes`); both are looked up at the time of the ray that asks.
///
/// ```json
/// { "name": "light", "type": "emitter", "emitter": "area", "material": "white",
///   "emission": [1.0, 0.772549, 0.560784, 40],
///   "geometry": { "type": "rectangle", "width": 6, "height": 6 }, "transform": [...] }
/// ```
///
/// A light that neither moves nor changes costs what it did before animation
/// existed: its fixed shape and colour are stored as they are, and each
/// lookup checks one optional.
public struct AreaLight: Sendable {
  /// The shape where it is (for a moving light: where it is at time 0).
  public let shape: Shape
  /// The moving shape, when the light moves; `nil` for a fixed one.
  public let movingShape: MovingShape?
  /// Radiance leaving the front side, when it never changes (else its value at time 0).
  public let emission: Color
  /// The radiance over time, when it changes; `nil` when it is `emission` throughout.
  public let animatedEmission: AnimatedColor?

  /// A fixed light of constant radiance `emission`.
  public init(shape: Shape, emission: Color) {
    self.shape = shape
    movingShape = nil
    self.emission = emission
    animatedEmission = nil
  }

  /// A light whose radiance follows `emission`, on `shape` (fixed) or on
  /// `movingShape` (which then wins over `shape`).
  public init(shape: Shape, moving movingShape: MovingShape? = nil, emission: AnimatedColor) {
    self.shape = movingShape?.placed(at: 0) ?? shape
    self.movingShape = movingShape
    self.emission = emission.color(at: 0)
    animatedEmission = emission.isConstant ? nil : emission
  }

  /// The radiance leaving the front side at `time`.
  @inlinable
  public func emission(at time: Float) -> Color {
    guard let animatedEmission else { return emission }
    return animatedEmission.color(at: time)
  }

  /// The shape where it is at `time`.
  @inlinable
  public func shape(at time: Float) -> Shape {
    guard let movingShape else { return shape }
    return movingShape.placed(at: time)
  }

  /// Radiance leaving a point with geometric normal `normal` toward direction `w` at `time`.
  @inlinable
  public func emitted(normal: Normal3, toward w: Vector3, time: Float = 0) -> Color {
    dot(normal, w) > 0 ? emission(at: time) : .black
  }

  /// Samples a point on the light as seen from `ref`, at scene time `time`.
  public func sampleIncident(from ref: Point3, u: Point2, time: Float = 0) -> LightSample? {
    let s = shape(at: time).sample(from: ref, u: u)
    guard s.pdfSolidAngle > 0 else { return nil }
    let toLight = s.point - ref
    let distanceSquared = lengthSquared(toLight)
    guard distanceSquared > 0 else { return nil }
    let wi = toLight / distanceSquared.squareRoot()
    let radiance = emitted(normal: s.normal, toward: -wi, time: time)
    guard !radiance.isBlack else { return nil }
    return LightSample(radiance: radiance, wi: wi, pdf: s.pdfSolidAngle, point: s.point, isDelta: false)
  }

  /// The solid-angle density with which ``sampleIncident(from:u:time:)`` picks `wi` from `ref` at `time`.
  public func pdfIncident(from ref: Point3, direction wi: Vector3, time: Float = 0) -> Float {
    shape(at: time).pdf(from: ref, direction: wi)
  }

  /// Emitted power (luminance), used to choose lights in proportion to their strength.
  public var power: Float { emission.luminance * shape.area * .pi }

  /// The power averaged over `times` (a frame's shutter interval): the exact
  /// mean radiance over it (``AnimatedColor/averageColor(over:)``) times the
  /// area at the interval's middle (a moving light's area changes only when
  /// its scale does). Zero only when the light is dark all through `times`.
  public func averagePower(over times: ClosedRange<Float>) -> Float {
    let middle = times.lowerBound + (times.upperBound - times.lowerBound) / 2
    let radiance = animatedEmission?.averageColor(over: times) ?? emission
    return radiance.luminance * shape(at: middle).area * .pi
  }
}
