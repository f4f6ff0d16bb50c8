/// The adaptive sampler's rule for how many samples a pixel takes: more where
/// the pixel's samples disagree.
///
/// A pixel first takes the film's `samples` (the first batch). Then, while its
/// estimate has not converged and it has taken fewer than ``sampleLimit(firstBatch:)``,
/// it takes another batch as large as everything so far, doubling its total
/// (the last batch is cut to the limit). Doubling keeps the union of the
/// batches well stratified (see ``LowDiscrepancyBatch``) and needs only
/// log₂(max / samples) checks.
///
/// *Converged* means the standard error of the mean luminance of the pixel's
/// samples, s/√n, is at most ``threshold`` times the mean: the pixel's value is
/// known to about that relative precision. Pixels darker than
/// ``luminanceFloor`` are judged against `threshold × luminanceFloor` instead,
/// so that black and nearly black pixels, whose relative error is meaningless,
/// stop too. At least two samples are needed to judge.
///
/// Two caveats, both usual for this kind of rule: the standard error assumes
/// independent samples, and over-estimates it for stratified ones (so pixels
/// take more samples, not fewer); and stopping on the samples' own variance
/// biases the estimate, because pixels whose first samples happen to agree
/// (typically by all missing a rare bright path) stop early. Measured against
/// 2048-spp references, images come out 0.5 to 2.2 % darker on average
/// (`Benchmarks/measure-samplers.sh`).
///
/// tray_rust's adaptive sampler instead asks whether any single sample's
/// luminance differs from the mean by more than 50 %, which stays true for a
/// noisy pixel however many samples it has; this rule asks how well the
/// *mean* is known, which improves as √n.
public struct AdaptiveSampling: Sendable, Equatable {
  /// The most samples a pixel may take; `nil` for ``defaultGrowth`` times the first batch.
  public var maxSamples: Int?
  /// The largest acceptable relative standard error of a pixel's mean luminance.
  public var threshold: Float
  /// Mean luminances below this are judged by the absolute error `threshold × luminanceFloor`.
  public var luminanceFloor: Float

  /// How far a pixel may grow past its first batch when ``maxSamples`` is `nil`.
  public static let defaultGrowth = 8
  /// The default ``threshold``: 5 % relative standard error.
  public static let defaultThreshold: Float = 0.05
  /// The default ``luminanceFloor``: 1 % of a white pixel's luminance.
  public static let defaultLuminanceFloor: Float = 0.01

  /// A rule with the given limits; every argument has a default.
  public init(maxSamples: Int? = nil, threshold: Float = defaultThreshold,
              luminanceFloor: Float = defaultLuminanceFloor) {
    self.maxSamples = maxSamples
    self.threshold = threshold
    self.luminanceFloor = luminanceFloor
  }

  /// The most samples a pixel takes when its first batch is `firstBatch`:
  /// ``maxSamples``, or ``defaultGrowth`` × `firstBatch` (at most
  /// ``RenderLimits/maximumSamplesPerPixel``), and never fewer than `firstBatch`.
  public func sampleLimit(firstBatch: Int) -> Int {
    let grown = firstBatch.multipliedReportingOverflow(by: Self.defaultGrowth)
    let defaultLimit = grown.overflow ? RenderLimits.maximumSamplesPerPixel
                                      : min(grown.partialValue, RenderLimits.maximumSamplesPerPixel)
    return max(firstBatch, maxSamples ?? defaultLimit)
  }

  /// True when the pixel's mean luminance is known well enough. O(1).
  public func isConverged(_ luminance: LuminanceStatistics) -> Bool {
    guard luminance.count > 1 else { return false }
    let tolerance = Double(threshold) * max(abs(luminance.mean), Double(luminanceFloor))
    return luminance.standardErrorOfMean <= tolerance
  }

  /// The size of the pixel's next batch, or `nil` when the pixel is done.
  ///
  /// - Parameters:
  ///   - taken: The samples taken so far (including any dropped as NaN or infinite).
  ///   - luminance: The luminances of the samples taken so far.
  ///   - firstBatch: The film's samples per pixel.
  public func nextBatchSize(taken: Int, luminance: LuminanceStatistics, firstBatch: Int) -> Int? {
    let limit = sampleLimit(firstBatch: firstBatch)
    if taken == 0 { return firstBatch }
    guard taken < limit, !isConverged(luminance) else { return nil }
    return min(taken, limit - taken)
  }
}
