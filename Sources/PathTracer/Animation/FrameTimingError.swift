/// A problem with a ``FrameTiming``: which value is wrong, and how.
public struct FrameTimingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The values a timing is made of, by the scene file's names for them.
  public enum Field: String, Sendable {
    case frames = "frames"
    case sceneTime = "scene_time"
    case startFrame = "start_frame"
    case endFrame = "end_frame"
    case shutterSize = "shutter_size"
  }

  /// The value that is wrong; its `rawValue` is the scene file's key
  /// (`film.frames`, …, `camera.shutter_size`), for reporting at its path.
  public let field: Field
  /// What is wrong with it: `must be at least 1, found 0`.
  public let problem: String

  init(_ field: Field, _ problem: String) {
    self.field = field
    self.problem = problem
  }

  /// `scene_time: must be …`.
  public var description: String { "\(field.rawValue): \(problem)" }
}
