/// Veach's power heuristic with exponent 2: the weight of a sample drawn from
/// strategy f (taking `nf` samples with density `fPdf`) when strategy g
/// (`ng` samples with density `gPdf`) could also have produced it.
///
/// Used to combine light sampling and BSDF sampling: the weights of the two
/// strategies for the same path sum to one, so the combination stays unbiased
/// while each strategy dominates where it has low variance.
/// Cost: a handful of multiplies and one division.
@inlinable
public func powerHeuristic(nf: Int, fPdf: Float, ng: Int, gPdf: Float) -> Float {
  let f = Float(nf) * fPdf
  let g = Float(ng) * gPdf
  let f2 = f * f
  // A delta (infinite) density on the f side wins outright; inf/inf would be NaN.
  if f2.isInfinite { return 1 }
  let sum = f2 + g * g
  return sum > 0 ? f2 / sum : 0
}
