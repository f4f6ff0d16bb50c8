import RealModule

/// A pinhole camera, as in tray_rust's scene format.
///
/// In camera space the camera sits at the origin and looks along **+Z**, with
/// +X to the image's right and +Y up (pbrt's left-handed convention). The field
/// of view spans the image's *shorter* side. Raster coordinates start at the
/// top-left corner with y pointing down; pixel (x, y) covers
/// `[x, x + 1) × [y, y + 1)`, so its centre is at `(x + 0.5, y + 0.5)`.
///
/// ```json
/// "camera": { "fov": 30, "transform": [{ "type": "translate", "translation": [0, 12, -60] }] }
/// ```
public struct PerspectiveCamera: Sendable {
  /// Camera space to world space.
  public let cameraToWorld: Transform
  /// The full field of view across the shorter image side, in degrees.
  public let fieldOfView: Float
  public let width: Int
  public let height: Int

  /// Camera-space half extent of the image plane at z = 1, per raster pixel.
  private let scale: Float
  private let origin: Point3

  public init(cameraToWorld: Transform, fieldOfView: Float, width: Int, height: Int) {
    self.cameraToWorld = cameraToWorld
    self.fieldOfView = fieldOfView
    self.width = width
    self.height = height
    let tanHalf = Float.tan(fieldOfView.radians / 2)
    scale = 2 * tanHalf / Float(min(width, height))
    origin = cameraToWorld.apply(point: .zero)
  }

  /// The primary ray through the raster position `filmPoint`, with a unit-length direction.
  public func generateRay(filmPoint: Point2) -> Ray {
    let x = (filmPoint.x - Float(width) / 2) * scale
    let y = (Float(height) / 2 - filmPoint.y) * scale
    let direction = normalize(cameraToWorld.apply(vector: Vector3(x, y, 1)))
    return Ray(origin: origin, direction: direction)
  }
}
