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

  @_lifetime(copy samples, copy alloc)
  public init(samples: PixelSamples, index: Int, alloc: ArenaAllocator) {
    self.samples = samples
    self.index = index
    self.alloc = alloc
    placedMotion = MotionPlacement()
  }

  /// A context whose paths read `placedMotion` (made in `alloc` for the sample's time).
  @_lifetime(copy samples, copy alloc, copy placedMotion)
  public init(samples: PixelSamples, index: Int, alloc: ArenaAllocator, placedMotion: consuming MotionPlacement) {
    self.samples = samples
    self.index = index
    self.alloc = alloc
    self.placedMotion = placedMotion
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
