extension Sampler {
  /// How the values of one ``PixelSamples`` are chosen: the part of a sampler
  /// that fills sample arrays, with what it needs to know about the pixel.
  ///
  /// ``PixelSamples`` fills its sets in a fixed order (film positions, then per
  /// bounce light, light choice, BSDF and component samples) by calling
  /// ``fill2D(_:rng:)`` and ``fill1D(_:rng:)``; the integrators only read the
  /// arrays and never know which sampler made them.
  public enum ArrayFill: Sendable {
    /// Every set a freshly scrambled, shuffled (0,2)-sequence from its first
    /// point: tray_rust's low-discrepancy sampler.
    case lowDiscrepancy
    /// Independent uniform random numbers: no stratification.
    case uniform
    /// One batch of the adaptive sampler: every set continues the pixel's
    /// scrambled sequence where the previous batch stopped.
    case lowDiscrepancyBatch(LowDiscrepancyBatch)

    /// Fills the next 2D set, stored as x, y pairs. Cost: O(n), no allocation.
    mutating func fill2D(_ coordinates: UnsafeMutableBufferPointer<Float>, rng: inout PCG32) {
      switch self {
      case .lowDiscrepancy:
        LowDiscrepancy.fill2D(coordinates, rng: &rng)
      case .uniform:
        UniformRandom.fill(coordinates, rng: &rng)
      case .lowDiscrepancyBatch(var batch):
        batch.fill2D(coordinates, rng: &rng)
        self = .lowDiscrepancyBatch(batch)  // it has drawn this set's scramble
      }
    }

    /// Fills the next 1D set. Cost: O(n), no allocation.
    mutating func fill1D(_ values: UnsafeMutableBufferPointer<Float>, rng: inout PCG32) {
      switch self {
      case .lowDiscrepancy:
        LowDiscrepancy.fill1D(values, rng: &rng)
      case .uniform:
        UniformRandom.fill(values, rng: &rng)
      case .lowDiscrepancyBatch(var batch):
        batch.fill1D(values, rng: &rng)
        self = .lowDiscrepancyBatch(batch)
      }
    }
  }
}
