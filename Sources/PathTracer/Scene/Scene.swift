/// Everything a scene file describes: geometry, materials, lights, camera,
/// integrator and film.
///
/// A scene is an immutable value shared by all worker threads; what is derived
/// from its parts (the light distribution, the BVH) is built once, here. How
/// one run renders it (threads, seed, time) is a ``RenderOptions``, and the run
/// may render it on another film than ``film``.
public struct Scene: Sendable {
  public let camera: PerspectiveCamera
  public let integrator: Integrator
  /// The film the file asks for (a run may render another one).
  public let film: FilmDescription
  public let materials: [Material]
  /// The textures that materials refer to by index (see ``TexturedColor``).
  public let textures: TextureTable
  /// The MERL tables that ``Material/measured(_:)`` materials point into.
  /// Held here so that they live as long as the scene (see ``MERLTable``).
  public let measuredBRDFTables: [MERLTable]
  public let lights: [Light]
  /// Chooses lights in proportion to their power; built from `lights`.
  public let lightDistribution: LightDistribution
  /// Per primitive of `geometry`, in the same order: its material and area light.
  public let objects: [SceneObject]
  public let geometry: Aggregate

  public init(camera: PerspectiveCamera, integrator: Integrator, film: FilmDescription,
              materials: [Material], lights: [Light], objects: [SceneObject], primitives: [Primitive],
              textures: TextureTable = TextureTable(), measuredBRDFTables: [MERLTable] = []) {
    require(objects.count == primitives.count, "\(objects.count) objects for \(primitives.count) primitives")
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

  /// Whether nothing blocks the segment from `surface` to `point` at scene
  /// time `time` (a shadow ray).
  public func isUnoccluded(from surface: SurfaceHit, to point: Point3, time: Float) -> Bool {
    !geometry.intersects(spawnRay(from: surface, to: point, time: time))
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
