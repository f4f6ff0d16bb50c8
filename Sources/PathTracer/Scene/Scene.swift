/// Everything needed to render: geometry, materials, lights, camera, integrator
/// and the film's settings, as read from a scene file.
///
/// A scene is an immutable value shared by all worker threads.
public struct Scene: Sendable {
  public var camera: PerspectiveCamera
  public var integrator: Integrator
  /// The film settings the file asks for (the command line may override them).
  public var film: RenderSettings
  public var materials: [Material]
  /// The textures that materials refer to by index (see ``TexturedColor``).
  public var textures: TextureTable
  /// The MERL tables that ``Material/measured(_:)`` materials point into.
  /// Held here so that they live as long as the scene (see ``MERLTable``).
  public let measuredBRDFTables: [MERLTable]
  public var lights: [Light]
  public let lightDistribution: LightDistribution
  /// Per primitive of `geometry`, in the same order: its material and area light.
  public var objects: [SceneObject]
  public let geometry: Aggregate

  public init(camera: PerspectiveCamera, integrator: Integrator, film: RenderSettings,
              materials: [Material], lights: [Light], objects: [SceneObject], primitives: [Primitive],
              textures: TextureTable = TextureTable(), measuredBRDFTables: [MERLTable] = []) {
    precondition(objects.count == primitives.count)
    self.camera = camera
    self.integrator = integrator
    self.film = film
    self.materials = materials
    self.textures = textures
    self.measuredBRDFTables = measuredBRDFTables
    self.lights = lights
    self.objects = objects
    lightDistribution = LightDistribution(lights: lights)
    geometry = Aggregate(primitives)
  }

  /// The nearest surface along `ray`, or `nil` if it leaves the scene.
  public func intersect(_ ray: Ray) -> SceneHit? {
    guard let (hit, index) = geometry.intersect(ray) else { return nil }
    return SceneHit(surface: hit, object: index)
  }

  /// Whether nothing blocks the segment from `surface` to `point` (a shadow ray).
  public func isUnoccluded(from surface: SurfaceHit, to point: Point3) -> Bool {
    !geometry.intersects(spawnRay(from: surface, to: point))
  }
}

/// What a scene primitive is made of and whether it glows.
public struct SceneObject: Sendable, BitwiseCopyable {
  /// Index into ``Scene/materials``.
  public var material: Int
  /// Index into ``Scene/lights`` when the primitive is an area light.
  public var light: Int?

  public init(material: Int, light: Int? = nil) {
    self.material = material
    self.light = light
  }
}

/// A ray's nearest hit in a scene.
public struct SceneHit: Sendable, BitwiseCopyable {
  public var surface: SurfaceHit
  /// Index into ``Scene/objects``.
  public var object: Int
}

extension Scene {
  /// The same scene rendered at another resolution: the camera keeps its field
  /// of view across the shorter side.
  public func withResolution(width: Int, height: Int) -> Scene {
    var scene = self
    scene.camera = PerspectiveCamera(cameraToWorld: camera.cameraToWorld, fieldOfView: camera.fieldOfView,
                                     width: width, height: height)
    scene.film.width = width
    scene.film.height = height
    return scene
  }
}
