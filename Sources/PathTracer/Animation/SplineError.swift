/// Why a ``BSpline`` or ``TransformSpline`` cannot be made from the given
/// degree, control points and knots.
///
/// Each case says which input is at fault (and which element of it), so that
/// the scene loader can report the mistake at its JSON path
/// (`objects[3].keyframes.knots[5]: ...`); ``description`` is the problem in words.
public enum SplineError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The degree is negative.
  case negativeDegree(Int)
  /// There must be more control points than the degree.
  case tooFewControlPoints(count: Int, degree: Int)
  /// There must be exactly `controlPoints + degree + 1` knots.
  case wrongKnotCount(count: Int, expected: Int)
  /// A knot is NaN or infinite.
  case knotNotFinite(index: Int)
  /// The knot at `index` is smaller than the one before it.
  case knotDecreases(index: Int)
  /// `knots[degree] == knots[controlPoints]`: the spline is defined nowhere.
  case emptyDomain(from: Float, to: Float)
  /// The control point at `index` cannot be taken apart into translation,
  /// rotation and scale: its matrix is singular or not finite.
  case singularControlPoint(index: Int)
  /// The control point at `index` mirrors space and the first does not, or
  /// the other way round. A spline between the two would pass through a
  /// transform that flattens the object, so every control point must have
  /// the same handedness.
  case handednessChanges(index: Int)

  /// The problem in words, without a location: the loader puts the JSON path in front.
  public var description: String {
    switch self {
    case .negativeDegree(let degree):
      return "the degree must not be negative, found \(degree)"
    case .tooFewControlPoints(let count, let degree):
      return "a spline of degree \(degree) needs more than \(degree) control points, found \(count)"
    case .wrongKnotCount(let count, let expected):
      return "expected \(expected) knots (one per control point plus the degree plus 1), found \(count)"
    case .knotNotFinite(let index):
      return "knot \(index) is not a finite number"
    case .knotDecreases(let index):
      return "knots must not decrease, but knot \(index) is smaller than knot \(index - 1)"
    case .emptyDomain(let from, let to):
      return "the spline's time domain [\(from), \(to)] (from knot degree to knot count of control points) is empty"
    case .singularControlPoint(let index):
      return "control point \(index) is singular or not finite, so it has no rotation and scale"
    case .handednessChanges(let index):
      return "control point \(index) mirrors space and control point 0 does not, or the other way round; "
        + "every control point must have the same handedness"
    }
  }
}
