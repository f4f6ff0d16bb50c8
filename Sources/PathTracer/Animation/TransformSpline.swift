/// A transform that moves over time: a ``BSpline`` of keyframes, each a
/// transform taken apart once, when the spline is made, into translation,
/// rotation and stretch (``DecomposedTransform``). This is what a scene's
/// `keyframes` become.
///
/// ```swift
/// let spin = try TransformSpline(degree: 1,
///                                controlPoints: [.identity, .rotateY(degrees: 90), .rotateY(degrees: 180)],
///                                knots: [0, 0, 1, 2, 2])
/// spin.transform(at: 0.5)   // a 45-degree turn about +Y
/// ```
///
/// Consecutive keyframes' quaternions are flipped, when the spline is made,
/// to the sign nearer the previous one (a negative dot product means the
/// long way round), so that each blend turns the shorter way, as tray_rust does.
///
/// Evaluating at a time costs the spline's `d (d + 1) / 2` blends (each a
/// slerp and about 40 operations) and the composition and inversion of the
/// result (about 150 operations); nothing allocates. In a release build,
/// about 0.3 µs for degree 1 and 0.5 µs for degree 3 on this project's machine.
public struct TransformSpline: Sendable {
  /// The decomposed keyframes, their quaternions on the shorter arcs.
  public let spline: BSpline<DecomposedTransform>

  /// The spline of `degree` through `controlPoints` with `knots` (in
  /// seconds), or an error naming what is wrong: anything
  /// ``BSpline/init(degree:controlPoints:knots:)`` rejects, a singular
  /// control point, or control points of different handedness (one that
  /// mirrors space and one that does not: between the two, the blended
  /// stretch would flatten the object). O(n) decompositions.
  public init(degree: Int, controlPoints: [Transform], knots: [Float]) throws(SplineError) {
    var decomposed: [DecomposedTransform] = []
    decomposed.reserveCapacity(controlPoints.count)
    for (index, transform) in controlPoints.enumerated() {
      guard var point = DecomposedTransform(transform) else { throw .singularControlPoint(index: index) }
      if index > 0 {
        if transform.swapsHandedness != controlPoints[0].swapsHandedness {
          throw .handednessChanges(index: index)
        }
        if Quaternion.dot(decomposed[index - 1].rotation, point.rotation) < 0 {
          point.rotation = -point.rotation
        }
      }
      decomposed.append(point)
    }
    spline = try BSpline(degree: degree, controlPoints: decomposed, knots: knots)
  }

  /// The times the spline is defined for; other times are clamped to it.
  public var domain: ClosedRange<Float> { spline.domain }

  /// True when every keyframe is the same, so that the transform never
  /// changes (as for a static object written by tray_rust's Blender
  /// exporter, which gives every object one keyframe per frame).
  public var isConstant: Bool {
    let first = spline.controlPoints[0]
    return spline.controlPoints.allSatisfy { $0 == first }
  }

  /// The decomposed transform at `time`, clamped to the domain.
  public func decomposed(at time: Float) -> DecomposedTransform {
    spline.evaluate(at: time)
  }

  /// The transform at `time`, clamped to the domain.
  public func transform(at time: Float) -> Transform {
    // The stretch at any time is a convex combination of the keyframes'
    // stretches, which all have one handedness (checked when the spline was
    // made): symmetric positive definite ones, or all their negatives. By
    // Minkowski's determinant inequality, det(Σ wᵢ Sᵢ)^⅓ ≥ Σ wᵢ det(Sᵢ)^⅓,
    // so such a blend is never closer to singular than its flattest keyframe.
    guard let transform = decomposed(at: time).transform else {
      requirementFailed("a blend of stretches of one handedness turned out singular at time \(time)")
    }
    return transform
  }

  /// Relative allowance that ``motionBounds(of:over:)`` adds for the rounding
  /// of evaluating the spline in `Float` (quaternion normalization, the
  /// blends, the matrix products), which is a few times 10⁻⁷ of the
  /// coordinates' size. The tests' dense sampling of random splines finds
  /// corners outside the bounds with no allowance, and none with a tenth
  /// of this one.
  public static let roundingAllowance: Float = 1e-5

  /// A box that holds `box`, moved by the spline, at every time in `times`
  /// (times outside the domain count as clamped): provably, not by sampling.
  ///
  /// At time t a point p of the box goes to `T(t) + R(t) S(t) p`, where
  /// `T(t)` and `S(t)` are blended linearly, with weights that are never
  /// negative and sum to 1, from the keyframes active in `times`
  /// (``BSpline/controlPointIndices(over:)``), and `R(t)` is a rotation.
  ///
  /// - Translation: `T(t)` lies in the convex hull of the active keyframes'
  ///   translations, so in their bounding box.
  /// - Rotation and stretch, when every active keyframe has the same
  ///   quaternion: `R S(t) p` is a convex combination of the points
  ///   `R Sᵢ c` for the box's corners c, so it lies in their bounding box.
  ///   The result is then exact for a fixed keyframe and tight for
  ///   translation alone.
  /// - Rotation and stretch otherwise: a rotation keeps lengths, so
  ///   `|R(t) S(t) p| = |S(t) p| ≤ maxᵢ |Sᵢ p| ≤ maxᵢ,c |Sᵢ c|` (the length
  ///   of a linear image is convex in p, so largest at a corner). The
  ///   point lies in the sphere of that radius about `T(t)`, whatever the
  ///   rotation: the box's bounding sphere about the object's origin, the
  ///   centre of rotation.
  ///
  /// The box of translations is widened by the box (or sphere) of the
  /// second part, then by ``roundingAllowance``. Costs O(log n) plus about
  /// 250 operations per active keyframe (30 per corner); nothing allocates.
  public func motionBounds(of box: Bounds3, over times: ClosedRange<Float>) -> Bounds3 {
    if box.isEmpty { return box }
    let active = spline.controlPoints[spline.controlPointIndices(over: times)]
    let rotation = active.first!.rotation
    let sameRotation = active.allSatisfy { $0.rotation == rotation }
    let rotationMatrix = AffineMatrix(rotation.normalized.matrix)

    var translations = Bounds3.empty
    var turned = Bounds3.empty   // of R Sᵢ c, used when the rotation is fixed
    var radius: Float = 0        // of |Sᵢ c|
    for keyframe in active {
      translations = translations.union(keyframe.translation)
      for corner in 0..<8 {
        let stretched = AffineMatrix(keyframe.scale).apply(vector: box.corner(corner))
        radius = Swift.max(radius, length(stretched))
        if sameRotation { turned = turned.union(rotationMatrix.apply(vector: stretched)) }
      }
    }
    let moved = sameRotation
      ? Bounds3(lower: translations.lower + turned.lower, upper: translations.upper + turned.upper)
      : Bounds3(lower: translations.lower - radius, upper: translations.upper + radius)
    let size = Swift.max(abs(translations.lower).max(), abs(translations.upper).max()) + radius
    let allowance = Vector3(repeating: Self.roundingAllowance * size)
    return Bounds3(lower: moved.lower - allowance, upper: moved.upper + allowance)
  }
}
