/// An analytic shape that moves: the shape in its own object space and the
/// ``AnimatedTransform`` that places it at each moment.
///
/// A ray at time t meets the shape placed by the transform at t: the
/// transform is evaluated once for the test (its splines at t, the levels
/// multiplied) and the shape placed by it, which is what pbrt and tray_rust
/// do when they move a ray into an instance's space. Only moving shapes pay
/// this; a shape that never moves stays a plain ``Shape`` with its transform
/// baked in, and the scene's BVH treats it as before.
///
/// ```swift
/// let ball = MovingShape(.sphere(Sphere(radius: 1)), motion: AnimatedTransform(levels: [.spline(path)]))
/// ball.placed(at: 0.25).intersect(ray)       // the sphere where it is at t = 0.25
/// ball.motionBounds(over: 0...0.5)           // a box it never leaves while the shutter is open
/// ```
///
/// Cost of ``placed(at:)``: one evaluation of the transform (per spline level
/// a de Boor evaluation of degree² blends and a matrix from the quaternion)
/// and the shape's initializer (a matrix inverse's worth of arithmetic).
public struct MovingShape: Sendable {
  /// The shape in object space: placed by the identity.
  public let objectShape: Shape
  /// Where the object space is at each moment; ``AnimatedTransform/isAnimated``.
  public let motion: AnimatedTransform

  /// `objectShape` (placed by the identity) moved by `motion`.
  public init(_ objectShape: Shape, motion: AnimatedTransform) {
    self.objectShape = objectShape
    self.motion = motion
  }

  /// The shape where it is at `time` (times outside the keyframes' domain
  /// are clamped to it, as for every spline).
  public func placed(at time: Float) -> Shape {
    objectShape.placed(by: motion.transform(at: time))
  }

  /// A box that holds the shape at every time in `times`: the object-space
  /// box carried through ``AnimatedTransform/motionBounds(of:over:)``, which
  /// is conservative, not sampled. The scene's BVH is built from it for each
  /// frame's shutter interval.
  public func motionBounds(over times: ClosedRange<Float>) -> Bounds3 {
    motion.motionBounds(of: objectShape.worldBounds, over: times)
  }

  /// True when the shape is a sphere that stays a sphere at every time (each
  /// level of the motion, at each keyframe, a similarity), so that it can be
  /// sampled as an area light. Blends of similarities' parts are similarities
  /// again: a rotation, a translation, and a stretch that blends multiples
  /// of the identity into another multiple of it.
  public var supportsAreaSampling: Bool {
    guard case .sphere = objectShape else { return true }
    return motion.levels.allSatisfy { level in
      switch level {
      case .fixed(let transform): return transform.isSimilarity
      case .spline(let spline):
        return spline.spline.controlPoints.allSatisfy { $0.transform?.isSimilarity ?? false }
      }
    }
  }
}

extension Shape {
  /// The same shape (same radius, width…) with its object space placed by
  /// `objectToWorld` instead. For a shape placed by the identity, this is
  /// the shape the scene loader would make with that transform.
  public func placed(by objectToWorld: Transform) -> Shape {
    switch self {
    case .sphere(let s): return .sphere(Sphere(radius: s.radius, objectToWorld: objectToWorld))
    case .disk(let s): return .disk(Disk(radius: s.radius, innerRadius: s.innerRadius, objectToWorld: objectToWorld))
    case .rectangle(let s): return .rectangle(Rectangle(width: s.width, height: s.height, objectToWorld: objectToWorld))
    }
  }

  /// First half of an intersection: the distance of the nearest hit in
  /// `(0, ray.tMax)` and where it is in object space, for ``surfaceHit(t:objectPoint:)``.
  func hit(_ ray: Ray) -> (t: Float, objectPoint: Point3)? {
    switch self {
    case .sphere(let s): return s.hit(ray)
    case .disk(let s): return s.hit(ray)
    case .rectangle(let s): return s.hit(ray)
    }
  }

  /// Second half of an intersection: the hit record at distance `t` and
  /// object-space point `objectPoint` found by ``hit(_:)``.
  func surfaceHit(t: Float, objectPoint: Point3) -> SurfaceHit {
    switch self {
    case .sphere(let s): return s.surfaceHit(t: t, objectPoint: objectPoint)
    case .disk(let s): return s.surfaceHit(t: t, objectPoint: objectPoint)
    case .rectangle(let s): return s.surfaceHit(t: t, objectPoint: objectPoint)
    }
  }
}
