/// How a light changes over time: where it is (`keyframes` on the emitter
/// or its groups) and how bright it is (an animated `emission`).
///
/// ``Light`` values describe a light at one instant, and the integrators
/// sample them as they always did; a scene keeps the animation of each
/// animated light beside them and hands out the light as it is at a ray's
/// time (``Scene/light(_:at:)``). Lights that never change stay plain
/// values that are read, not rebuilt, so a still scene's light loop is
/// what it was before animation existed.
///
/// ```swift
/// let fade = LightAnimation(point: .identity, emission: AnimatedColor(keyframes: [
///   .init(time: 0, color: .black), .init(time: 1, color: Color(gray: 10))]))
/// fade.light(at: 0.5)                  // a point light of intensity 5 at the origin
/// fade.averagePower(over: 0...1)       // the power of intensity 5
/// ```
public struct LightAnimation: Sendable {
  /// What moves.
  public enum Motion: Sendable {
    /// An area light's shape, which moves.
    case area(MovingShape)
    /// An area light's shape, which stays where it is (only the emission changes).
    case fixedArea(Shape)
    /// A point light's placement (the light sits at its origin).
    case point(AnimatedTransform)
  }

  public let motion: Motion
  /// The radiance (area) or intensity (point) over time.
  public let emission: AnimatedColor

  /// An area light on the moving `shape` with `emission`.
  public init(area shape: MovingShape, emission: AnimatedColor) {
    motion = .area(shape)
    self.emission = emission
  }

  /// An area light on the fixed `shape` with `emission`.
  public init(area shape: Shape, emission: AnimatedColor) {
    motion = .fixedArea(shape)
    self.emission = emission
  }

  /// A point light at the origin of `placement` with `emission`.
  public init(point placement: AnimatedTransform, emission: AnimatedColor) {
    motion = .point(placement)
    self.emission = emission
  }

  /// The light as it is at `time`: the shape placed or the position moved
  /// there, and the emission at that time. Costs one transform evaluation
  /// and shape placement when it moves (``MovingShape/placed(at:)``), one
  /// binary search when its emission changes.
  public func light(at time: Float) -> Light {
    switch motion {
    case .area(let shape):
      return .area(AreaLight(shape: shape.placed(at: time), emission: emission.color(at: time)))
    case .fixedArea(let shape):
      return .area(AreaLight(shape: shape, emission: emission.color(at: time)))
    case .point(let placement):
      return .point(PointLight(position: placement.transform(at: time).apply(point: .zero),
                               intensity: emission.color(at: time)))
    }
  }

  /// The light's power averaged over `times` (a frame's shutter interval),
  /// by which the light is chosen for that frame: the exact mean emission
  /// over the interval (``AnimatedColor/averageColor(over:)``) at the place
  /// the light has in the interval's middle (an area light's area changes
  /// only when its scale does). Zero only when the light is dark all through `times`.
  public func averagePower(over times: ClosedRange<Float>) -> Float {
    let middle = times.lowerBound + (times.upperBound - times.lowerBound) / 2
    let mean = emission.averageColor(over: times)
    switch motion {
    case .area(let shape): return AreaLight(shape: shape.placed(at: middle), emission: mean).power
    case .fixedArea(let shape): return AreaLight(shape: shape, emission: mean).power
    case .point: return PointLight(position: .zero, intensity: mean).power
    }
  }
}
