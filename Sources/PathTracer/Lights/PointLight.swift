/// A point that emits the same intensity in every direction, as tray_rust's
/// `"emitter": "point"`, placed at its transform's origin. The radiance it
/// delivers falls off as intensity / distance².
///
/// Its position may move (`keyframes`) and its intensity change over time
/// (animated `emission`); both are looked up at the time of the ray that
/// asks. A fixed, constant light checks two optionals and costs nothing more.
public struct PointLight: Sendable {
  /// Where it is (for a moving light: where it is at time 0).
  public let position: Point3
  /// The intensity, when it never changes (else its value at time 0).
  public let intensity: Color
  /// Where the light's origin is at each moment, when it moves.
  public let motion: AnimatedTransform?
  /// The intensity over time, when it changes.
  public let animatedIntensity: AnimatedColor?

  /// A fixed light of constant `intensity`.
  public init(position: Point3, intensity: Color) {
    self.position = position
    self.intensity = intensity
    motion = nil
    animatedIntensity = nil
  }

  /// A light at the origin of `placement` (fixed or moving) whose intensity follows `intensity`.
  public init(placement: AnimatedTransform, intensity: AnimatedColor) {
    position = placement.transform(at: 0).apply(point: .zero)
    motion = placement.isAnimated ? placement : nil
    self.intensity = intensity.color(at: 0)
    animatedIntensity = intensity.isConstant ? nil : intensity
  }

  /// Where the light is at `time`.
  @inlinable
  public func position(at time: Float) -> Point3 {
    guard let motion else { return position }
    return motion.transform(at: time).apply(point: .zero)
  }

  /// The intensity at `time`.
  @inlinable
  public func intensity(at time: Float) -> Color {
    guard let animatedIntensity else { return intensity }
    return animatedIntensity.color(at: time)
  }

  /// The only direction that reaches `ref` at `time`, with probability 1 (a delta distribution).
  public func sampleIncident(from ref: Point3, time: Float = 0) -> LightSample? {
    let position = position(at: time)
    let toLight = position - ref
    let distanceSquared = lengthSquared(toLight)
    guard distanceSquared > 0 else { return nil }
    return LightSample(radiance: intensity(at: time) / distanceSquared, wi: toLight / distanceSquared.squareRoot(),
                       pdf: 1, point: position, isDelta: true)
  }

  public var power: Float { 4 * .pi * intensity.luminance }

  /// The power averaged over `times`, from the exact mean intensity over them.
  public func averagePower(over times: ClosedRange<Float>) -> Float {
    4 * .pi * (animatedIntensity?.averageColor(over: times) ?? intensity).luminance
  }
}
