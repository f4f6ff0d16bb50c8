/// A point that emits the same intensity in every direction, as tray_rust's
/// `"emitter": "point"`, placed at its transform's origin. The radiance it
/// delivers falls off as intensity / distance².
public struct PointLight: Sendable {
  public let position: Point3
  public let intensity: Color

  public init(position: Point3, intensity: Color) {
    self.position = position
    self.intensity = intensity
  }

  /// The only direction that reaches `ref`, with probability 1 (a delta distribution).
  public func sampleIncident(from ref: Point3) -> LightSample? {
    let toLight = position - ref
    let distanceSquared = lengthSquared(toLight)
    guard distanceSquared > 0 else { return nil }
    return LightSample(radiance: intensity / distanceSquared, wi: toLight / distanceSquared.squareRoot(),
                       pdf: 1, point: position, isDelta: true)
  }

  public var power: Float { 4 * .pi * intensity.luminance }
}
