import ArgumentParser
import PathTracer

/// The options that choose the sampler, overriding the scene's `film.sampler`.
struct SamplerOptions: ParsableArguments {
  @Option(help: "The sampler, overriding the scene's film.sampler: low-discrepancy (the default), uniform or adaptive.")
  var sampler: Sampler.Name?

  @Option(name: .customLong("max-spp"),
          help: "The adaptive sampler's most samples per pixel (default: the scene's max_samples, else 8 times --spp).")
  var maxSpp: Int?

  @Option(help: ArgumentHelp(
    "The adaptive sampler's threshold (default: the scene's, else 0.05).",
    discussion: "A pixel stops once the standard error of its mean luminance is at most this fraction of the mean."))
  var threshold: Float?

  func validate() throws {
    if let maxSpp, maxSpp <= 0 { throw ValidationError("--max-spp must be at least 1") }
    if let threshold, !(threshold > 0 && threshold.isFinite) {
      throw ValidationError("--threshold must be a number greater than zero")
    }
    if let sampler, sampler != .adaptive, maxSpp != nil || threshold != nil {
      throw ValidationError("--max-spp and --threshold apply only to --sampler adaptive")
    }
  }

  /// Applies the options to `film`, read from the scene and already given `--spp`.
  /// Throws a `ValidationError` when the options and the scene do not fit together.
  func apply(to film: inout FilmDescription) throws {
    switch sampler {
    case .lowDiscrepancy: film.sampler = .lowDiscrepancy
    case .uniform: film.sampler = .uniform
    case .adaptive:
      // Keep the scene's adaptive limits, if it has any.
      if case .adaptive = film.sampler {} else { film.sampler = .adaptive(AdaptiveSampling()) }
    case nil: break
    }
    guard case .adaptive(var adaptive) = film.sampler else {
      if maxSpp != nil || threshold != nil {
        throw ValidationError("--max-spp and --threshold apply only to the adaptive sampler; add --sampler adaptive")
      }
      return
    }
    if let maxSpp { adaptive.maxSamples = maxSpp }
    if let threshold { adaptive.threshold = threshold }
    if let maxSamples = adaptive.maxSamples, maxSamples < film.samplesPerPixel {
      throw ValidationError(
        "the adaptive sampler's most samples per pixel (\(maxSamples)) is less than its first batch, "
          + "the samples per pixel (\(film.samplesPerPixel)): raise --max-spp or lower --spp")
    }
    film.sampler = .adaptive(adaptive)
  }

  /// The samples per pixel for the summary line: `64 spp`, or for the adaptive
  /// sampler the average actually taken, `37.2 spp on average (adaptive, 16 to 128)`.
  static func summary(of report: RenderReport, film: FilmDescription) -> String {
    guard case .adaptive(let adaptive) = film.sampler else { return "\(film.samplesPerPixel) spp" }
    let average = Double(report.samples) / Double(film.width * film.height)
    return String(format: "%.1f spp on average (adaptive, %d to %d)", average, film.samplesPerPixel,
                  adaptive.sampleLimit(firstBatch: film.samplesPerPixel))
  }
}

/// On the command line a sampler is named as in scene files, or with `-` for `_`.
extension Sampler.Name: ExpressibleByArgument {
  public init?(argument: String) { self.init(spelling: argument) }
  public var defaultValueDescription: String { String(rawValue.map { $0 == "_" ? "-" : $0 }) }
  public static var allValueStrings: [String] { allCases.map(\.defaultValueDescription) }
}
