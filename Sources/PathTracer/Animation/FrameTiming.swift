/// When each frame of an animation happens and how long its shutter is open:
/// tray_rust's `frames`, `scene_time`, `start_frame`, `end_frame` (in
/// `film`) and `shutter_size` (in `camera`).
///
/// The scene's `sceneTime` seconds are cut into `frames` equal frames: frame i
/// spans `[i T / F, (i + 1) T / F]`. The shutter opens at the frame's start
/// and stays open for `shutterSize` of the frame (a box shutter: every time
/// in it counts the same, and the image is as bright whatever its size).
///
/// ```swift
/// let timing = try FrameTiming(frames: 4, sceneTime: 2, startFrame: 0, endFrame: 3)
/// timing.frameInterval(2)     // 1.0 ... 1.5
/// timing.shutterInterval(2)   // 1.0 ... 1.25 (the default shutter is half a frame)
/// ```
///
/// A still image is one frame of a scene that lasts no time (``still``),
/// which is what tray_rust's static scenes write (`"frames": 1,
/// "scene_time": 0`). Every query is a few floating-point operations, in
/// `Double` so that frame 599 of 600 starts where it should.
public struct FrameTiming: Sendable, Equatable {
  /// How many frames the scene's time is cut into, at least 1.
  public let frames: Int
  /// The scene's length in seconds, zero or more.
  public let sceneTime: Float
  /// The first frame to render, from 0.
  public let startFrame: Int
  /// The last frame to render (inclusive), at least ``startFrame``, less than ``frames``.
  public let endFrame: Int
  /// The fraction of each frame the shutter is open for, in [0, 1]; 0
  /// renders the frame's first instant.
  public let shutterSize: Float

  /// tray_rust's default ``shutterSize``: half a frame.
  public static let defaultShutterSize: Float = 0.5

  /// A timing, or the first problem with it: fewer than 1 frame, a
  /// negative or non-finite scene time, a start frame outside
  /// `0 ..< frames`, an end frame outside `startFrame ..< frames`, or a
  /// shutter size outside [0, 1].
  public init(frames: Int, sceneTime: Float, startFrame: Int, endFrame: Int,
              shutterSize: Float = FrameTiming.defaultShutterSize) throws(FrameTimingError) {
    guard frames >= 1 else { throw FrameTimingError(.frames, "must be at least 1, found \(frames)") }
    guard sceneTime.isFinite && sceneTime >= 0 else {
      throw FrameTimingError(.sceneTime, "must be a number of seconds, zero or more, found \(sceneTime)")
    }
    guard (0..<frames).contains(startFrame) else {
      throw FrameTimingError(.startFrame, "must be a frame from 0 to \(frames - 1) (frames - 1), found \(startFrame)")
    }
    guard (startFrame..<frames).contains(endFrame) else {
      throw FrameTimingError(.endFrame,
                             "must be a frame from start_frame \(startFrame) to \(frames - 1) (frames - 1), found \(endFrame)")
    }
    guard shutterSize.isFinite && (0...1).contains(shutterSize) else {
      throw FrameTimingError(.shutterSize, "must be a fraction of the frame from 0 to 1, found \(shutterSize)")
    }
    self.init(checked: frames, sceneTime, startFrame, endFrame, shutterSize)
  }

  /// The memberwise initializer, for values already checked.
  private init(checked frames: Int, _ sceneTime: Float, _ startFrame: Int, _ endFrame: Int, _ shutterSize: Float) {
    self.frames = frames
    self.sceneTime = sceneTime
    self.startFrame = startFrame
    self.endFrame = endFrame
    self.shutterSize = shutterSize
  }

  /// One frame, at time 0, with the shutter open for no time.
  public static let still = FrameTiming(checked: 1, 0, 0, 0, 0)

  /// The frames to render, `startFrame ... endFrame`.
  public var frameRange: ClosedRange<Int> { startFrame...endFrame }

  /// The length of one frame in seconds, `sceneTime / frames`.
  public var frameLength: Float { Float(Double(sceneTime) / Double(frames)) }

  /// The times frame `frame` spans, `[i T / F, (i + 1) T / F]`. The
  /// caller passes a frame in `0 ..< frames`.
  public func frameInterval(_ frame: Int) -> ClosedRange<Float> {
    require((0..<frames).contains(frame), "frame \(frame) is not in 0..<\(frames)")
    return Float(start(of: frame))...Float(start(of: frame + 1))
  }

  /// The times frame `frame`'s shutter is open: from the frame's start for
  /// ``shutterSize`` of the frame.
  public func shutterInterval(_ frame: Int) -> ClosedRange<Float> {
    require((0..<frames).contains(frame), "frame \(frame) is not in 0..<\(frames)")
    let open = start(of: frame)
    let length = Double(sceneTime) / Double(frames)
    return Float(open)...Float(open + Double(shutterSize) * length)
  }

  /// The middle of frame `frame`, where tray_rust evaluates an animated
  /// field of view once per frame.
  public func midpoint(of frame: Int) -> Float {
    require((0..<frames).contains(frame), "frame \(frame) is not in 0..<\(frames)")
    return Float((start(of: frame) + start(of: frame + 1)) / 2)
  }

  /// `i T / F` in `Double`.
  private func start(of frame: Int) -> Double {
    Double(frame) * Double(sceneTime) / Double(frames)
  }
}
