import LightArena

/// Where a moving primitive is at one instant: a shape placed there, or a
/// mesh's object-to-world transform then.
public enum PlacedMotion: Sendable, BitwiseCopyable {
  case shape(Shape)
  case mesh(Transform)
}

/// The scene's moving primitives placed at one camera sample's time, made
/// once in the sample's arena scope and read by every ray of its path.
///
/// Every ray of a path carries the camera sample's time, so a path meets
/// the moving primitives where they are at that one instant: evaluating
/// their transforms once per sample (splines, quaternions, the shapes'
/// inverses) instead of once per ray and primitive tested is what the
/// per-sample scope of the arena is for. The placements are a pointer bump
/// in that scope and are released with it.
///
/// A ray at another time (or an empty placement, for a still scene) makes
/// the aggregate evaluate the transforms itself, so a placement can never
/// give a wrong answer, only a faster one.
public struct MotionPlacement: ~Escapable {
  /// The time the primitives are placed at.
  public let time: Float
  /// By slot of the moving primitives' tree; empty when nothing moves.
  let elements: Span<PlacedMotion>

  /// No placements: every ray evaluates the transforms it needs.
  @_lifetime(immortal)
  public init() {
    time = .nan
    elements = Span()
  }

  @_lifetime(copy elements)
  init(time: Float, elements: Span<PlacedMotion>) {
    self.time = time
    self.elements = elements
  }

  /// True when the placements hold for a ray at `time`.
  @inline(__always)
  func holds(at time: Float) -> Bool { !elements.isEmpty && time == self.time }
}
