/// A half-line `origin + t * direction` for `t` in `[0, tMax)`, at one instant
/// of the scene's time.
///
/// `tMax` shrinks as closer hits are found, so a traversal never has to
/// consider a shape farther than the best hit so far. `time` is the scene time
/// (in seconds) at which the ray travels: the camera gives each camera ray one,
/// and every ray spawned from a hit along its path (the next bounce, shadow
/// rays) inherits it, so a whole path sees the scene as it is at one moment.
public struct Ray: Sendable, BitwiseCopyable {
  public var origin: Point3
  public var direction: Vector3
  public var tMax: Float
  /// The scene time at which the ray travels, in seconds.
  public var time: Float

  @inlinable
  public init(origin: Point3, direction: Vector3, tMax: Float = .infinity, time: Float = 0) {
    self.origin = origin
    self.direction = direction
    self.tMax = tMax
    self.time = time
  }

  @inlinable
  public func at(_ t: Float) -> Point3 { origin + t * direction }
}
