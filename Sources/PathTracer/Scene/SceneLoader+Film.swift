extension SceneLoader {
  /// `film`: resolution, samples per pixel, reconstruction filter and, as our
  /// extension, an optional `sampler` (see ``sampler(from:samples:)``).
  ///
  /// ```json
  /// "film": { "width": 800, "height": 600, "samples": 4,
  ///           "filter": { "type": "mitchell_netravali", "width": 2, "height": 2, "b": 0.333, "c": 0.333 } }
  /// ```
  /// Any width, height and sample count are accepted (tray_rust's multiple-of-8
  /// and power-of-two limits do not apply). The frame keys are read by
  /// ``frameTiming(film:camera:)``.
  static func film(from node: JSONNode) throws(SceneError) -> FilmDescription {
    let width = try node.required("width").positiveInt()
    let height = try node.required("height").positiveInt()
    let samplesNode = try node.required("samples")
    let samples = try samplesNode.positiveInt()
    guard samples <= RenderLimits.maximumSamplesPerPixel else {
      throw samplesNode.error("must be at most \(RenderLimits.maximumSamplesPerPixel), found \(samples)")
    }
    let filter = try filter(from: try node.required("filter"))
    var film = FilmDescription(width: width, height: height, samplesPerPixel: samples, filter: filter)
    if let sampler = node.optional("sampler") {
      film.sampler = try Self.sampler(from: sampler, samples: samples)
    }
    return film
  }

  /// The largest filter radius a scene may ask for. `Film` takes any radius,
  /// but each sample costs time in proportion to the radius squared (a radius
  /// of 16 reaches a thousand pixels) and each tile's buffer grows with it, so
  /// a larger one is more likely a mistake, such as a width in pixels meant
  /// as a diameter of the whole image, than a wish.
  static let maximumFilterRadius: Float = 16

  static func filter(from node: JSONNode) throws(SceneError) -> ReconstructionFilter {
    let type = try node.required("type")
    let radius = SIMD2(try node.required("width").positiveFloat(), try node.required("height").positiveFloat())
    if radius.max() > maximumFilterRadius {
      throw node.error("filter width and height are radii in pixels and must be at most \(Int(maximumFilterRadius)), "
                       + "found \(radius.x) and \(radius.y)")
    }
    switch try type.string() {
    case "mitchell_netravali":
      return .mitchellNetravali(radius: radius, b: try node.required("b").float(), c: try node.required("c").float())
    case "gaussian":
      return .gaussian(radius: radius, alpha: try node.required("alpha").positiveFloat())
    case let other:
      throw type.error("unknown filter type \"\(other)\"; expected \"mitchell_netravali\" or \"gaussian\"")
    }
  }

  /// `integrator`: `pathtracer` (with `min_depth`, `max_depth`), `whitted`
  /// (with `min_depth`, tray_rust's name for its recursion limit) or `normals_debug`.
  static func integrator(from node: JSONNode) throws(SceneError) -> Integrator {
    let type = try node.required("type")
    switch try type.string() {
    case "pathtracer":
      let minDepth = try node.required("min_depth").int()
      let maxDepth = try node.required("max_depth").int()
      guard minDepth >= 0 else { throw node.optional("min_depth")!.error("must not be negative, found \(minDepth)") }
      guard maxDepth >= 0 else { throw node.optional("max_depth")!.error("must not be negative, found \(maxDepth)") }
      guard maxDepth <= RenderLimits.maximumDepth else {
        throw node.optional("max_depth")!.error("must be at most \(RenderLimits.maximumDepth), found \(maxDepth)")
      }
      return .path(PathIntegrator(minDepth: minDepth, maxDepth: maxDepth))
    case "normals_debug":
      return .normals(NormalsIntegrator())
    case "whitted":
      // tray_rust's whitted integrator reads `min_depth` as its maximum recursion depth.
      let depthNode = try node.required("min_depth")
      let depth = try depthNode.int()
      guard depth >= 0 else { throw depthNode.error("must not be negative, found \(depth)") }
      guard depth <= RenderLimits.maximumDepth else {
        throw depthNode.error("must be at most \(RenderLimits.maximumDepth), found \(depth)")
      }
      return .whitted(WhittedIntegrator(maxDepth: depth))
    case let other:
      throw type.error("unknown integrator type \"\(other)\"; expected \"pathtracer\", \"whitted\" or \"normals_debug\"")
    }
  }
}
