import RealModule

/// A pinhole camera, as a tray_rust scene file describes it: where it is and
/// how wide it sees.
///
/// In camera space the camera sits at the origin and looks along **+Z**, with
/// +X to the image's right and +Y up (pbrt's left-handed convention). The field
/// of view spans the image's *shorter* side, so the same camera frames a
/// square, a wide and a tall film alike.
///
/// ```json
/// "camera": { "fov": 30, "transform": [{ "type": "translate", "translation": [0, 12, -60] }] }
/// ```
///
/// It has no resolution of its own: a render fits it to the film it renders
/// with ``fitted(toWidth:height:)``.
///
/// A camera with `keyframes` moves: each camera ray is generated from where
/// the camera is at the ray's time. A fixed camera pays nothing for this.
public struct PerspectiveCamera: Sendable {
  /// Camera space to world space (for a moving camera, at time 0).
  public let cameraToWorld: Transform
  /// Where camera space is at each moment, when the camera moves; `nil` when fixed.
  public let motion: AnimatedTransform?
  /// The full field of view across the shorter image side, in degrees.
  public let fieldOfView: Float

  /// A fixed camera.
  public init(cameraToWorld: Transform, fieldOfView: Float) {
    self.cameraToWorld = cameraToWorld
    motion = nil
    self.fieldOfView = fieldOfView
  }

  /// A camera placed by `placement`, which may move.
  public init(placement: AnimatedTransform, fieldOfView: Float) {
    cameraToWorld = placement.transform(at: 0)
    motion = placement.isAnimated ? placement : nil
    self.fieldOfView = fieldOfView
  }

  /// Camera space to world space at `time`.
  @inlinable
  public func cameraToWorld(at time: Float) -> Transform {
    guard let motion else { return cameraToWorld }
    return motion.transform(at: time)
  }

  /// The camera's rays for a film of `width` × `height` pixels.
  public func fitted(toWidth width: Int, height: Int) -> RasterCamera {
    RasterCamera(self, width: width, height: height)
  }
}

/// A ``PerspectiveCamera`` fitted to a film: it turns raster positions into rays.
///
/// Raster coordinates start at the top-left corner with y pointing down; pixel
/// (x, y) covers `[x, x + 1) × [y, y + 1)`, so its centre is at `(x + 0.5, y + 0.5)`.
public struct RasterCamera: Sendable {
  public let camera: PerspectiveCamera
  public let width: Int
  public let height: Int

  /// Camera-space extent of the image plane at z = 1 per raster pixel.
  private let scale: Float
  /// Whether the camera moves: a flag, so that a fixed camera's rays never
  /// touch (or retain) the motion.
  private let isMoving: Bool
  private let origin: Point3

  public init(_ camera: PerspectiveCamera, width: Int, height: Int) {
    self.camera = camera
    self.width = width
    self.height = height
    let tanHalf = Float.tan(camera.fieldOfView.radians / 2)
    scale = 2 * tanHalf / Float(min(width, height))
    origin = camera.cameraToWorld.apply(point: .zero)
    isMoving = camera.motion != nil
  }

  /// The primary ray through the raster position `filmPoint` at scene time
  /// `time`, with a unit-length direction. A moving camera evaluates its
  /// transform at `time` (one ``AnimatedTransform/transform(at:)`` per ray).
  public func generateRay(filmPoint: Point2, time: Float) -> Ray {
    let x = (filmPoint.x - Float(width) / 2) * scale
    let y = (Float(height) / 2 - filmPoint.y) * scale
    if isMoving, let motion = camera.motion {
      let toWorld = motion.transform(at: time)
      let direction = normalize(toWorld.apply(vector: Vector3(x, y, 1)))
      return Ray(origin: toWorld.apply(point: .zero), direction: direction, time: time)
    }
    let direction = normalize(camera.cameraToWorld.apply(vector: Vector3(x, y, 1)))
    return Ray(origin: origin, direction: direction, time: time)
  }
}
