import LightArena

/// What a surface is made of: the recipe for the BSDF at each of its points.
///
/// Materials are plain values, shared by every hit on objects that use them.
/// The BSDF a material builds lives in the arena scope of the camera sample
/// being traced and disappears with it.
///
/// ```json
/// { "name": "white_wall", "type": "matte", "diffuse": [0.740063, 0.742313, 0.733934], "roughness": 0.0 }
/// { "name": "blue_plastic", "type": "plastic", "diffuse": [0.1, 0.1, 0.8], "gloss": [1, 1, 1], "roughness": 0.05 }
/// ```
public enum Material: Sendable {
  /// A diffuse surface: Lambertian when `roughness` is 0, otherwise
  /// Oren-Nayar with σ = `roughness` in degrees (tray_rust's meaning).
  case matte(diffuse: Color, roughness: Float)
  /// A diffuse base under a glossy dielectric coat: Lambertian(`diffuse`)
  /// plus Torrance-Sparrow(`gloss`) with a Beckmann distribution of
  /// α = `roughness` and dielectric Fresnel from air to index 1.5.
  case plastic(diffuse: Color, gloss: Color, roughness: Float)

  /// The most BxDFs any material puts in one BSDF.
  static let maximumComponents = 2

  /// Builds the BSDF at `hit`, allocating it in the arena scope `alloc`
  /// (or on the heap, for the allocation ablation).
  @_lifetime(copy alloc)
  public func bsdf(at hit: SurfaceHit, alloc: ArenaAllocator, memory: ScratchMemory = .arena) -> BSDF {
    // Every BxDF here is isotropic, so any tangent will do: the branchless
    // basis around the normal is cheaper than orienting it along dp/du.
    var bsdf = BSDF(frame: ShadingFrame(normal: hit.shadingNormal),
                    geometricNormal: hit.n, capacity: Self.maximumComponents, alloc: alloc, memory: memory)
    switch self {
    case let .matte(diffuse, roughness):
      if roughness == 0 {
        bsdf.add(Lambertian(reflectance: diffuse))
      } else {
        bsdf.add(OrenNayar(reflectance: diffuse, sigmaDegrees: roughness))
      }
    case let .plastic(diffuse, gloss, roughness):
      // A black component contributes nothing; leaving it out saves its sampling effort.
      if !diffuse.isBlack { bsdf.add(Lambertian(reflectance: diffuse)) }
      if !gloss.isBlack {
        bsdf.add(TorranceSparrow(reflectance: gloss,
                                 // α = 0 would be a mirror, which a microfacet model cannot represent.
                                 distribution: BeckmannDistribution(alpha: max(roughness, 0.001)),
                                 fresnel: FresnelDielectric(etaI: 1, etaT: 1.5)))
      }
    }
    return bsdf
  }
}
