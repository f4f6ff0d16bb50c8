import RealModule

/// The inverse of the error function: the `y` with `erf(y) == x`, for x in (−1, 1).
///
/// Used to draw Gaussian-distributed microfacet slopes (Beckmann sampling).
/// Giles' single-precision approximation ("Approximating the erfinv function",
/// GPU Computing Gems, 2011): a polynomial in w = −ln(1 − x²), one for the
/// central range and one for the tails, with a relative error around 1e-7 in
/// exact arithmetic. Returns ±infinity at ±1. Cost: one `log`, sometimes a
/// square root, and nine multiply-adds.
@inlinable
public func inverseErf(_ x: Float) -> Float {
  var w = -Float.log((1 - x) * (1 + x))
  var p: Float
  if w < 5 {
    w -= 2.5
    p = 2.81022636e-08
    p = 3.43273939e-07 + p * w
    p = -3.5233877e-06 + p * w
    p = -4.39150654e-06 + p * w
    p = 0.00021858087 + p * w
    p = -0.00125372503 + p * w
    p = -0.00417768164 + p * w
    p = 0.246640727 + p * w
    p = 1.50140941 + p * w
  } else {
    w = w.squareRoot() - 3
    p = -0.000200214257
    p = 0.000100950558 + p * w
    p = 0.00134934322 + p * w
    p = -0.00367342844 + p * w
    p = 0.00573950773 + p * w
    p = -0.0076224613 + p * w
    p = 0.00943887047 + p * w
    p = 1.00167406 + p * w
    p = 2.83297682 + p * w
  }
  return p * x
}
