/// An affine matrix taken apart as `M = T · R · S`: a translation `T`, a proper
/// rotation `R` and a stretch `S` (Shoemake and Duff, "Matrix animation and
/// polar decomposition", 1992; pbrt-v3 section 2.9.3).
///
/// Interpolating matrices entry by entry does not keep rotations rotations:
/// halfway between a quarter turn and no turn it shrinks the object. Taken
/// apart, the translation and the stretch can be blended linearly and the
/// rotation spherically (``DecomposedTransform``).
///
/// The rotation is the orthogonal factor of the polar decomposition of the
/// linear part `L = R · S`, found by averaging the matrix with its inverse
/// transpose until the average stops changing:
///
///     R₀ = L,   Rᵢ₊₁ = (Rᵢ + Rᵢ⁻ᵀ) / 2
///
/// This is Newton's method for the orthogonal matrix nearest `L`; it
/// converges quadratically, and the error of each step's rotation is about
/// the square of the last. `S = Rᵀ · L` is then symmetric: the scale along
/// three perpendicular axes, including any shear. A mirroring `L`
/// (negative determinant) has a polar decomposition `L = Q · P` whose
/// orthogonal factor `Q` is a reflection; both factors are then negated,
/// so that `R = -Q` is a proper rotation, `S = -P` takes the mirror, and
/// still `R · S = L`. (The iteration runs on `-L`, whose orthogonal factor
/// is `-Q`.)
///
/// ```swift
/// let m = Transform.applying([.scale(Vector3(2, 1, 1)), .rotateZ(degrees: 30),
///                             .translate(Vector3(0, 5, 0))]).matrix
/// let parts = PolarDecomposition(m)!   // translation (0, 5, 0), a 30-degree turn,
/// parts.matrix                          // and scale (2, 1, 1); recomposes m
/// ```
///
/// Costs one 4x4 inversion (about 200 operations) per iteration: 3 to 4
/// iterations for scales near 1, 5 to 8 for scales between 0.1 and 10,
/// 14 for a uniform scale of 1000 or 1/1000, 38 for 10¹⁰ (each step
/// halves a scale that is far from 1). Made once per keyframe when a scene
/// is loaded, never per ray.
public struct PolarDecomposition: Sendable, Equatable, BitwiseCopyable {
  /// The translation: the matrix's last column.
  public var translation: Vector3
  /// A proper rotation (orthogonal, determinant +1), in the upper-left 3x3
  /// block; the last row and column are those of the identity.
  public var rotation: Matrix4
  /// The rest of the linear part, `Rᵀ · L`: symmetric up to rounding, with
  /// the last row and column of the identity.
  public var scale: Matrix4
  /// How many averaging steps the decomposition took.
  public var iterations: Int

  /// The most averaging steps tried. Newton's iteration needs far fewer for
  /// any matrix a `Float` can invert; the cap only keeps a pathological input
  /// from looping.
  public static let maximumIterations = 100

  /// The iteration stops once no row of `R` changes by more than this in
  /// the sum of its absolute values: a few `Float` ulps of a unit vector.
  public static let tolerance: Float = 1e-6

  /// The decomposition of the affine matrix `affine` (last row `0 0 0 1`), or
  /// `nil` when its linear part is singular or not finite.
  public init?(_ affine: Matrix4) {
    translation = Vector3(affine.row0.w, affine.row1.w, affine.row2.w)
    let linear = affine.linearPart
    let determinant = linear.linearDeterminant
    guard affine.isFinite, determinant.isNormal else { return nil }
    // Decompose -L when L mirrors, so that the orthogonal factor is a rotation.
    let sign: Float = determinant < 0 ? -1 : 1
    var r = linear.scaled(by: sign)
    iterations = 0
    while iterations < Self.maximumIterations {
      guard let inverse = r.inverse else { return nil }
      let next = (r + inverse.transposed).scaled(by: 0.5)
      let change = Swift.max(absoluteSum(next.row0 - r.row0), absoluteSum(next.row1 - r.row1),
                             absoluteSum(next.row2 - r.row2))
      r = next
      iterations += 1
      if change <= Self.tolerance { break }
    }
    rotation = r
    // Rᵀ rather than R⁻¹: R is orthogonal to rounding, and the transpose
    // keeps S free of the inversion's rounding.
    scale = (r.transposed * linear).linearPart
  }

  /// The matrix put back together, `T · R · S`. Equal to the decomposed
  /// matrix up to rounding (a relative error of a few times 10⁻⁷).
  public var matrix: Matrix4 {
    (rotation * scale).translated(by: translation)
  }
}
