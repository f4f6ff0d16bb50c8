/// A transform taken apart for interpolation, `M = T · R · S`: a translation,
/// a rotation as a unit quaternion, and a stretch matrix (scale and shear).
/// One keyframe of a ``TransformSpline``.
///
/// Blending two of them blends each part in the way that keeps it what it
/// is: translations and stretches linearly, rotations along the great arc
/// (``Quaternion/slerp(_:_:_:)``). Blending the matrices themselves would
/// shrink an object halfway through a turn.
///
/// ```swift
/// let a = DecomposedTransform(.identity)!
/// let b = DecomposedTransform(.rotateZ(degrees: 90) * .scale(3))!
/// DecomposedTransform.blend(a, b, 0.5).matrix   // a 45-degree turn, scale 2
/// ```
///
/// Unlike tray_rust, which keeps only the stretch's diagonal, the whole
/// stretch is kept, so that a sheared keyframe is reached exactly.
///
/// 96 bytes; a blend is about 40 operations plus a slerp.
public struct DecomposedTransform: Sendable, Equatable, BitwiseCopyable {
  /// Where the object's origin goes.
  public var translation: Vector3
  /// The rotation, a unit quaternion.
  public var rotation: Quaternion
  /// The stretch applied before the rotation: symmetric for a decomposed
  /// matrix (negated when the matrix mirrors), with the last row and
  /// column of the identity.
  public var scale: Matrix4

  /// A transform from its parts.
  public init(translation: Vector3, rotation: Quaternion, scale: Matrix4) {
    self.translation = translation
    self.rotation = rotation
    self.scale = scale
  }

  /// The parts of `transform`'s affine matrix (``PolarDecomposition``), or
  /// `nil` when it is singular or not finite. The stretch is recomputed
  /// against the quaternion's own rotation matrix, so that ``matrix``
  /// gives back the transform's matrix to rounding.
  public init?(_ transform: Transform) {
    guard let parts = PolarDecomposition(transform.matrix) else { return nil }
    translation = parts.translation
    rotation = Quaternion(rotationMatrix: parts.rotation)
    scale = (rotation.matrix.transposed * transform.matrix.linearPart).linearPart
  }

  /// `T · R · S` as one matrix. About 50 operations.
  public var matrix: Matrix4 {
    (rotation.normalized.matrix * scale).translated(by: translation)
  }

  /// ``matrix`` with its inverse `S⁻¹ · Rᵀ · T⁻¹`, or `nil` when the
  /// stretch is singular (a blend of stretches of one handedness never is).
  /// About 150 operations: the stretch is inverted by cofactors, in `Float`.
  public var transform: Transform? {
    guard let inverseScale = scale.linearInverse else { return nil }
    let rotationMatrix = rotation.normalized.matrix
    let inverseLinear = inverseScale * rotationMatrix.transposed
    // The inverse of x ↦ L x + T is x ↦ L⁻¹ x − L⁻¹ T.
    let inverseTranslation = -AffineMatrix(inverseLinear).apply(vector: translation)
    return Transform(matrix: (rotationMatrix * scale).translated(by: translation),
                     inverse: inverseLinear.translated(by: inverseTranslation))
  }
}

extension DecomposedTransform: SplineBlendable {
  /// Translation and stretch blended linearly, rotation by ``Quaternion/slerp(_:_:_:)``.
  public static func blend(_ a: DecomposedTransform, _ b: DecomposedTransform, _ t: Float) -> DecomposedTransform {
    DecomposedTransform(translation: .blend(a.translation, b.translation, t),
                        rotation: .slerp(a.rotation, b.rotation, t),
                        scale: .blend(a.scale, b.scale, t))
  }
}
