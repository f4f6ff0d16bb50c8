/// Everything a scene file describes: geometry, materials, lights, camera,
/// integrator and film.
///
/// A scene is an immutable value shared by all worker threads; what is derived
/// from its parts (the light distribution, the BVH) is built once, here. How
/// one run renders it (threads, seed, shutter) is a ``RenderOptions``, and the run
/// may render it on another film than ``film``.
///
/// When something moves or a light's emission changes, the BVH's boxes and
/// the light distribution hold for one shutter interval: the film's first
/// frame's, until ``prepared(forShutter:)`` makes the scene for another.
/// A scene where nothing changes is the same for every shutter and is never rebuilt.
public struct Scene: Sendable {
  /// The camera of the film's start frame (see ``camera(forFrame:of:)`` for the others).
  public let camera: PerspectiveCamera
  /// Every camera and the frames each films; `nil` for a scene made with one camera.
  public let cameras: CameraSchedule?
  public let integrator: Integrator
  /// The film the file asks for (a run may render another one).
  public let film: FilmDescription
  public let materials: [Material]
  /// The textures that materials refer to by index (see ``TexturedColor``).
  public let textures: TextureTable
  /// The MERL tables that ``Material/measured(_:)`` materials point into.
  /// Held here so that they live as long as the scene (see ``MERLTable``).
  public let measuredBRDFTables: [MERLTable]
  /// The lights; an animated one as it is at time 0 (``light(_:at:)`` gives it at any time).
  public let lights: [Light]
  /// How the animated lights change, and for each light the index of its
  /// animation here, or -1 (empty when no light is animated).
  public let lightAnimations: [LightAnimation]
  let animationOfLight: [Int32]
  /// Chooses lights in proportion to their power; built from `lights`
  /// (with animated lights, their power averaged over ``shutter``).
  public private(set) var lightDistribution: LightDistribution
  /// Per primitive of `geometry`, in the same order: its material and area light.
  public let objects: [SceneObject]
  public private(set) var geometry: Aggregate
  /// True when some primitive moves or some light is animated: the BVH and
  /// the light distribution then depend on the shutter interval.
  public let isAnimated: Bool
  /// The shutter interval the BVH and light distribution were made for.
  public private(set) var shutter: ClosedRange<Float>

  /// A scene of these parts, with its BVH and light distribution made for
  /// `shutter` (by default the film's first frame's shutter interval).
  /// `lightAnimations[i]` says how light `i` changes, for the lights that do.
  /// O(n log n) in the elements (see ``Aggregate/init(_:shutter:)``).
  public init(camera: PerspectiveCamera, integrator: Integrator, film: FilmDescription,
              materials: [Material], lights: [Light], objects: [SceneObject], primitives: [Primitive],
              textures: TextureTable = TextureTable(), measuredBRDFTables: [MERLTable] = [],
              shutter: ClosedRange<Float>? = nil, cameras: CameraSchedule? = nil,
              lightAnimations: [Int: LightAnimation] = [:]) {
    require(objects.count == primitives.count, "\(objects.count) objects for \(primitives.count) primitives")
    let shutter = shutter ?? film.timing.shutterInterval(film.timing.startFrame)
    let moves = primitives.contains(where: \.isMoving)
    let lightsChange = !lightAnimations.isEmpty
    var animations: [LightAnimation] = []
    var animationOfLight: [Int32] = []
    if lightsChange {
      animationOfLight = Array(repeating: -1, count: lights.count)
      for (index, animation) in lightAnimations.sorted(by: { $0.key < $1.key }) {
        require(lights.indices.contains(index), "an animation for light \(index) of \(lights.count)")
        animationOfLight[index] = Int32(animations.count)
        animations.append(animation)
      }
    }
    self.lightAnimations = animations
    self.animationOfLight = animationOfLight
    self.camera = camera
    self.cameras = cameras
    self.integrator = integrator
    self.film = film
    self.materials = materials
    self.textures = textures
    self.measuredBRDFTables = measuredBRDFTables
    self.lights = lights
    self.objects = objects
    // A scene where nothing changes builds exactly what it did before animation existed.
    lightDistribution = lightsChange
      ? LightDistribution(powers: Self.averagePowers(lights, animations, animationOfLight, over: shutter))
      : LightDistribution(lights: lights)
    geometry = moves ? Aggregate(primitives, shutter: shutter) : Aggregate(primitives)
    isAnimated = moves || lightsChange
    self.shutter = shutter
  }

  /// The scene for a render over `shutter`: itself when nothing changes or
  /// when it was made for that interval; otherwise a copy whose BVH holds
  /// the moving primitives all through `shutter` (their small tree built
  /// again, ``Aggregate/withMotion(over:)``) and whose lights are chosen by
  /// their power averaged over it (O(lights)).
  /// Everything else (materials, textures, meshes' arrays) is shared.
  public func prepared(forShutter shutter: ClosedRange<Float>) -> Scene {
    guard isAnimated, shutter != self.shutter else { return self }
    var scene = self
    scene.shutter = shutter
    if !lightAnimations.isEmpty {
      scene.lightDistribution = LightDistribution(
        powers: Self.averagePowers(lights, lightAnimations, animationOfLight, over: shutter))
    }
    scene.geometry = geometry.withMotion(over: shutter)
    return scene
  }

  /// Each light's power, an animated light's averaged over `shutter`.
  static func averagePowers(_ lights: [Light], _ animations: [LightAnimation], _ animationOfLight: [Int32],
                            over shutter: ClosedRange<Float>) -> [Float] {
    lights.indices.map { index in
      let animation = animationOfLight[index]
      return animation < 0 ? lights[index].power : animations[Int(animation)].averagePower(over: shutter)
    }
  }

  /// Light `index` as it is at scene time `time`: the stored value for a
  /// light that never changes (an array read, as before animation
  /// existed), else its animation evaluated there (``LightAnimation/light(at:)``).
  @inline(__always)
  public func light(_ index: Int, at time: Float) -> Light {
    if lightAnimations.isEmpty { return lights[index] }
    let animation = animationOfLight[index]
    return animation < 0 ? lights[index] : lightAnimations[Int(animation)].light(at: time)
  }

  /// True when anything in the scene can change within a shutter interval:
  /// moving objects, animated lights, animated textures or a moving camera.
  /// A scene for which this is false looks the same at every time, so a
  /// render takes no shutter times for it and its image does not depend on
  /// the shutter.
  public var changesOverTime: Bool {
    isAnimated || !textures.keyframes.isEmpty || camera.motion != nil
      || (cameras?.entries.contains { $0.placement.isAnimated } ?? false)
  }

  /// The camera that films `frame` of `timing` (the film's frames), with its
  /// field of view at the frame's middle; `nil` when no camera of the
  /// ``cameras`` list is active yet. A scene of one camera films every frame with it.
  public func camera(forFrame frame: Int, of timing: FrameTiming) -> PerspectiveCamera? {
    guard let cameras else { return camera }
    return cameras.camera(forFrame: frame, of: timing)
  }

  /// The nearest surface along `ray`, or `nil` if it leaves the scene.
  /// `placed`: the moving primitives placed at the ray's time, if the
  /// caller has them (``SampleContext/placedMotion``).
  public func intersect(_ ray: Ray, placed: borrowing MotionPlacement = MotionPlacement()) -> SceneHit? {
    guard let (hit, index) = geometry.intersect(ray, placed: placed) else { return nil }
    return SceneHit(surface: hit, object: index)
  }

  /// Whether nothing blocks the segment from `surface` to `point` at scene
  /// time `time` (a shadow ray); `placed` as for ``intersect(_:placed:)``.
  public func isUnoccluded(from surface: SurfaceHit, to point: Point3, time: Float,
                           placed: borrowing MotionPlacement = MotionPlacement()) -> Bool {
    !geometry.intersects(spawnRay(from: surface, to: point, time: time), placed: placed)
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
