import LightArena
import Testing
@testable import PathTracer

// MARK: - Fixtures

/// A hit on a surface facing +Z at the origin: the world frame is the shading frame.
let upwardHit = SurfaceHit(t: 1, p: .zero, pError: .zero, n: Vector3(0, 0, 1), shadingNormal: Vector3(0, 0, 1),
                           uv: .zero, dpdu: Vector3(1, 0, 0))

/// Silver, tray_rust's `metal` in smallpt.json.
let silverIndex = Color(0.155265, 0.116723, 0.138381)
let silverAbsorption = Color(4.82835, 3.12225, 2.14696)

/// Whether an erased BxDF metatype names `type`.
func isType(_ metatype: any BxDF.Type, _ type: any BxDF.Type) -> Bool {
  ObjectIdentifier(metatype) == ObjectIdentifier(type)
}

/// The power a BSDF sample carries, `f |cos θi| / pdf`, with refraction's
/// radiance scale (η_o / η_i)² undone, for a boundary of index `eta` inside
/// and 1 outside (+Z). A lossless boundary gives 1 for every sample.
func power(of sample: BSDFSample, wo: Vector3, eta: Float) -> Color {
  let weight = sample.f * (abs(sample.wi.z) / sample.pdf)
  guard sample.wi.z * wo.z < 0 else { return weight }
  let (etaO, etaI): (Float, Float) = wo.z > 0 ? (1, eta) : (eta, 1)
  return weight * ((etaI * etaI) / (etaO * etaO))
}

/// The outgoing directions the material tests use: outside from head-on to
/// grazing, and inside (below the surface), where glass can reflect totally.
let materialDirections: [Vector3] = [
  direction(thetaDegrees: 5, phi: 0.3), direction(thetaDegrees: 45, phi: 1.2), direction(thetaDegrees: 80, phi: 2.1),
  -direction(thetaDegrees: 20, phi: 0.7), -direction(thetaDegrees: 60, phi: 2.9),
]

// MARK: - BSDFs built by materials

@Suite("Materials")
struct MaterialTests {
  @Test("rough glass is one plain RoughDielectric value in the arena: no pointer to anything")
  func roughGlassIsOneBxDF() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      // Probes on either side of the BSDF's allocations (one arena block has room for all).
      let start = UnsafeRawPointer(alloc.allocateBytes(byteCount: 1, alignment: 1).unsafeBaseAddress)
      let bsdf: BSDF<ArenaBxDFs> = Material.roughGlass(reflect: .white, transmit: .constant(Color(0.9, 0.9, 0.9)),
                                                       eta: 1.5, roughness: 0.3)
        .bsdf(at: upwardHit, alloc: alloc)
      let end = UnsafeRawPointer(alloc.allocateBytes(byteCount: 1, alignment: 1).unsafeBaseAddress)
      #expect(bsdf.count == 1)
      #expect(isType(bsdf.components[0].metatype, RoughDielectric<BeckmannDistribution>.self))
      let glass = bsdf.components[0].load(as: RoughDielectric<BeckmannDistribution>.self)
      #expect(glass.reflection.distribution.alpha == 0.3 && glass.transmission.distribution.alpha == 0.3)
      #expect(glass.reflection.fresnel.etaI == 1 && glass.reflection.fresnel.etaT == 1.5)
      #expect(glass.transmission.etaA == 1 && glass.transmission.etaB == 1.5)
      #expect(glass.transmission.transmittance == Color(0.9, 0.9, 0.9))
      bsdf.components[0].withUnsafePointer(as: RoughDielectric<BeckmannDistribution>.self) {
        #expect(UnsafeRawPointer($0) > start && UnsafeRawPointer($0) < end)
      }
      #expect(MemoryLayout<RoughDielectric<BeckmannDistribution>>.size <= 64)
      // Only one colour black: the other lobe alone.
      let frosted: BSDF<ArenaBxDFs> = Material.roughGlass(reflect: .black, transmit: .white, eta: 1.5, roughness: 0.3)
        .bsdf(at: upwardHit, alloc: alloc)
      #expect(frosted.count == 1 && isType(frosted.components[0].metatype, MicrofacetTransmission<BeckmannDistribution>.self))
    }
  }

  @Test("rough glass gives the values and samples of its two lobes as two components of a BSDF")
  func roughDielectricEqualsTwoComponents() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      for model in MicrofacetModel.allCases {
        let glass: BSDF<ArenaBxDFs> = Material.roughGlass(reflect: .white, transmit: .white, eta: 1.5, roughness: 0.4,
                                                          distribution: model)
          .bsdf(at: upwardHit, alloc: alloc)
        // What rough glass was before it was one BxDF: a reflecting and a refracting component.
        var lobes = BSDF<ArenaBxDFs>(frame: ShadingFrame(normal: upwardHit.shadingNormal),
                                     geometricNormal: upwardHit.n, capacity: 2, alloc: alloc)
        let boundary = FresnelDielectric(etaI: 1, etaT: 1.5)
        switch model {
        case .beckmann:
          lobes.add(TorranceSparrow(reflectance: .white, distribution: BeckmannDistribution(alpha: 0.4), fresnel: boundary))
          lobes.add(MicrofacetTransmission(transmittance: .white, distribution: BeckmannDistribution(alpha: 0.4),
                                           fresnel: boundary))
        case .ggx:
          lobes.add(TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: 0.4), fresnel: boundary))
          lobes.add(MicrofacetTransmission(transmittance: .white, distribution: GGXDistribution(alpha: 0.4),
                                           fresnel: boundary))
        }
        var rng = PCG32(seed: 71)
        for _ in 0..<2000 {
          let wo = uniformSampleSphere(rng.nextPoint2())
          let wi = uniformSampleSphere(rng.nextPoint2())
          #expect(glass.evaluate(wo: wo, wi: wi) == lobes.evaluate(wo: wo, wi: wi))
          #expect(glass.pdf(wo: wo, wi: wi) == lobes.pdf(wo: wo, wi: wi))
          let c = rng.nextFloat(), u = rng.nextPoint2()
          let one = glass.sample(wo: wo, componentSample: c, u: u), two = lobes.sample(wo: wo, componentSample: c, u: u)
          #expect(one?.wi == two?.wi && one?.f == two?.f && one?.pdf == two?.pdf && one?.flags == two?.flags)
        }
      }
    }
  }

  @Test("the allocation ablation's heap BSDF behaves exactly like the arena one",
        arguments: [
          Material.roughGlass(reflect: .white, transmit: .white, eta: 1.5, roughness: 0.2, distribution: .ggx),
          Material.plastic(diffuse: .constant(Color(0.2, 0.3, 0.8)), gloss: .white, roughness: .constant(0.1)),
        ])
  func heapBSDFMatchesArena(material: Material) {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let inArena: BSDF<ArenaBxDFs> = material.bsdf(at: upwardHit, alloc: alloc)
      let onHeap: BSDF<HeapBxDFs> = material.bsdf(at: upwardHit, alloc: alloc)
      #expect(onHeap.components.bxdfs.count == inArena.count)
      var rng = PCG32(seed: 72)
      for _ in 0..<500 {
        let wo = uniformSampleSphere(rng.nextPoint2())
        let wi = uniformSampleSphere(rng.nextPoint2())
        #expect(inArena.evaluate(wo: wo, wi: wi) == onHeap.evaluate(wo: wo, wi: wi))
        #expect(inArena.pdf(wo: wo, wi: wi) == onHeap.pdf(wo: wo, wi: wi))
        let c = rng.nextFloat(), u = rng.nextPoint2()
        #expect(inArena.sample(wo: wo, componentSample: c, u: u)?.wi == onHeap.sample(wo: wo, componentSample: c, u: u)?.wi)
      }
    }
  }

  @Test("a BSDF's sample agrees with evaluate and pdf where the shading normal leans away from the geometric one",
        arguments: [
          Material.matte(diffuse: .constant(Color(gray: 0.8)), roughness: .constant(0)),
          Material.matte(diffuse: .constant(Color(gray: 0.8)), roughness: .constant(20)),
          Material.metal(refractiveIndex: .constant(silverIndex), absorptionCoefficient: .constant(silverAbsorption),
                         roughness: .constant(0.5)),
          Material.plastic(diffuse: .constant(Color(gray: 0.5)), gloss: .white, roughness: .constant(0.3)),
          Material.roughGlass(reflect: .white, transmit: .white, eta: 1.5, roughness: 0.3),
        ])
  func sampleAgreesWithEvaluateOnBentNormals(material: Material) {
    // An interpolated mesh normal tilted 40° from the flat triangle's.
    var hit = upwardHit
    hit.shadingNormal = direction(thetaDegrees: 40, phi: 0)
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let bsdf: BSDF<ArenaBxDFs> = material.bsdf(at: hit, alloc: alloc)
      var rng = PCG32(seed: 73)
      var wrongSide = 0
      for _ in 0..<4000 {
        // Seen from above both surfaces, low over the side the shading normal leans away from.
        let wo = normalize(Vector3(-1, 0.3 * (rng.nextFloat() - 0.5), 0.9 + rng.nextFloat()))
        guard let s = bsdf.sample(wo: wo, componentSample: rng.nextFloat(), u: rng.nextPoint2()) else { continue }
        // Light arriving from below the geometric surface cannot be reflected toward wo, whatever the shading normal says.
        if s.wi.z * wo.z <= 0 && !s.flags.contains(.transmission) { wrongSide += 1 }
        // (Up to the rounding of wi's trip to world space and back.)
        let f = bsdf.evaluate(wo: wo, wi: s.wi)
        #expect(s.f.isBlack == f.isBlack && isApproximatelyEqual(s.f, f, relative: 1e-3), "wo \(wo) wi \(s.wi)")
        #expect(isApproximatelyEqual(s.pdf, bsdf.pdf(wo: wo, wi: s.wi), relative: 1e-3), "wo \(wo) wi \(s.wi)")
      }
      #expect(wrongSide > 50)  // the case the test is about happened
    }
  }

  @Test("smooth glass with reflect = transmit = 1 is lossless: every sample carries power 1, and weight at most 1 from outside")
  func glassIsLossless() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let bsdf: BSDF<ArenaBxDFs> = Material.glass(reflect: .white, transmit: .white, eta: 1.5).bsdf(at: upwardHit, alloc: alloc)
      let isSpecular = bsdf.isSpecular
      #expect(isSpecular)
      for (index, wo) in materialDirections.enumerated() {
        var rng = PCG32(seed: 73, stream: UInt64(index))
        var reflections = 0
        let n = 20_000
        for _ in 0..<n {
          guard let s = bsdf.sample(wo: wo, componentSample: rng.nextFloat(), u: rng.nextPoint2()) else {
            Issue.record("glass gave no sample for wo \(wo)")
            break
          }
          #expect(s.flags.isSpecular)
          #expect(isApproximatelyEqual(power(of: s, wo: wo, eta: 1.5), .white, relative: 1e-4), "wo \(wo): \(s)")
          if wo.z > 0 { #expect(s.f.r * abs(s.wi.z) / s.pdf <= 1.0001) }
          if s.flags.contains(.reflection) { reflections += 1 }
        }
        // Reflection is chosen with probability F (to five standard deviations).
        let fresnel = Double(FresnelDielectric(etaI: 1, etaT: 1.5).reflectance(cosThetaI: wo.z))
        let sigma = (Double(n) * fresnel * (1 - fresnel)).squareRoot()
        #expect(abs(Double(reflections) - fresnel * Double(n)) <= 5 * sigma + 1, "wo \(wo)")
      }
    }
  }

  @Test("glass with only one colour keeps only that half: a black part is left out",
        arguments: [(Color.white, Color.black), (Color.black, Color.white)])
  func glassHalves(reflect: Color, transmit: Color) {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let bsdf: BSDF<ArenaBxDFs> = Material.glass(reflect: .constant(reflect), transmit: .constant(transmit), eta: 1.5).bsdf(at: upwardHit, alloc: alloc)
      #expect(bsdf.count == 1)
      let wo = direction(thetaDegrees: 30, phi: 1)
      let s = bsdf.sample(wo: wo, componentSample: 0.5, u: Point2(0.5, 0.5))
      let fresnel = FresnelDielectric(etaI: 1, etaT: 1.5).reflectance(cosThetaI: wo.z)
      if transmit.isBlack {
        #expect(s?.flags == [.reflection, .specular])
        #expect(isApproximatelyEqual(s.map { power(of: $0, wo: wo, eta: 1.5) } ?? .black, Color(gray: fresnel)))
      } else {
        #expect(s?.flags == [.transmission, .specular])
        #expect(isApproximatelyEqual(s.map { power(of: $0, wo: wo, eta: 1.5) } ?? .black, Color(gray: 1 - fresnel)))
      }
    }
  }

  @Test("rough glass, rough metal and plastic's coat neither create energy nor lose much, on either side, for both distributions",
        arguments: MicrofacetModel.allCases)
  func roughMaterialsConserveEnergy(model: MicrofacetModel) {
    // Each with the least power it may keep. Only the light that would scatter
    // again among the microfacets is lost, which grows with α (most for rough
    // glass seen from inside); a dielectric coat alone reflects little head-on.
    let materials: [(name: String, material: Material, least: Double)] = [
      ("rough glass α=0.05", .roughGlass(reflect: .white, transmit: .white, eta: 1.5, roughness: 0.05, distribution: model), 0.9),
      ("rough glass α=0.5", .roughGlass(reflect: .white, transmit: .white, eta: 1.5, roughness: 0.5, distribution: model), 0.55),
      ("metal α=0.2", .metal(refractiveIndex: .constant(silverIndex), absorptionCoefficient: .constant(silverAbsorption), roughness: 0.2,
                              distribution: model), 0.75),
      ("plastic's coat α=0.1", .plastic(diffuse: .black, gloss: .white, roughness: 0.1, distribution: model), 0.02),
    ]
    var arena = MemoryArena()
    for (name, material, least) in materials {
      arena.withAllocator { alloc in
        let bsdf: BSDF<ArenaBxDFs> = material.bsdf(at: upwardHit, alloc: alloc)
        let isSpecular = bsdf.isSpecular
        #expect(!isSpecular)
        for (index, wo) in materialDirections.enumerated() {
          var rng = PCG32(seed: 74, stream: UInt64(index))
          let n = 20_000
          var sum = 0.0, sumOfSquares = 0.0
          for _ in 0..<n {
            guard let s = bsdf.sample(wo: wo, componentSample: rng.nextFloat(), u: rng.nextPoint2()) else { continue }
            let p = power(of: s, wo: wo, eta: 1.5).maxComponent
            #expect(p.isFinite && p >= 0, "\(name) wo \(wo): \(s)")
            sum += Double(p)
            sumOfSquares += Double(p) * Double(p)
          }
          let mean = sum / Double(n)
          let standardError = ((sumOfSquares / Double(n) - mean * mean) / Double(n)).squareRoot()
          #expect(mean <= 1 + 4 * standardError + 1e-3, "\(name) wo \(wo): \(mean) ± \(standardError)")
          #expect(mean > least, "\(name) wo \(wo): \(mean)")
        }
      }
    }
  }

  @Test("a polished metal reflects the mirror direction with the conductor Fresnel term, and nothing else")
  func specularMetal() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let bsdf: BSDF<ArenaBxDFs> = Material.specularMetal(refractiveIndex: .constant(silverIndex), absorptionCoefficient: .constant(silverAbsorption))
        .bsdf(at: upwardHit, alloc: alloc)
      #expect(bsdf.isSpecular && bsdf.count == 1)
      let conductor = FresnelConductor(eta: silverIndex, k: silverAbsorption)
      for wo in materialDirections {
        let sampled = bsdf.sample(wo: wo, componentSample: 0.3, u: Point2(0.2, 0.9))
        let s = try! #require(sampled)
        #expect(length(s.wi - Vector3(-wo.x, -wo.y, wo.z)) < 1e-5)
        #expect(isApproximatelyEqual(s.f * (abs(s.wi.z) / s.pdf), conductor.evaluate(cosThetaI: wo.z), relative: 1e-4))
        #expect(bsdf.evaluate(wo: wo, wi: s.wi).isBlack && bsdf.pdf(wo: wo, wi: s.wi) == 0)
      }
    }
  }

  @Test("the distribution key selects Beckmann or GGX for plastic, metal and rough glass")
  func distributionSelection() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let ggxPlastic: BSDF<ArenaBxDFs> = Material.plastic(diffuse: .white, gloss: .white, roughness: 0.1, distribution: .ggx)
        .bsdf(at: upwardHit, alloc: alloc)
      #expect(isType(ggxPlastic.components[1].metatype, TorranceSparrow<GGXDistribution, FresnelTwoSided<FresnelDielectric>>.self))
      let beckmannPlastic: BSDF<ArenaBxDFs> = Material.plastic(diffuse: .white, gloss: .white, roughness: 0.1)
        .bsdf(at: upwardHit, alloc: alloc)
      #expect(isType(beckmannPlastic.components[1].metatype, TorranceSparrow<BeckmannDistribution, FresnelTwoSided<FresnelDielectric>>.self))
      let ggxMetal: BSDF<ArenaBxDFs> = Material.metal(refractiveIndex: .constant(silverIndex), absorptionCoefficient: .constant(silverAbsorption), roughness: 0.1,
                                    distribution: .ggx).bsdf(at: upwardHit, alloc: alloc)
      #expect(isType(ggxMetal.components[0].metatype, TorranceSparrow<GGXDistribution, FresnelConductor>.self))
      let beckmannMetal: BSDF<ArenaBxDFs> = Material.metal(refractiveIndex: .constant(silverIndex), absorptionCoefficient: .constant(silverAbsorption),
                                         roughness: 0.1).bsdf(at: upwardHit, alloc: alloc)
      #expect(isType(beckmannMetal.components[0].metatype, TorranceSparrow<BeckmannDistribution, FresnelConductor>.self))
      let ggxGlass: BSDF<ArenaBxDFs> = Material.roughGlass(reflect: .white, transmit: .white, eta: 1.5, roughness: 0.1, distribution: .ggx)
        .bsdf(at: upwardHit, alloc: alloc)
      #expect(isType(ggxGlass.components[0].metatype, RoughDielectric<GGXDistribution>.self))
      // Roughness 0 would be a delta, which a microfacet model cannot be: it is clamped.
      let smooth: BSDF<ArenaBxDFs> = Material.metal(refractiveIndex: .constant(silverIndex), absorptionCoefficient: .constant(silverAbsorption), roughness: 0)
        .bsdf(at: upwardHit, alloc: alloc)
      let alpha = smooth.components[0].load(as: TorranceSparrow<BeckmannDistribution, FresnelConductor>.self).distribution.alpha
      #expect(alpha == MicrofacetModel.smallestAlpha)
    }
  }
}

// MARK: - Materials in rendered images

/// A closed box with a ceiling light and a 4 × 3 grid of spheres, one per
/// material variant (every material type, both distributions, half-glass),
/// seen from inside the box: paths bounce between all of them.
func everyMaterialScene(size: Int, samples: Int) -> String {
  let silver = "\"refractive_index\": [0.155, 0.117, 0.138], \"absorption_coefficient\": [4.83, 3.12, 2.15]"
  let materials = [
    "{ \"name\": \"lambert\", \"type\": \"matte\", \"diffuse\": [0.8, 0.8, 0.8], \"roughness\": 0 }",
    "{ \"name\": \"oren_nayar\", \"type\": \"matte\", \"diffuse\": [0.7, 0.3, 0.3], \"roughness\": 20 }",
    "{ \"name\": \"plastic\", \"type\": \"plastic\", \"diffuse\": [0.2, 0.2, 0.8], \"gloss\": [1, 1, 1], \"roughness\": 0.05 }",
    "{ \"name\": \"plastic_ggx\", \"type\": \"plastic\", \"diffuse\": [0.2, 0.8, 0.2], \"gloss\": [1, 1, 1], \"roughness\": 0.2, \"distribution\": \"ggx\" }",
    "{ \"name\": \"metal\", \"type\": \"metal\", \(silver), \"roughness\": 0.2 }",
    "{ \"name\": \"metal_ggx\", \"type\": \"metal\", \(silver), \"roughness\": 0.05, \"distribution\": \"ggx\" }",
    "{ \"name\": \"mirror\", \"type\": \"specular_metal\", \(silver) }",
    "{ \"name\": \"glass\", \"type\": \"glass\", \"reflect\": [1, 1, 1], \"transmit\": [1, 1, 1], \"eta\": 1.52 }",
    "{ \"name\": \"clear_only\", \"type\": \"glass\", \"reflect\": [0, 0, 0], \"transmit\": [0.9, 1, 0.9], \"eta\": 1.33 }",
    "{ \"name\": \"rough_glass\", \"type\": \"rough_glass\", \"reflect\": [1, 1, 1], \"transmit\": [1, 1, 1], \"eta\": 1.5, \"roughness\": 0.1 }",
    "{ \"name\": \"rough_glass_ggx\", \"type\": \"rough_glass\", \"reflect\": [1, 1, 1], \"transmit\": [1, 1, 1], \"eta\": 1.5, \"roughness\": 0.4, \"distribution\": \"ggx\" }",
    "{ \"name\": \"rough_glass_smooth\", \"type\": \"rough_glass\", \"reflect\": [1, 1, 1], \"transmit\": [1, 1, 1], \"eta\": 1.5, \"roughness\": 0 }",
  ]
  let names = ["lambert", "oren_nayar", "plastic", "plastic_ggx", "metal", "metal_ggx", "mirror", "glass",
               "clear_only", "rough_glass", "rough_glass_ggx", "rough_glass_smooth"]
  var objects: [String] = []
  for (index, name) in names.enumerated() {
    let x = Float(index % 4) * 2.2 - 3.3, y = Float(index / 4) * 2.2 - 2.2
    objects.append("""
      { "name": "\(name)_ball", "type": "receiver", "material": "\(name)", "geometry": { "type": "sphere", "radius": 1 },
        "transform": [{ "type": "translate", "translation": [\(x), \(y), 2] }] }
      """)
  }
  // Walls of a 12 × 12 × 12 box around the origin (planes are two-sided matte).
  let walls: [(String, String)] = [
    ("back", "{ \"type\": \"translate\", \"translation\": [0, 0, 6] }"),
    ("front", "{ \"type\": \"translate\", \"translation\": [0, 0, -6] }"),
    ("floor", "{ \"type\": \"rotate_x\", \"rotation\": 90 }, { \"type\": \"translate\", \"translation\": [0, -6, 0] }"),
    ("ceiling", "{ \"type\": \"rotate_x\", \"rotation\": 90 }, { \"type\": \"translate\", \"translation\": [0, 6, 0] }"),
    ("left", "{ \"type\": \"rotate_y\", \"rotation\": 90 }, { \"type\": \"translate\", \"translation\": [-6, 0, 0] }"),
    ("right", "{ \"type\": \"rotate_y\", \"rotation\": 90 }, { \"type\": \"translate\", \"translation\": [6, 0, 0] }"),
  ]
  for (name, placement) in walls {
    objects.append("""
      { "name": "\(name)", "type": "receiver", "material": "\(name == "left" ? "oren_nayar" : "lambert")",
        "geometry": { "type": "plane" }, "transform": [{ "type": "scale", "scaling": 6 }, \(placement)] }
      """)
  }
  objects.append("""
    { "name": "light", "type": "emitter", "emitter": "area", "material": "lambert", "emission": [1, 0.9, 0.8, 8],
      "geometry": { "type": "rectangle", "width": 4, "height": 4 },
      "transform": [{ "type": "rotate_x", "rotation": 90 }, { "type": "translate", "translation": [0, 5.95, 0] }] }
    """)
  return """
    {
      "film": { "width": \(size), "height": \(size), "samples": \(samples),
                "filter": { "type": "mitchell_netravali", "width": 2, "height": 2, "b": 0.33, "c": 0.33 } },
      "camera": { "fov": 60, "transform": [{ "type": "translate", "translation": [0, 0, -5] }] },
      "integrator": { "type": "pathtracer", "min_depth": 3, "max_depth": 10 },
      "materials": [\(materials.joined(separator: ",\n"))],
      "objects": [\(objects.joined(separator: ",\n"))]
    }
    """
}

/// A camera with a very narrow view at (0, 0, -10) looking along +Z at a unit
/// sphere of `material` at the origin, with a 40 × 40 emitter of radiance 1
/// either behind the sphere (facing the camera) or behind the camera (facing the sphere).
func narrowViewOfSphere(material: String, lightBehindCamera: Bool, samples: Int = 256) -> String {
  let light = lightBehindCamera
    ? "[{ \"type\": \"translate\", \"translation\": [0, 0, -20] }]"
    : "[{ \"type\": \"rotate_y\", \"rotation\": 180 }, { \"type\": \"translate\", \"translation\": [0, 0, 5] }]"
  return """
    {
      "film": { "width": 4, "height": 4, "samples": \(samples),
                "filter": { "type": "gaussian", "width": 0.5, "height": 0.5, "alpha": 0.01 } },
      "camera": { "fov": 0.5, "transform": [{ "type": "translate", "translation": [0, 0, -10] }] },
      "integrator": { "type": "pathtracer", "min_depth": 12, "max_depth": 12 },
      "materials": [
        \(material),
        { "name": "black", "type": "matte", "diffuse": [0, 0, 0], "roughness": 0 }
      ],
      "objects": [
        { "name": "ball", "type": "receiver", "material": "ball", "geometry": { "type": "sphere", "radius": 1 } },
        { "name": "light", "type": "emitter", "emitter": "area", "material": "black", "emission": [1, 1, 1],
          "geometry": { "type": "rectangle", "width": 40, "height": 40 }, "transform": \(light) }
      ]
    }
    """
}

@Suite("Materials in renders")
struct MaterialRenderTests {
  @Test("a scene with every material renders without a single NaN or infinite sample")
  func everyMaterialIsFinite() throws {
    let scene = try SceneLoader.parse(everyMaterialScene(size: 48, samples: 16), fileName: "every.json")
    var options = RenderOptions()
    options.threads = 2
    let (image, report) = Renderer.render(scene, options: options)
    #expect(report.droppedSamples == 0)
    #expect(image.allSatisfy { $0.isFinite && $0.rgb.min() >= 0 })
    // Something is lit: the mean is well above black.
    let mean = image.reduce(Float(0)) { $0 + $1.luminance } / Float(image.count)
    #expect(mean > 0.05, "mean luminance \(mean)")
  }

  @Test("seen through the middle of a glass ball, a light of radiance 1 has radiance (1 − F)/(1 + F)")
  func lightThroughGlassBall() throws {
    // Head-on, each pass through a surface transmits 1 − F; light bouncing
    // back and forth inside adds the series (1 − F)² (1 + F² + F⁴ + …).
    // The radiance scale η² of entering is undone on leaving. Every vertex is
    // specular, so this checks that the integrator counts emission found after
    // specular bounces with weight 1, inside and outside the ball.
    let material = "{ \"name\": \"ball\", \"type\": \"glass\", \"reflect\": [1, 1, 1], \"transmit\": [1, 1, 1], \"eta\": 1.5 }"
    let scene = try SceneLoader.parse(narrowViewOfSphere(material: material, lightBehindCamera: false), fileName: "glass.json")
    let (image, report) = Renderer.render(scene)
    let mean = image.reduce(Float(0)) { $0 + $1.g } / Float(image.count)
    let fresnel: Float = 0.04  // ((1.5 − 1) / (1.5 + 1))²
    let expected = (1 - fresnel) / (1 + fresnel)
    #expect(abs(mean - expected) < 0.015, "mean \(mean), expected \(expected)")
    #expect(report.droppedSamples == 0)
  }

  @Test("seen through the middle of a rough glass ball, a light of radiance 1 is nearly as bright as through clear glass")
  func lightThroughRoughGlassBall() throws {
    let material = """
      { "name": "ball", "type": "rough_glass", "reflect": [1, 1, 1], "transmit": [1, 1, 1], "eta": 1.5, "roughness": 0.05 }
      """
    let scene = try SceneLoader.parse(narrowViewOfSphere(material: material, lightBehindCamera: false), fileName: "rough.json")
    let (image, report) = Renderer.render(scene)
    let mean = image.reduce(Float(0)) { $0 + $1.g } / Float(image.count)
    // A little less than 0.923: rough surfaces scatter some light sideways, past the light.
    #expect(mean > 0.8 && mean < 0.95, "mean \(mean)")
    #expect(report.droppedSamples == 0)
  }

  @Test("a polished silver ball seen head-on mirrors the light behind the camera, scaled by the conductor Fresnel term")
  func mirrorBall() throws {
    let material = "{ \"name\": \"ball\", \"type\": \"specular_metal\", \(SceneLoaderTests.silver) }"
    let scene = try SceneLoader.parse(narrowViewOfSphere(material: material, lightBehindCamera: true, samples: 16),
                                      fileName: "mirror.json")
    let (image, report) = Renderer.render(scene)
    let expected = FresnelConductor(eta: Color(0.155, 0.117, 0.138), k: Color(4.83, 3.12, 2.15)).evaluate(cosThetaI: 1)
    for pixel in image {
      #expect(isApproximatelyEqual(pixel, expected, relative: 2e-3), "\(pixel) vs \(expected)")
    }
    #expect(report.droppedSamples == 0)
  }
}
