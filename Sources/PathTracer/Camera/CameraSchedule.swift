/// Which camera films which frame: tray_rust's `cameras` list, each camera
/// taking over at its `active_at` frame.
///
/// ```json
/// "cameras": [{ "fov": 40, "transform": [...] },
///             { "fov": [30, 60], "fov_knots": [0, 0, 2, 2], "fov_spline_degree": 1,
///               "keyframes": {...}, "active_at": 24 }]
/// ```
/// The camera of frame f is the last (in `active_at` order) with
/// `active_at` ≤ f; a frame before every camera has none, which the scene
/// loader reports as an error (tray_rust underflows an index and panics).
/// A scene with a single `camera` is a schedule of one camera active from frame 0.
///
/// Each camera keeps its field of view as a spline over time, evaluated once
/// per frame at the frame's middle, as tray_rust does.
public struct CameraSchedule: Sendable {
  /// One camera of the list.
  public struct Entry: Sendable {
    /// The first frame this camera films.
    public var activeAt: Int
    /// Where the camera is at each moment.
    public var placement: AnimatedTransform
    /// The field of view in degrees over scene time.
    public var fieldOfView: BSpline<Float>

    public init(activeAt: Int, placement: AnimatedTransform, fieldOfView: BSpline<Float>) {
      self.activeAt = activeAt
      self.placement = placement
      self.fieldOfView = fieldOfView
    }

    /// The camera as it films `frame` of `timing`: its field of view at the frame's middle.
    public func camera(forFrame frame: Int, of timing: FrameTiming) -> PerspectiveCamera {
      PerspectiveCamera(placement: placement, fieldOfView: fieldOfView.evaluate(at: timing.midpoint(of: frame)))
    }
  }

  /// The cameras sorted by `activeAt` (a stable sort: of two cameras active
  /// at the same frame, the one listed later wins, being last).
  public let entries: [Entry]

  /// The schedule of `entries`, in any order. O(n log n).
  public init(_ entries: [Entry]) {
    self.entries = entries.enumerated().sorted {
      ($0.element.activeAt, $0.offset) < ($1.element.activeAt, $1.offset)
    }.map(\.element)
  }

  /// The index in ``entries`` of the camera that films `frame`, or `nil`
  /// when every camera becomes active later. O(n).
  public func entryIndex(forFrame frame: Int) -> Int? {
    entries.lastIndex { $0.activeAt <= frame }
  }

  /// The camera that films `frame` of `timing`, its field of view evaluated
  /// at the frame's middle, or `nil` when no camera is active yet.
  public func camera(forFrame frame: Int, of timing: FrameTiming) -> PerspectiveCamera? {
    entryIndex(forFrame: frame).map { entries[$0].camera(forFrame: frame, of: timing) }
  }
}
