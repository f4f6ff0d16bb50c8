/// Independent uniform random numbers for every sample dimension: no
/// stratification at all. The baseline the low-discrepancy sets are measured
/// against (`"sampler": "uniform"`).
public enum UniformRandom {
  /// Fills `values` with independent uniform floats in [0, 1) from `rng`. A 2D
  /// set is simply twice as many floats, x and y alternating.
  ///
  /// Cost: one PCG32 step per value; no allocation.
  public static func fill(_ values: UnsafeMutableBufferPointer<Float>, rng: inout PCG32) {
    for i in values.indices {
      values[i] = rng.nextFloat()
    }
  }
}
