import LightArena

/// What one camera sample's path draws on besides the scene: its random
/// numbers and the arena scope its BSDFs live in.
///
/// The ``TileRenderer`` makes one per camera sample and hands it to the
/// integrator, which stays the same value for the whole run: nothing about a
/// sample is written into it. The ray carries the sample's time.
///
/// `Components` is where the sample's BSDFs keep their BxDFs: ``ArenaBxDFs``,
/// or ``HeapBxDFs`` in the allocation ablation.
public struct SampleContext<Components: BxDFStorage & ~Copyable & ~Escapable>: ~Escapable {
  /// The sample sets of the pixel (or of the adaptive sampler's batch).
  public let samples: PixelSamples
  /// Which camera sample of `samples` this path is.
  public let index: Int
  /// The camera sample's arena scope: every BSDF along the path is allocated
  /// here, and all of them are released together when the sample is done.
  public let alloc: ArenaAllocator
  /// The scene's moving primitives placed at the sample's time, in the
  /// sample's scope (empty for a still scene): every ray of the path reads
  /// them instead of evaluating transforms.
  public let placedMotion: MotionPlacement
  /// The scene's still area lights as plain values, for light sampling
  /// without copying each light out of its enum (empty: sample through the scene).
  let stillAreaLights: StillAreaLights.View

  @_lifetime(copy samples, copy alloc)
  public init(samples: PixelSamples, index: Int, alloc: ArenaAllocator) {
    self.samples = samples
    self.index = index
    self.alloc = alloc
    placedMotion = MotionPlacement()
    stillAreaLights = StillAreaLights.View()
  }

  /// A context whose paths read `placedMotion` (made in `alloc` for the sample's time).
  @_lifetime(copy samples, copy alloc, copy placedMotion)
  public init(samples: PixelSamples, index: Int, alloc: ArenaAllocator, placedMotion: consuming MotionPlacement) {
    self.samples = samples
    self.index = index
    self.alloc = alloc
    self.placedMotion = placedMotion
    stillAreaLights = StillAreaLights.View()
  }

  /// A context whose paths also sample the scene's still area lights from `stillAreaLights`.
  @_lifetime(copy samples, copy alloc, copy placedMotion, copy stillAreaLights)
  init(samples: PixelSamples, index: Int, alloc: ArenaAllocator, placedMotion: consuming MotionPlacement,
       stillAreaLights: StillAreaLights.View) {
    self.samples = samples
    self.index = index
    self.alloc = alloc
    self.placedMotion = placedMotion
    self.stillAreaLights = stillAreaLights
  }

  /// The sample values of path vertex `bounce`.
  public func vertex(_ bounce: Int) -> VertexSamples {
    samples.vertex(sample: index, bounce: bounce)
  }

  /// The BSDF of the surface at `hit`, found by a ray at scene time `time`,
  /// built in the sample's arena scope.
  @_lifetime(copy self)
  public func bsdf(at hit: SceneHit, time: Float, in scene: Scene) -> BSDF<Components> {
    scene.materials[scene.objects[hit.object].material]
      .bsdf(at: hit.surface, time: time, textures: scene.textures, alloc: alloc)
  }
}
