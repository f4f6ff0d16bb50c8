/// What a scene file's `film` asks for: the image's size, the samples per
/// pixel, the reconstruction filter and the sampler.
///
/// ```json
/// "film": { "width": 800, "height": 600, "samples": 16,
///           "filter": { "type": "mitchell_netravali", "width": 2, "height": 2, "b": 0.333, "c": 0.333 } }
/// ```
///
/// It is part of the ``Scene``; a run may render another film than the
/// scene's (the command line's `--resolution`, `--spp`, `--sampler`) by
/// passing its own to ``Renderer/render(_:film:options:progress:)``, which
/// fits the camera to whichever film it renders.
public struct FilmDescription: Sendable {
  /// The image's size in pixels.
  public var width: Int
  public var height: Int
  /// Camera samples per pixel: for the adaptive sampler, the first batch.
  public var samplesPerPixel: Int
  public var filter: ReconstructionFilter
  /// Which random numbers the pixels use (the film's `sampler`); low-discrepancy by default.
  public var sampler: Sampler
  /// The frames the scene's time is cut into, and which of them to render
  /// (the film's `frames`, `scene_time`, `start_frame`, `end_frame`, and the
  /// camera's `shutter_size`); one still frame by default.
  public var timing: FrameTiming = .still

  public init(width: Int, height: Int, samplesPerPixel: Int, filter: ReconstructionFilter,
              sampler: Sampler = .lowDiscrepancy) {
    self.width = width
    self.height = height
    self.samplesPerPixel = samplesPerPixel
    self.filter = filter
    self.sampler = sampler
  }
}
