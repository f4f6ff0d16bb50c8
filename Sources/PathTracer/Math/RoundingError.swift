/// Tools for bounding floating-point rounding error (pbrt-v3, section 3.9).
///
/// Every `Float` operation rounds its exact result by at most one half ulp, a
/// relative error of at most `machineEpsilon`. A chain of `n` operations is off by
/// at most a factor `(1 ± gamma(n))`. Ray-shape intersection uses these bounds
/// to know how far a computed hit point may be from the true surface, so that
/// rays leaving the surface start safely on the correct side of it.

/// Half the distance between 1 and the next `Float`: the largest relative error
/// of one correctly rounded operation (2^-24).
public let machineEpsilon: Float = Float.ulpOfOne * 0.5

/// The bound `n ε / (1 - n ε)` on the relative error accumulated by `n`
/// successive rounded operations. Constant-folded when `n` is a literal.
public func gamma(_ n: Int) -> Float {
  let nEpsilon = Float(n) * machineEpsilon
  return nEpsilon / (1 - nEpsilon)
}

/// Component-wise absolute value of a vector.
public func abs(_ v: Vector3) -> Vector3 {
  Vector3(Swift.abs(v.x), Swift.abs(v.y), Swift.abs(v.z))
}
