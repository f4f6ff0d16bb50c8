/// Which random numbers a render's pixels use.
///
/// Chosen by the film's optional `sampler` key (our extension; tray_rust's
/// scene files always get its low-discrepancy sampler) or `tracer --sampler`:
///
/// ```json
/// "film": { ..., "samples": 16, "sampler": "uniform" }
/// "film": { ..., "samples": 16, "sampler": { "type": "adaptive", "max_samples": 256, "threshold": 0.05 } }
/// ```
///
/// Whatever the kind, a pixel's random numbers come only from the render's
/// seed and the pixel's position, so images do not depend on the thread count.
public enum Sampler: Sendable, Equatable {
  /// tray_rust's low-discrepancy sampler: every dimension a scrambled
  /// (0,2)-sequence across the pixel's samples. The default.
  case lowDiscrepancy
  /// Independent uniform random numbers in every dimension: the unstratified baseline.
  case uniform
  /// Low-discrepancy samples in batches, more of them where a pixel's samples
  /// disagree; the film's `samples` is the first batch. See ``AdaptiveSampling``.
  case adaptive(AdaptiveSampling)

  /// The sampler's name.
  public var name: Name {
    switch self {
    case .lowDiscrepancy: .lowDiscrepancy
    case .uniform: .uniform
    case .adaptive: .adaptive
    }
  }

  /// A sampler's name, as scene files spell it (`low_discrepancy`, `uniform`,
  /// `adaptive`); the command line also takes `low-discrepancy`.
  public enum Name: String, Sendable, CaseIterable {
    case lowDiscrepancy = "low_discrepancy"
    case uniform
    case adaptive

    /// The name spelled as in a scene file or with `-` for `_`; `nil` for any other text.
    public init?(spelling: String) {
      self.init(rawValue: String(spelling.map { $0 == "-" ? "_" : $0 }))
    }
  }
}
