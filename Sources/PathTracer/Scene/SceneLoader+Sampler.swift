extension SceneLoader {
  /// `film.sampler`, optional (our extension: tray_rust's scene files have no
  /// such key and always get its low-discrepancy sampler). A name, or an object
  /// with a `type` and, for `adaptive`, optional limits:
  ///
  /// ```json
  /// "sampler": "low_discrepancy"     // the default: scrambled (0,2)-sequences
  /// "sampler": "uniform"             // independent uniform random numbers
  /// "sampler": "adaptive"            // adaptive with the defaults below
  /// "sampler": { "type": "adaptive", "max_samples": 256, "threshold": 0.05, "luminance_floor": 0.01 }
  /// ```
  ///
  /// For `adaptive`, the film's `samples` is the first batch of every pixel;
  /// `max_samples` (an integer, at least `samples`; default 8 × `samples`)
  /// caps a pixel's samples; `threshold` (greater than zero; default 0.05) is
  /// the largest acceptable relative standard error of a pixel's mean
  /// luminance; `luminance_floor` (zero or more; default 0.01) is the mean
  /// luminance below which that error is taken as absolute. See ``AdaptiveSampling``.
  static func sampler(from node: JSONNode, samples: Int) throws(SceneError) -> Sampler {
    let typeNode: JSONNode
    switch node.value {
    case .string: typeNode = node
    case .object: typeNode = try node.required("type")
    default: throw node.error("expected a sampler name or an object with a \"type\", found \(node.value.briefDescription)")
    }
    let spelling = try typeNode.string()
    guard let name = Sampler.Name(rawValue: spelling) else {
      throw typeNode.error("unknown sampler \"\(spelling)\"; expected \"low_discrepancy\", \"uniform\" or \"adaptive\"")
    }
    switch name {
    case .lowDiscrepancy:
      return .lowDiscrepancy
    case .uniform:
      return .uniform
    case .adaptive:
      var adaptive = AdaptiveSampling()
      guard case .object = node.value else { return .adaptive(adaptive) }
      if let maxNode = node.optional("max_samples") {
        let maxSamples = try maxNode.positiveInt()
        guard maxSamples >= samples else {
          throw maxNode.error("must be at least film.samples (\(samples)), found \(maxSamples)")
        }
        guard maxSamples <= RenderLimits.maximumSamplesPerPixel else {
          throw maxNode.error("must be at most \(RenderLimits.maximumSamplesPerPixel), found \(maxSamples)")
        }
        adaptive.maxSamples = maxSamples
      }
      if let threshold = node.optional("threshold") {
        adaptive.threshold = try threshold.positiveFloat()
      }
      if let floor = node.optional("luminance_floor") {
        adaptive.luminanceFloor = try floor.nonNegativeFloat()
      }
      return .adaptive(adaptive)
    }
  }
}
