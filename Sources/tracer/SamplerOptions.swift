import ArgumentParser
import PathTracer

/// The options that choose the sampler, overriding the scene's `film.sampler`.
struct SamplerOptions: ParsableArguments {
  @Option(help: "The sampler, overriding the scene's film.sampler (default low-discrepancy).")
  var sampler: SamplerName?

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

  /// Applies the options to `settings`, read from the scene and already given `--spp`.
  /// Throws a `ValidationError` when the options and the scene do not fit together.
  func apply(to settings: inout RenderSettings) throws {
    switch sampler {
    case .lowDiscrepancy: settings.sampler = .lowDiscrepancy
    case .uniform: settings.sampler = .uniform
    case .adaptive:
      // Keep the scene's adaptive limits, if it has any.
      if case .adaptive = settings.sampler {} else { settings.sampler = .adaptive(AdaptiveSampling()) }
    case nil: break
    }
    guard case .adaptive(var adaptive) = settings.sampler else {
      if maxSpp != nil || threshold != nil {
        throw ValidationError("--max-spp and --threshold apply only to the adaptive sampler; add --sampler adaptive")
      }
      return
    }
    if let maxSpp { adaptive.maxSamples = maxSpp }
    if let threshold { adaptive.threshold = threshold }
    if let maxSamples = adaptive.maxSamples, maxSamples < settings.samplesPerPixel {
      throw ValidationError(
        "the adaptive sampler's most samples per pixel (\(maxSamples)) is less than its first batch, "
          + "the samples per pixel (\(settings.samplesPerPixel)): raise --max-spp or lower --spp")
    }
    settings.sampler = .adaptive(adaptive)
  }

  /// The samples per pixel for the summary line: `64 spp`, or for the adaptive
  /// sampler the average actually taken, `37.2 spp on average (adaptive, 16 to 128)`.
  static func summary(of report: RenderReport, settings: RenderSettings) -> String {
    guard case .adaptive(let adaptive) = settings.sampler else { return "\(settings.samplesPerPixel) spp" }
    let average = Double(report.samples) / Double(settings.width * settings.height)
    return String(format: "%.1f spp on average (adaptive, %d to %d)", average, settings.samplesPerPixel,
                  adaptive.sampleLimit(firstBatch: settings.samplesPerPixel))
  }
}

/// The sampler names on the command line.
enum SamplerName: String, ExpressibleByArgument, CaseIterable {
  case lowDiscrepancy = "low-discrepancy"
  case uniform
  case adaptive
}
