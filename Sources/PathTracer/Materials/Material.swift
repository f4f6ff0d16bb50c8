import LightArena

/// What a surface is made of: the recipe for the BSDF at each of its points.
///
/// Materials are plain values, shared by every hit on objects that use them.
/// The BSDF a material builds lives in the arena scope of the camera sample
/// being traced and disappears with it. All materials are two-sided, except
/// that glass knows its inside (−Z, against the geometric normal) from its outside.
///
/// Every colour parameter may be a texture (``TexturedColor``) and so may
/// roughness and the index of refraction (``TexturedScalar``), as in tray_rust:
/// they are looked up at the hit's `uv` when the BSDF is built.
///
/// ```json
/// { "name": "white_wall", "type": "matte", "diffuse": [0.740063, 0.742313, 0.733934], "roughness": 0.0 }
/// { "name": "blue_plastic", "type": "plastic", "diffuse": [0.1, 0.1, 0.8], "gloss": [1, 1, 1], "roughness": 0.05 }
/// { "name": "silver", "type": "metal", "refractive_index": [0.155, 0.117, 0.138],
///   "absorption_coefficient": [4.828, 3.122, 2.147], "roughness": 0.2 }
/// { "name": "mirror", "type": "specular_metal", "refractive_index": [0.155, 0.117, 0.138],
///   "absorption_coefficient": [4.828, 3.122, 2.147] }
/// { "name": "glass", "type": "glass", "reflect": [1, 1, 1], "transmit": [1, 1, 1], "eta": 1.52 }
/// { "name": "frosted", "type": "rough_glass", "reflect": [1, 1, 1], "transmit": [1, 1, 1], "eta": 1.52,
///   "roughness": 0.1, "distribution": "ggx" }
/// { "name": "paint", "type": "merl", "file": "brdfs/blue-metallic-paint.binary" }
/// { "name": "parquet", "type": "matte", "diffuse": "wood", "roughness": 0 }
/// ```
public enum Material: Sendable, BitwiseCopyable {
  /// A diffuse surface: Lambertian where `roughness` is 0, otherwise
  /// Oren-Nayar with σ = `roughness` in degrees (tray_rust's meaning).
  case matte(diffuse: TexturedColor, roughness: TexturedScalar)
  /// A diffuse base under a glossy dielectric coat: Lambertian(`diffuse`)
  /// plus Torrance-Sparrow(`gloss`) with a microfacet distribution of
  /// α = `roughness` and dielectric Fresnel from air to index 1.5.
  case plastic(diffuse: TexturedColor, gloss: TexturedColor, roughness: TexturedScalar,
               distribution: MicrofacetModel = .beckmann)
  /// A rough metal: Torrance-Sparrow with the conductor Fresnel term of the
  /// complex index `refractiveIndex` + i·`absorptionCoefficient` (per channel)
  /// and a microfacet distribution of α = `roughness`. The metal's colour comes
  /// from the Fresnel term alone.
  case metal(refractiveIndex: TexturedColor, absorptionCoefficient: TexturedColor, roughness: TexturedScalar,
             distribution: MicrofacetModel = .beckmann)
  /// A polished metal: a perfect mirror with the conductor Fresnel term.
  case specularMetal(refractiveIndex: TexturedColor, absorptionCoefficient: TexturedColor)
  /// Smooth glass of index `eta` (outside is air, index 1): specular reflection
  /// scaled by `reflect` and specular refraction scaled by `transmit`, sharing
  /// one dielectric Fresnel term.
  case glass(reflect: TexturedColor, transmit: TexturedColor, eta: TexturedScalar)
  /// Frosted glass: microfacet reflection and microfacet refraction (Walter et
  /// al. 2007) sharing one dielectric Fresnel term and one distribution of
  /// α = `roughness`.
  case roughGlass(reflect: TexturedColor, transmit: TexturedColor, eta: TexturedScalar, roughness: TexturedScalar,
                  distribution: MicrofacetModel = .beckmann)
  /// A measured BRDF from the MERL database (JSON type `"merl"`). The BxDF
  /// is a pointer into a ``MERLTable``, which the ``Scene`` keeps alive; a
  /// material holding the table itself would make every copy of a material
  /// a reference-count update.
  case measured(MeasuredBRDF)

  /// The most BxDFs any material puts in one BSDF.
  static let maximumComponents = 2

  /// The least index of refraction glass gets. A constant `eta` must be
  /// positive, but a textured one can read 0 from a black texel, which would
  /// divide by zero in the Fresnel term.
  static let smallestEta: Float = 1e-3

  /// Builds the BSDF at `hit`, allocating it in the arena scope `alloc`.
  ///
  /// Textured parameters are looked up in `textures` (``Scene/textures``) at
  /// `hit.uv` and scene time `time` (the ray's); a material without textures
  /// needs neither. The BSDF keeps only the values found. `Components` is
  /// where the BSDF keeps its BxDFs, as the caller's type says:
  /// ``ArenaBxDFs`` except in the allocation ablation.
  ///
  /// ```swift
  /// let bsdf: BSDF<ArenaBxDFs> = material.bsdf(at: hit, time: ray.time, textures: scene.textures, alloc: alloc)
  /// ```
  ///
  /// Cost: a few pointer bumps and copies, plus one lookup per textured
  /// parameter; no heap allocation and no reference counting.
  @_lifetime(copy alloc)
  public func bsdf<Components: BxDFStorage & ~Copyable & ~Escapable>(
    at hit: SurfaceHit, time: Float = 0, textures: borrowing TextureTable = TextureTable(),
    alloc: ArenaAllocator
  ) -> BSDF<Components> {
    // Every parameter is looked up at the same texture coordinates and time.
    func lookUp(_ parameter: TexturedColor) -> Color { parameter.value(at: hit.uv, time: time, textures: textures) }
    func lookUp(_ parameter: TexturedScalar) -> Float { parameter.value(at: hit.uv, time: time, textures: textures) }

    // Every BxDF here is isotropic, so any tangent will do: the branchless
    // basis around the normal is cheaper than orienting it along dp/du.
    var bsdf = BSDF<Components>(frame: ShadingFrame(normal: hit.shadingNormal), geometricNormal: hit.n,
                                capacity: Self.maximumComponents, alloc: alloc)
    // A black component contributes nothing; leaving it out saves its sampling effort.
    switch self {
    case let .matte(diffuse, roughness):
      let reflectance = lookUp(diffuse)
      let sigma = lookUp(roughness)
      if sigma == 0 {
        bsdf.add(Lambertian(reflectance: reflectance))
      } else {
        bsdf.add(OrenNayar(reflectance: reflectance, sigmaDegrees: sigma))
      }

    case let .plastic(diffuse, gloss, roughness, model):
      let base = lookUp(diffuse)
      let coat = lookUp(gloss)
      if !base.isBlack { bsdf.add(Lambertian(reflectance: base)) }
      if !coat.isBlack {
        bsdf.addMicrofacetReflection(reflectance: coat, model: model, roughness: lookUp(roughness),
                                     fresnel: FresnelTwoSided(FresnelDielectric(etaI: 1, etaT: 1.5)))
      }

    case let .metal(refractiveIndex, absorptionCoefficient, roughness, model):
      let fresnel = FresnelConductor(eta: lookUp(refractiveIndex), k: lookUp(absorptionCoefficient))
      bsdf.addMicrofacetReflection(reflectance: .white, model: model, roughness: lookUp(roughness),
                                   fresnel: fresnel)

    case let .specularMetal(refractiveIndex, absorptionCoefficient):
      let fresnel = FresnelConductor(eta: lookUp(refractiveIndex), k: lookUp(absorptionCoefficient))
      bsdf.add(SpecularReflection(reflectance: .white, fresnel: fresnel))

    case let .glass(reflectParameter, transmitParameter, etaParameter):
      let reflect = lookUp(reflectParameter)
      let transmit = lookUp(transmitParameter)
      let eta = max(lookUp(etaParameter), Self.smallestEta)
      switch (reflect.isBlack, transmit.isBlack) {
      case (false, false):
        // One BxDF that picks reflection or refraction in proportion to the
        // Fresnel term: the same light as tray_rust's two BxDFs, with less noise.
        bsdf.add(FresnelSpecular(reflectance: reflect, transmittance: transmit, etaA: 1, etaB: eta))
      case (false, true):
        bsdf.add(SpecularReflection(reflectance: reflect, fresnel: FresnelDielectric(etaI: 1, etaT: eta)))
      case (true, false):
        bsdf.add(SpecularTransmission(transmittance: transmit, etaA: 1, etaB: eta))
      case (true, true):
        break
      }

    case let .roughGlass(reflectParameter, transmitParameter, etaParameter, roughness, model):
      let reflect = lookUp(reflectParameter)
      let transmit = lookUp(transmitParameter)
      let eta = max(lookUp(etaParameter), Self.smallestEta)
      let alpha = max(lookUp(roughness), MicrofacetModel.smallestAlpha)
      switch model {
      case .beckmann:
        bsdf.addRoughDielectric(reflect: reflect, transmit: transmit, eta: eta,
                                distribution: BeckmannDistribution(alpha: alpha))
      case .ggx:
        bsdf.addRoughDielectric(reflect: reflect, transmit: transmit, eta: eta,
                                distribution: GGXDistribution(alpha: alpha))
      }

    case let .measured(brdf):
      bsdf.add(brdf)
    }
    return bsdf
  }
}

// How the rough materials add their microfacet BxDFs, generic over the
// distribution so that each combination is a concrete, specialized BxDF type.
extension BSDF where Components: ~Copyable & ~Escapable {
  /// Adds one Torrance-Sparrow lobe (plastic's coat, a rough metal).
  fileprivate mutating func addMicrofacetReflection<Fresnel: FresnelTerm>(
    reflectance: Color, model: MicrofacetModel, roughness: Float, fresnel: Fresnel
  ) {
    let alpha = max(roughness, MicrofacetModel.smallestAlpha)
    switch model {
    case .beckmann:
      add(TorranceSparrow(reflectance: reflectance, distribution: BeckmannDistribution(alpha: alpha), fresnel: fresnel))
    case .ggx:
      add(TorranceSparrow(reflectance: reflectance, distribution: GGXDistribution(alpha: alpha), fresnel: fresnel))
    }
  }

  /// Adds rough glass: both lobes in one ``RoughDielectric``, or the one lobe
  /// whose colour is not black.
  fileprivate mutating func addRoughDielectric<Distribution: MicrofacetDistribution>(
    reflect: Color, transmit: Color, eta: Float, distribution: Distribution
  ) {
    let boundary = FresnelDielectric(etaI: 1, etaT: eta)
    switch (reflect.isBlack, transmit.isBlack) {
    case (false, false):
      add(RoughDielectric(reflect: reflect, transmit: transmit, eta: eta, distribution: distribution))
    case (false, true):
      add(TorranceSparrow(reflectance: reflect, distribution: distribution, fresnel: boundary))
    case (true, false):
      add(MicrofacetTransmission(transmittance: transmit, distribution: distribution, fresnel: boundary))
    case (true, true):
      break
    }
  }
}
