/// A half-line `origin + t * direction` for `t` in `[0, tMax)`.
///
/// `tMax` shrinks as closer hits are found, so a traversal never has to
/// consider a shape farther than the best hit so far.
public struct Ray: Sendable, BitwiseCopyable {
  public var origin: Point3
  public var direction: Vector3
  public var tMax: Float

  @inlinable
  public init(origin: Point3, direction: Vector3, tMax: Float = .infinity) {
    self.origin = origin
    self.direction = direction
    self.tMax = tMax
  }

  @inlinable
  public func at(_ t: Float) -> Point3 { origin + t * direction }
}
