import Testing
import CMallocCounter
@testable import PathTracer
// The C library's math and memory functions; its module has a different name on each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Test fixtures

/// A named BxDF, so that parameterized tests report which one failed.
struct BxDFCase: Sendable, CustomTestStringConvertible {
  let name: String
  let bxdf: any BxDF
  var testDescription: String { name }
}

let gold = FresnelConductor(eta: Color(0.143, 0.374, 1.442), k: Color(3.983, 2.385, 1.603))

/// Every non-delta BxDF, with parameters covering smooth to very rough.
let glossyAndDiffuseCases: [BxDFCase] = [
  BxDFCase(name: "Lambertian", bxdf: Lambertian(reflectance: Color(0.8, 0.5, 0.2))),
  BxDFCase(name: "Oren-Nayar σ=20°", bxdf: OrenNayar(reflectance: Color(0.9, 0.6, 0.3), sigmaDegrees: 20)),
  BxDFCase(name: "Oren-Nayar σ=60°", bxdf: OrenNayar(reflectance: Color(gray: 1), sigmaDegrees: 60)),
  BxDFCase(name: "Torrance-Sparrow Beckmann α=0.3",
           bxdf: TorranceSparrow(reflectance: .white, distribution: BeckmannDistribution(alpha: 0.3), fresnel: FresnelNoOp())),
  BxDFCase(name: "Torrance-Sparrow Beckmann α=0.8",
           bxdf: TorranceSparrow(reflectance: .white, distribution: BeckmannDistribution(alpha: 0.8), fresnel: FresnelNoOp())),
  BxDFCase(name: "Torrance-Sparrow GGX α=0.3",
           bxdf: TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: 0.3), fresnel: FresnelNoOp())),
  BxDFCase(name: "Torrance-Sparrow GGX α=0.8",
           bxdf: TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: 0.8), fresnel: FresnelNoOp())),
  BxDFCase(name: "plastic coat: Torrance-Sparrow Beckmann α=0.5, dielectric 1→1.5",
           bxdf: TorranceSparrow(reflectance: .white, distribution: BeckmannDistribution(alpha: 0.5),
                                 fresnel: FresnelDielectric(etaI: 1, etaT: 1.5))),
  BxDFCase(name: "gold: Torrance-Sparrow GGX α=0.4, conductor",
           bxdf: TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: 0.4), fresnel: gold)),
  BxDFCase(name: "measured: a synthetic shiny MERL table", bxdf: MeasuredBRDF(table: smoothMERLTable)),
]

/// Rough glass transmission (air 1 to glass 1.5), seen from both sides.
let roughTransmissionCases: [BxDFCase] = [
  BxDFCase(name: "microfacet transmission Beckmann α=0.3",
           bxdf: MicrofacetTransmission(transmittance: .white, distribution: BeckmannDistribution(alpha: 0.3), etaA: 1, etaB: 1.5)),
  BxDFCase(name: "microfacet transmission GGX α=0.5",
           bxdf: MicrofacetTransmission(transmittance: Color(1, 0.9, 0.8), distribution: GGXDistribution(alpha: 0.5), etaA: 1, etaB: 1.5)),
  BxDFCase(name: "rough dielectric (both lobes) Beckmann α=0.3",
           bxdf: RoughDielectric(reflect: .white, transmit: .white, eta: 1.5, distribution: BeckmannDistribution(alpha: 0.3))),
]

/// Every BxDF with a non-delta lobe.
let nonSpecularCases = glossyAndDiffuseCases + roughTransmissionCases

/// A unit direction in the shading frame from polar angle θ (degrees) and φ (radians).
func direction(thetaDegrees: Float, phi: Float) -> Vector3 {
  let theta = thetaDegrees.radians
  return sphericalDirection(sinTheta: sin(theta), cosTheta: cos(theta), phi: phi)
}

/// Outgoing directions from head-on to grazing, and a few below the surface to
/// check that the reflection BxDFs are two-sided.
let outgoingDirections: [Vector3] = [
  direction(thetaDegrees: 0.5, phi: 0.3),
  direction(thetaDegrees: 30, phi: 1.0),
  direction(thetaDegrees: 60, phi: 2.5),
  direction(thetaDegrees: 80, phi: 4.0),
  direction(thetaDegrees: 87, phi: 5.0),
  direction(thetaDegrees: 89.4, phi: 0.7),  // cos θ ≈ 0.01
  -direction(thetaDegrees: 45, phi: 3.0),
  -direction(thetaDegrees: 85, phi: 1.5),
]

/// The directions the (expensive) chi-square tests run for.
let chiSquareOutgoingDirections: [Vector3] = [
  direction(thetaDegrees: 10, phi: 0.4),
  direction(thetaDegrees: 55, phi: 2.0),
  direction(thetaDegrees: 82, phi: 4.2),
  -direction(thetaDegrees: 50, phi: 1.1),
]

/// The directional albedo ∫ f(wo, wi) |cos θi| dωi estimated with the BxDF's own
/// importance sampling (the mean of f |cos θi| / pdf, failed samples counting 0),
/// the standard error of that mean (of the largest channel), and the largest
/// single-sample weight.
func albedo(of bxdf: some BxDF, wo: Vector3, sampleCount: Int, seed: UInt64)
  -> (albedo: Color, standardError: Float, maxWeight: Float)
{
  var rng = PCG32(seed: seed, stream: 3)
  var sum = SIMD3<Double>.zero
  var sumOfSquares = 0.0
  var maxWeight: Float = 0
  for _ in 0..<sampleCount {
    guard let s = bxdf.sample(wo: wo, uc: rng.nextFloat(), u: rng.nextPoint2()), s.pdf > 0 else { continue }
    let weight = s.f * (absCosTheta(s.wi) / s.pdf)
    maxWeight = max(maxWeight, weight.maxComponent)
    sum += SIMD3<Double>(Double(weight.r), Double(weight.g), Double(weight.b))
    sumOfSquares += Double(weight.maxComponent) * Double(weight.maxComponent)
  }
  let n = Double(sampleCount)
  let mean = sum / n
  let variance = max(0, sumOfSquares / n - mean.max() * mean.max())
  return (Color(Float(mean.x), Float(mean.y), Float(mean.z)), Float((variance / n).squareRoot()), maxWeight)
}

func isApproximatelyEqual(_ a: Color, _ b: Color, relative: Float = 1e-4, absolute: Float = 1e-6) -> Bool {
  isApproximatelyEqual(a.r, b.r, relative: relative, absolute: absolute)
    && isApproximatelyEqual(a.g, b.g, relative: relative, absolute: absolute)
    && isApproximatelyEqual(a.b, b.b, relative: relative, absolute: absolute)
}

// MARK: - Properties every non-delta BxDF must have

@Suite("BxDF")
struct BxDFTests {
  @Test("f is reciprocal: f(wo, wi) == f(wi, wo)", arguments: glossyAndDiffuseCases)
  func reciprocity(_ c: BxDFCase) {
    var rng = PCG32(seed: 21)
    for k in 0..<2000 {
      var wo = uniformSampleHemisphere(rng.nextPoint2())
      var wi = uniformSampleHemisphere(rng.nextPoint2())
      if k % 2 == 1 { wo.z = -wo.z; wi.z = -wi.z }  // the lower side too
      let forward = c.bxdf.evaluate(wo: wo, wi: wi)
      let backward = c.bxdf.evaluate(wo: wi, wi: wo)
      #expect(isApproximatelyEqual(forward, backward, relative: 1e-3, absolute: 1e-5),
              "wo \(wo) wi \(wi): \(forward) vs \(backward)")
      #expect(forward.isFinite && forward.rgb.min() >= 0)
    }
  }

  @Test("reflection BxDFs give nothing for directions on opposite sides", arguments: glossyAndDiffuseCases)
  func noTransmission(_ c: BxDFCase) {
    var rng = PCG32(seed: 22)
    for _ in 0..<500 {
      let wo = uniformSampleHemisphere(rng.nextPoint2())
      var wi = uniformSampleHemisphere(rng.nextPoint2())
      wi.z = -wi.z
      #expect(c.bxdf.evaluate(wo: wo, wi: wi).isBlack)
      #expect(c.bxdf.pdf(wo: wo, wi: wi) == 0)
    }
  }

  @Test("sample returns the f and pdf that evaluate and pdf give for its direction",
        arguments: nonSpecularCases)
  func sampleAgreesWithEvaluateAndPdf(_ c: BxDFCase) {
    for (index, wo) in outgoingDirections.enumerated() {
      var rng = PCG32(seed: 23, stream: UInt64(index))
      for _ in 0..<2000 {
        guard let s = c.bxdf.sample(wo: wo, uc: rng.nextFloat(), u: rng.nextPoint2()) else { continue }
        #expect(abs(length(s.wi) - 1) < 1e-4)
        #expect(sameHemisphere(wo, s.wi) == s.flags.contains(.reflection))
        #expect(s.flags.contains(.reflection) != s.flags.contains(.transmission))
        #expect(s.pdf > 0 && s.pdf.isFinite)
        #expect(c.bxdf.flags.isSuperset(of: s.flags) && !s.flags.isSpecular)
        #expect(isApproximatelyEqual(s.pdf, c.bxdf.pdf(wo: wo, wi: s.wi), relative: 2e-3),
                "wo \(wo) wi \(s.wi)")
        #expect(isApproximatelyEqual(s.f, c.bxdf.evaluate(wo: wo, wi: s.wi), relative: 2e-3),
                "wo \(wo) wi \(s.wi)")
      }
    }
  }

  @Test("energy conservation: the albedo is at most 1, from head-on to grazing",
        arguments: glossyAndDiffuseCases)
  func energyConservation(_ c: BxDFCase) {
    for (index, wo) in outgoingDirections.enumerated() {
      let (a, standardError, _) = albedo(of: c.bxdf, wo: wo, sampleCount: 40_000, seed: UInt64(index))
      // Four standard errors above 1 is a violation beyond reasonable doubt; the
      // small constant allows for single-precision rounding.
      #expect(a.maxComponent <= 1 + 4 * standardError + 1e-3,
              "wo \(wo): albedo \(a) ± \(standardError)")
      #expect(a.rgb.min() >= 0)
    }
  }

  @Test("the pdf integrates to 1 over the sphere, or to the fraction of successful samples",
        arguments: nonSpecularCases)
  func pdfIntegratesToSamplingSuccess(_ c: BxDFCase) {
    for (index, wo) in outgoingDirections.enumerated() where abs(wo.z) > 0.05 {
      let integral = integrateOverSphere(strata: 300, seed: UInt64(index)) { c.bxdf.pdf(wo: wo, wi: $0) }
      var rng = PCG32(seed: 24, stream: UInt64(index))
      let n = 50_000
      var successes = 0
      for _ in 0..<n where c.bxdf.sample(wo: wo, uc: rng.nextFloat(), u: rng.nextPoint2()) != nil { successes += 1 }
      let success = Double(successes) / Double(n)
      let successError = (max(success * (1 - success), 1 / Double(n)) / Double(n)).squareRoot()
      let tolerance = 4 * (integral.standardError + successError)
      #expect(integral.estimate <= 1 + tolerance, "wo \(wo): ∫pdf \(integral)")
      #expect(abs(integral.estimate - success) < tolerance,
              "wo \(wo): ∫pdf \(integral), samples succeed \(success)")
    }
  }

  @Test("sampled directions follow the pdf (chi-square over cos θ and φ bins)",
        arguments: nonSpecularCases)
  func samplingMatchesPdf(_ c: BxDFCase) {
    for (index, wo) in chiSquareOutgoingDirections.enumerated() {
      var lobeChoices = PCG32(seed: 200 + UInt64(index), stream: 3)  // for BxDFs with several lobes
      let result = chiSquareTest(seed: 100 + UInt64(index),
                                 sample: { c.bxdf.sample(wo: wo, uc: lobeChoices.nextFloat(), u: $0)?.wi },
                                 pdf: { c.bxdf.pdf(wo: wo, wi: $0) })
      #expect(result.pValue > chiSquareSignificance, "wo \(wo): \(result)")
      #expect(result.integratedPdf <= 1.005, "wo \(wo): \(result)")
    }
  }
}

// MARK: - Cost

@Suite("BxDF cost", .enabled(if: malloc_counter_is_active() != 0, "the malloc counter is off under AddressSanitizer"))
struct BxDFCostTests {
  /// Calls every function of `bxdf` many times and returns how many heap
  /// allocations happened meanwhile on this thread.
  func allocations<B: BxDF>(_ bxdf: B) -> UInt64 {
    var rng = PCG32(seed: 51)
    var sink: Float = 0
    // A global's first use allocates it; that must happen outside the counted loop.
    let directions = outgoingDirections
    let before = malloc_counter_thread_count()
    for k in 0..<1000 {
      let wo = k % 2 == 0 ? directions[k % directions.count] : uniformSampleSphere(rng.nextPoint2())
      if let s = bxdf.sample(wo: wo, uc: rng.nextFloat(), u: rng.nextPoint2()) {
        sink += s.pdf + bxdf.evaluate(wo: wo, wi: s.wi).r + bxdf.pdf(wo: wo, wi: s.wi)
      }
    }
    let after = malloc_counter_thread_count()
    #expect(sink.isFinite)
    return after - before
  }

  @Test("evaluating, sampling and pdf never allocate")
  func noAllocation() {
    #expect(allocations(Lambertian(reflectance: .white)) == 0)
    #expect(allocations(OrenNayar(reflectance: .white, sigmaDegrees: 20)) == 0)
    #expect(allocations(TorranceSparrow(reflectance: .white, distribution: BeckmannDistribution(alpha: 0.3),
                                        fresnel: FresnelDielectric(etaI: 1, etaT: 1.5))) == 0)
    #expect(allocations(TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: 0.3), fresnel: gold)) == 0)
    #expect(allocations(MicrofacetTransmission(transmittance: .white, distribution: GGXDistribution(alpha: 0.3),
                                               etaA: 1, etaB: 1.5)) == 0)
    #expect(allocations(SpecularReflection(reflectance: .white, fresnel: FresnelNoOp())) == 0)
    #expect(allocations(SpecularTransmission(transmittance: .white, etaA: 1, etaB: 1.5)) == 0)
    #expect(allocations(FresnelSpecular(reflectance: .white, transmittance: .white, etaA: 1, etaB: 1.5)) == 0)
    #expect(allocations(MeasuredBRDF(table: smoothMERLTable)) == 0)
  }

  @Test("BxDFs are small plain values")
  func sizes() {
    #expect(MemoryLayout<Lambertian>.size <= 16)
    #expect(MemoryLayout<OrenNayar>.size <= 32)
    #expect(MemoryLayout<TorranceSparrow<BeckmannDistribution, FresnelDielectric>>.size <= 32)
    #expect(MemoryLayout<TorranceSparrow<GGXDistribution, FresnelConductor>>.size <= 64)
    #expect(MemoryLayout<MeasuredBRDF>.size == 8)
    #expect(MemoryLayout<BxDFSample>.size <= 48)
  }
}

/// A Torrance-Sparrow lobe whose pdf forgets the Jacobian 1 / (4 |wo·wh|) of
/// the reflection map: the kind of bug the chi-square test exists to catch.
struct MissingJacobian: BxDF {
  var inner = TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: 0.5), fresnel: FresnelNoOp())
  var flags: BxDFFlags { inner.flags }
  func evaluate(wo: Vector3, wi: Vector3) -> Color { inner.evaluate(wo: wo, wi: wi) }
  func sample(wo: Vector3, uc: Float, u: Point2) -> BxDFSample? { inner.sample(wo: wo, uc: uc, u: u) }
  func pdf(wo: Vector3, wi: Vector3) -> Float {
    guard sameHemisphere(wo, wi) else { return 0 }
    return inner.distribution.pdf(wo: wo, wh: normalize(wo + wi))
  }
}

@Suite("BxDF test harness")
struct HarnessTests {
  @Test("the chi-square test catches a pdf that forgets the reflection Jacobian")
  func catchesMissingJacobian() {
    let broken = MissingJacobian()
    let wo = direction(thetaDegrees: 30, phi: 1)
    let result = chiSquareTest(seed: 7, sample: { broken.sample(wo: wo, uc: 0.5, u: $0)?.wi },
                               pdf: { broken.pdf(wo: wo, wi: $0) })
    #expect(result.pValue < 1e-12, "\(result)")
  }
}

// MARK: - Lambertian and Oren-Nayar

@Suite("Diffuse BxDFs")
struct DiffuseBxDFTests {
  @Test("every Lambertian sample has weight f·cos/pdf exactly R, on either side")
  func lambertianWeightIsReflectance() {
    let r = Color(0.8, 0.5, 0.2)
    let lambertian = Lambertian(reflectance: r)
    #expect(lambertian.flags == [.reflection, .diffuse])
    for wo in outgoingDirections {
      var rng = PCG32(seed: 31)
      for _ in 0..<1000 {
        let u = rng.nextPoint2()
        guard let s = lambertian.sample(wo: wo, uc: 0.5, u: u) else {
          Issue.record("no sample for wo \(wo), u \(u)")
          continue
        }
        #expect(isApproximatelyEqual(s.f * (absCosTheta(s.wi) / s.pdf), r, relative: 1e-5))
        #expect(isApproximatelyEqual(lambertian.evaluate(wo: wo, wi: s.wi), r * (1 / Float.pi)))
      }
    }
  }

  @Test("Oren-Nayar with σ = 0 is Lambertian")
  func orenNayarSigmaZero() {
    let r = Color(0.3, 0.6, 0.9)
    let orenNayar = OrenNayar(reflectance: r, sigmaDegrees: 0)
    let lambertian = Lambertian(reflectance: r)
    var rng = PCG32(seed: 32)
    for _ in 0..<500 {
      let wo = uniformSampleHemisphere(rng.nextPoint2())
      let wi = uniformSampleHemisphere(rng.nextPoint2())
      #expect(isApproximatelyEqual(orenNayar.evaluate(wo: wo, wi: wi), lambertian.evaluate(wo: wo, wi: wi)))
    }
  }

  @Test("Oren-Nayar uses pbrt's A and B and reflects R·A when seen head-on")
  func orenNayarCoefficients() {
    let orenNayar = OrenNayar(reflectance: .white, sigmaDegrees: 20)
    // σ = 20° = 0.349 rad, σ² = 0.12185.
    #expect(abs(orenNayar.a - 0.86515) < 1e-4)
    #expect(abs(orenNayar.b - 0.25888) < 1e-4)
    // Seen along the normal sin θo = 0, so f = R·A/π everywhere and the albedo is R·A.
    let (a, _, _) = albedo(of: orenNayar, wo: Vector3(0, 0, 1), sampleCount: 10_000, seed: 1)
    #expect(abs(a.r - orenNayar.a) < 1e-4)
  }

  @Test("rough diffuse surfaces scatter back toward the light more than forward")
  func orenNayarBackScattering() {
    let orenNayar = OrenNayar(reflectance: .white, sigmaDegrees: 30)
    let wo = direction(thetaDegrees: 60, phi: 0)
    let back = orenNayar.evaluate(wo: wo, wi: wo)
    let mirror = orenNayar.evaluate(wo: wo, wi: direction(thetaDegrees: 60, phi: .pi))
    #expect(back.r > 1.3 * mirror.r)
    #expect(isApproximatelyEqual(mirror.r, orenNayar.a / .pi))
  }
}

// MARK: - Microfacet distributions and Torrance-Sparrow

@Suite("Microfacets")
struct MicrofacetTests {
  static let alphas: [Float] = [0.1, 0.3, 0.7, 1.0]

  /// ∫ over the sphere by a midpoint rule in (θ, φ), fine enough for peaky D.
  static func integrateOnGrid(thetaSteps: Int, phiSteps: Int, _ f: (Vector3) -> Float) -> Double {
    var sum = 0.0
    let dTheta = Double.pi / Double(thetaSteps)
    let dPhi = 2 * Double.pi / Double(phiSteps)
    for i in 0..<thetaSteps {
      let theta = (Double(i) + 0.5) * dTheta
      var ring = 0.0
      for j in 0..<phiSteps {
        let phi = (Double(j) + 0.5) * dPhi
        ring += Double(f(Vector3(Float(sin(theta) * cos(phi)), Float(sin(theta) * sin(phi)), Float(cos(theta)))))
      }
      sum += ring * sin(theta) * dTheta * dPhi
    }
    return sum
  }

  @Test("D is normalized: ∫ D(wh) cos θh dωh = 1", arguments: alphas)
  func distributionsAreNormalized(alpha: Float) {
    let beckmann = BeckmannDistribution(alpha: alpha)
    let ggx = GGXDistribution(alpha: alpha)
    // D is isotropic, so one φ per ring suffices; many rings resolve the peak.
    let b = Self.integrateOnGrid(thetaSteps: 40_000, phiSteps: 1) { $0.z > 0 ? beckmann.D($0) * $0.z : 0 }
    let g = Self.integrateOnGrid(thetaSteps: 40_000, phiSteps: 1) { $0.z > 0 ? ggx.D($0) * $0.z : 0 }
    #expect(abs(b - 1) < 2e-3, "Beckmann \(b)")
    // GGX's long tail: at α = 1 D is 1/π, flat.
    #expect(abs(g - 1) < 2e-3, "GGX \(g)")
  }

  @Test("Λ matches D: the visible projected area ∫ G1(wo) max(0, wo·wh) D(wh) dωh is cos θo",
        arguments: alphas)
  func maskingMatchesDistribution(alpha: Float) {
    let beckmann = BeckmannDistribution(alpha: alpha)
    let ggx = GGXDistribution(alpha: alpha)
    for thetaO: Float in [0, 30, 60, 80, 88] {
      let wo = direction(thetaDegrees: thetaO, phi: 0.5)
      let b = Self.integrateOnGrid(thetaSteps: 2000, phiSteps: 256) {
        $0.z > 0 ? beckmann.G1(wo) * max(0, dot(wo, $0)) * beckmann.D($0) : 0
      }
      let g = Self.integrateOnGrid(thetaSteps: 2000, phiSteps: 256) {
        $0.z > 0 ? ggx.G1(wo) * max(0, dot(wo, $0)) * ggx.D($0) : 0
      }
      #expect(abs(b - Double(wo.z)) < 0.002 * Double(wo.z) + 2e-4, "Beckmann θo \(thetaO): \(b) vs \(wo.z)")
      #expect(abs(g - Double(wo.z)) < 0.002 * Double(wo.z) + 2e-4, "GGX θo \(thetaO): \(g) vs \(wo.z)")
    }
  }

  @Test("microfacet normals are sampled according to pdf(wo, wh) (chi-square)", arguments: [Float(0.05), 0.5])
  func halfVectorSampling(alpha: Float) {
    let beckmann = BeckmannDistribution(alpha: alpha)
    let ggx = GGXDistribution(alpha: alpha)
    for (index, wo) in (chiSquareOutgoingDirections + [direction(thetaDegrees: 89.4, phi: 1)]).enumerated() {
      let splits = alpha < 0.1 ? 3 : 1
      let b = chiSquareTest(minimumSplits: splits, seed: 200 + UInt64(index), sample: { beckmann.sampleWh(wo: wo, u: $0) },
                            pdf: { $0.z * wo.z > 0 ? beckmann.pdf(wo: wo, wh: $0) : 0 })
      #expect(b.pValue > chiSquareSignificance, "Beckmann wo \(wo): \(b)")
      #expect(abs(b.integratedPdf - 1) < 1e-3, "Beckmann wo \(wo): \(b)")
      let g = chiSquareTest(minimumSplits: splits, seed: 300 + UInt64(index), sample: { ggx.sampleWh(wo: wo, u: $0) },
                            pdf: { $0.z * wo.z > 0 ? ggx.pdf(wo: wo, wh: $0) : 0 })
      #expect(g.pValue > chiSquareSignificance, "GGX wo \(wo): \(g)")
      #expect(abs(g.integratedPdf - 1) < 1e-3, "GGX wo \(wo): \(g)")
    }
  }

  @Test("sampled microfacet normals are finite unit vectors on wo's side, even for wo on the horizon")
  func halfVectorsAreValid() {
    var rng = PCG32(seed: 61)
    for alpha: Float in [0.01, 0.3, 1.5] {
      for wo in outgoingDirections + [Vector3(1, 0, 0), Vector3(0, 0, 1), Vector3(0, 0, -1)] {
        for _ in 0..<200 {
          let u = rng.nextPoint2()
          for wh in [BeckmannDistribution(alpha: alpha).sampleWh(wo: wo, u: u), GGXDistribution(alpha: alpha).sampleWh(wo: wo, u: u)] {
            #expect(abs(length(wh) - 1) < 1e-4, "α \(alpha) wo \(wo) u \(u): \(wh)")
            #expect(wo.z == 0 || wh.z * wo.z >= 0)
          }
        }
      }
    }
  }

  @Test("visible-normal sampling keeps every weight f·cos/pdf at most 1 (for F = 1)")
  func visibleNormalWeightsAreBounded() {
    for alpha: Float in [0.05, 0.3, 1.0] {
      let ggx = TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: alpha), fresnel: FresnelNoOp())
      let beckmann = TorranceSparrow(reflectance: .white, distribution: BeckmannDistribution(alpha: alpha), fresnel: FresnelNoOp())
      for (index, wo) in outgoingDirections.enumerated() {
        // The weight is G(wo, wi) / G1(wo) <= 1.
        let g = albedo(of: ggx, wo: wo, sampleCount: 5000, seed: UInt64(index)).maxWeight
        #expect(g <= 1.001, "GGX α \(alpha) wo \(wo): \(g)")
        let b = albedo(of: beckmann, wo: wo, sampleCount: 5000, seed: UInt64(index)).maxWeight
        #expect(b <= 1.001, "Beckmann α \(alpha) wo \(wo): \(b)")
      }
    }
  }

  @Test("smooth microfacet reflection loses little energy head-on; rough loses more")
  func microfacetAlbedoRange() {
    let head = Vector3(0, 0, 1)
    for makeBxDF in [
      { (a: Float) -> any BxDF in TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: a), fresnel: FresnelNoOp()) },
      { (a: Float) -> any BxDF in TorranceSparrow(reflectance: .white, distribution: BeckmannDistribution(alpha: a), fresnel: FresnelNoOp()) },
    ] {
      let smooth = albedo(of: makeBxDF(0.1), wo: head, sampleCount: 100_000, seed: 1).albedo.r
      let rough = albedo(of: makeBxDF(1.0), wo: head, sampleCount: 100_000, seed: 2).albedo.r
      // Single scattering only: the energy lost is what would bounce again among microfacets.
      #expect(smooth > 0.97 && smooth <= 1.005, "α 0.1: \(smooth)")
      #expect(rough > 0.3 && rough < smooth - 0.3, "α 1: \(rough)")
    }
  }

  @Test("GGX with α = 1 reflects exactly 1 − ln 2 of head-on light")
  func ggxAlbedoClosedForm() {
    // With α = 1, D = 1/π and G = 2 cos θi / (1 + cos θi) for wo along the normal,
    // so the albedo is ∫₀¹ μ / (1 + μ) dμ · 2 = ... = 1 − ln 2.
    let bxdf = TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: 1), fresnel: FresnelNoOp())
    let (a, standardError, _) = albedo(of: bxdf, wo: Vector3(0, 0, 1), sampleCount: 100_000, seed: 4)
    #expect(abs(a.r - (1 - log(2))) < 4 * standardError + 1e-4, "\(a.r) ± \(standardError)")
  }

  @Test("Torrance-Sparrow scales with reflectance and Fresnel, and peaks at the mirror direction")
  func torranceSparrowShape() {
    let wo = direction(thetaDegrees: 40, phi: 1)
    let mirror = reflect(wo, about: Vector3(0, 0, 1))
    let plain = TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: 0.2), fresnel: FresnelNoOp())
    let tinted = TorranceSparrow(reflectance: Color(0.5, 0.25, 1), distribution: GGXDistribution(alpha: 0.2),
                                 fresnel: FresnelDielectric(etaI: 1, etaT: 1.5))
    let fPlain = plain.evaluate(wo: wo, wi: mirror)
    let fresnel = FresnelDielectric(etaI: 1, etaT: 1.5).reflectance(cosThetaI: wo.z)
    #expect(isApproximatelyEqual(tinted.evaluate(wo: wo, wi: mirror), fPlain * Color(0.5, 0.25, 1) * fresnel, relative: 1e-3))
    // Moving wi away from the mirror direction lowers f.
    let off = direction(thetaDegrees: 70, phi: 1 + .pi)
    #expect(plain.evaluate(wo: wo, wi: off).r < 0.5 * fPlain.r)
    // Two-sided: mirroring both directions below the surface changes nothing.
    let flip = Vector3(1, 1, -1)
    #expect(isApproximatelyEqual(plain.evaluate(wo: wo * flip, wi: mirror * flip), fPlain))
  }
}

// MARK: - Specular BxDFs and transmission

@Suite("Specular and transmissive BxDFs")
struct TransmissionTests {
  static let glass = FresnelDielectric(etaI: 1, etaT: 1.5)

  @Test("a specular mirror returns the mirror direction with weight R·F, and nothing else")
  func specularReflection() {
    let metal = SpecularReflection(reflectance: Color(0.9, 0.8, 0.7), fresnel: gold)
    let glassMirror = SpecularReflection(reflectance: .white, fresnel: Self.glass)
    #expect(metal.flags == [.reflection, .specular])
    for wo in outgoingDirections {
      let s = try! #require(metal.sample(wo: wo, uc: 0.5, u: Point2(0.3, 0.7)))
      #expect(s.wi == Vector3(-wo.x, -wo.y, wo.z))
      #expect(s.pdf == 1 && s.flags == [.reflection, .specular])
      #expect(isApproximatelyEqual(s.f * absCosTheta(s.wi), Color(0.9, 0.8, 0.7) * gold.evaluate(cosThetaI: wo.z)))
      #expect(metal.evaluate(wo: wo, wi: s.wi).isBlack && metal.pdf(wo: wo, wi: s.wi) == 0)
    }
    // Inside glass, past the critical angle, everything is reflected.
    let inside = -direction(thetaDegrees: 60, phi: 1)
    let s = try! #require(glassMirror.sample(wo: inside, uc: 0.5, u: .zero))
    #expect(isApproximatelyEqual(s.f.r * absCosTheta(s.wi), 1))
  }

  @Test("specular transmission obeys Snell's law, carries (1 − F)(η_o/η_i)² and is reversible")
  func specularTransmission() {
    let bxdf = SpecularTransmission(transmittance: Color(1, 0.5, 0.25), etaA: 1, etaB: 1.5)
    #expect(bxdf.flags == [.transmission, .specular])
    for thetaDegrees: Float in [0, 20, 45, 70, 89] {
      let wo = direction(thetaDegrees: thetaDegrees, phi: 0.8)
      let s = try! #require(bxdf.sample(wo: wo, uc: 0.5, u: .zero))
      #expect(s.wi.z < 0 && s.pdf == 1 && s.flags == [.transmission, .specular])
      #expect(abs(length(s.wi) - 1) < 1e-5)
      #expect(abs(sinTheta(wo) - 1.5 * sinTheta(s.wi)) < 1e-5)
      // The refracted ray continues on the opposite side of the normal.
      #expect(abs(s.wi.x * wo.y - s.wi.y * wo.x) < 1e-5 && s.wi.x * wo.x <= 0)
      let expected = (1 - Self.glass.reflectance(cosThetaI: wo.z)) / (1.5 * 1.5)
      #expect(isApproximatelyEqual(s.f * absCosTheta(s.wi), Color(1, 0.5, 0.25) * expected, relative: 1e-4))
      // From inside along s.wi, the light comes back out along wo, scaled up by 1.5².
      let back = try! #require(bxdf.sample(wo: s.wi, uc: 0.5, u: .zero))
      #expect(length(back.wi - wo) < 1e-4)
      #expect(isApproximatelyEqual(back.f.r * absCosTheta(back.wi), (1 - Self.glass.reflectance(cosThetaI: wo.z)) * 1.5 * 1.5,
                                   relative: 1e-3))
    }
    // Total internal reflection: nothing is transmitted.
    #expect(bxdf.sample(wo: -direction(thetaDegrees: 45, phi: 0), uc: 0.5, u: .zero) == nil)
  }

  @Test("smooth glass reflects with probability F and refracts otherwise, each with unit-scale weight")
  func fresnelSpecular() {
    let bxdf = FresnelSpecular(reflectance: Color(0.9, 0.9, 0.9), transmittance: Color(0.8, 0.8, 0.8), etaA: 1, etaB: 1.5)
    for (index, wo) in [direction(thetaDegrees: 30, phi: 1), direction(thetaDegrees: 80, phi: 2),
                        -direction(thetaDegrees: 30, phi: 3), -direction(thetaDegrees: 50, phi: 4)].enumerated() {
      let fresnel = Self.glass.reflectance(cosThetaI: wo.z)
      var rng = PCG32(seed: 41, stream: UInt64(index))
      let n = 100_000
      var reflections = 0
      for _ in 0..<n {
        let s = try! #require(bxdf.sample(wo: wo, uc: rng.nextFloat(), u: rng.nextPoint2()))
        let weight = s.f * (absCosTheta(s.wi) / s.pdf)
        if s.flags == [.reflection, .specular] {
          reflections += 1
          #expect(s.wi == Vector3(-wo.x, -wo.y, wo.z))
          #expect(isApproximatelyEqual(weight, Color(gray: 0.9), relative: 1e-4))
        } else {
          #expect(s.flags == [.transmission, .specular])
          let scale: Float = wo.z > 0 ? 1 / 2.25 : 2.25
          #expect(isApproximatelyEqual(weight, Color(gray: 0.8 * scale), relative: 1e-4))
        }
      }
      // Binomial: five standard deviations.
      let expected = Double(fresnel) * Double(n)
      let sigma = (Double(n) * Double(fresnel) * Double(1 - fresnel)).squareRoot()
      #expect(abs(Double(reflections) - expected) <= 5 * sigma + 1, "wo \(wo): \(reflections) vs \(expected)")
      if fresnel == 1 { #expect(reflections == n) }
    }
  }

  @Test("rough transmission obeys generalized reciprocity: f(wo, wi) / η_o² == f(wi, wo) / η_i²",
        arguments: roughTransmissionCases)
  func transmissionReciprocity(_ c: BxDFCase) {
    // Pairs (wo, wi) drawn by sampling, so that a refracting microfacet exists.
    func eta(_ w: Vector3) -> Float { w.z > 0 ? 1 : 1.5 }
    var rng = PCG32(seed: 42)
    var pairs = 0
    for k in 0..<2000 {
      var wo = uniformSampleHemisphere(rng.nextPoint2())
      if k % 2 == 1 { wo.z = -wo.z }
      guard let s = c.bxdf.sample(wo: wo, uc: rng.nextFloat(), u: rng.nextPoint2()) else { continue }
      let wi = s.wi
      let forward = c.bxdf.evaluate(wo: wo, wi: wi) / (eta(wo) * eta(wo))
      let backward = c.bxdf.evaluate(wo: wi, wi: wo) / (eta(wi) * eta(wi))
      #expect(isApproximatelyEqual(forward, backward, relative: 2e-3, absolute: 1e-5),
              "wo \(wo) wi \(wi): \(forward) vs \(backward)")
      #expect(!forward.isBlack)
      pairs += 1
    }
    #expect(pairs > 1000)
  }

  @Test("rough glass conserves energy: reflected plus transmitted power at most 1 on both sides")
  func roughGlassEnergy() {
    for alpha: Float in [0.05, 0.3, 0.7] {
      let reflection = TorranceSparrow(reflectance: .white, distribution: GGXDistribution(alpha: alpha),
                                       fresnel: Self.glass)
      let transmission = MicrofacetTransmission(transmittance: .white, distribution: GGXDistribution(alpha: alpha),
                                                etaA: 1, etaB: 1.5)
      for (index, wo) in outgoingDirections.enumerated() {
        let r = albedo(of: reflection, wo: wo, sampleCount: 20_000, seed: UInt64(index))
        let t = albedo(of: transmission, wo: wo, sampleCount: 20_000, seed: UInt64(index))
        // Undo the radiance scale (η_o/η_i)² to compare powers.
        let scale: Float = wo.z > 0 ? 1 / 2.25 : 2.25
        let total = r.albedo.r + t.albedo.r / scale
        #expect(total <= 1 + 4 * (r.standardError + t.standardError / scale) + 1e-3,
                "α \(alpha) wo \(wo): R \(r.albedo.r) T \(t.albedo.r / scale)")
      }
    }
  }

  @Test("microfacet reflection inside glass reflects totally past the critical angle; a two-sided coat does not")
  func roughReflectionFromInside() {
    let inside = TorranceSparrow(reflectance: .white, distribution: BeckmannDistribution(alpha: 0.02), fresnel: Self.glass)
    let coat = TorranceSparrow(reflectance: .white, distribution: BeckmannDistribution(alpha: 0.02),
                               fresnel: FresnelTwoSided(Self.glass))
    // 60° from the normal, below the surface: beyond the critical angle of 41.8°.
    let wo = -direction(thetaDegrees: 60, phi: 0.5)
    let totallyReflected = albedo(of: inside, wo: wo, sampleCount: 5000, seed: 9).albedo.r
    let likeOutside = albedo(of: coat, wo: wo, sampleCount: 5000, seed: 9).albedo.r
    #expect(totallyReflected > 0.97, "\(totallyReflected)")
    let fresnelOutside = Self.glass.reflectance(cosThetaI: 0.5)
    #expect(abs(likeOutside - fresnelOutside) < 0.01, "\(likeOutside) vs \(fresnelOutside)")
    // Above the surface the two agree exactly.
    let above = direction(thetaDegrees: 60, phi: 0.5), wi = direction(thetaDegrees: 55, phi: 0.5 + .pi)
    #expect(inside.evaluate(wo: above, wi: wi) == coat.evaluate(wo: above, wi: wi))
  }

  @Test("rough transmission tends to smooth transmission as α goes to 0")
  func smoothLimit() {
    let rough = MicrofacetTransmission(transmittance: .white, distribution: GGXDistribution(alpha: 0.01), etaA: 1, etaB: 1.5)
    let smooth = SpecularTransmission(transmittance: .white, etaA: 1, etaB: 1.5)
    for wo in [direction(thetaDegrees: 20, phi: 1), direction(thetaDegrees: 60, phi: 2), -direction(thetaDegrees: 30, phi: 3)] {
      let specular = try! #require(smooth.sample(wo: wo, uc: 0.5, u: .zero))
      let t = albedo(of: rough, wo: wo, sampleCount: 20_000, seed: 5)
      #expect(abs(t.albedo.r - specular.f.r * absCosTheta(specular.wi)) < 0.02, "wo \(wo)")
      let s = try! #require(rough.sample(wo: wo, uc: 0.5, u: Point2(0.4, 0.6)))
      #expect(length(s.wi - specular.wi) < 0.05)
    }
  }
}

// MARK: - Fresnel

@Suite("Fresnel")
struct FresnelTests {
  let glass = FresnelDielectric(etaI: 1, etaT: 1.5)

  @Test("dielectric at normal incidence, air to glass 1.5, reflects 4%")
  func dielectricNormalIncidence() {
    #expect(abs(glass.reflectance(cosThetaI: 1) - 0.04) < 1e-4)
    #expect(abs(glass.reflectance(cosThetaI: -1) - 0.04) < 1e-4)  // from inside, same
    #expect(glass.evaluate(cosThetaI: 1) == Color(gray: glass.reflectance(cosThetaI: 1)))
  }

  @Test("dielectric reflects everything past the critical angle from inside, and at grazing")
  func totalInternalReflection() {
    let critical = asin(Float(1) / 1.5)  // 41.8°
    #expect(glass.reflectance(cosThetaI: -cos(critical + 0.01)) == 1)
    #expect(glass.reflectance(cosThetaI: -cos(1.2)) == 1)
    #expect(glass.reflectance(cosThetaI: -cos(critical - 0.02)) < 1)
    // From outside there is no TIR, but grazing light is (almost) all reflected.
    #expect(glass.reflectance(cosThetaI: cos(1.2)) < 0.5)
    #expect(glass.reflectance(cosThetaI: 1e-4) > 0.99)
  }

  @Test("dielectric reflectance is the same for the two directions of one refraction")
  func dielectricSymmetry() {
    for thetaDegrees: Float in [10, 30, 50, 70, 85] {
      let thetaI = thetaDegrees.radians
      let thetaT = asin(sin(thetaI) / 1.5)
      #expect(abs(glass.reflectance(cosThetaI: cos(thetaI)) - glass.reflectance(cosThetaI: -cos(thetaT))) < 1e-5)
    }
  }

  @Test("dielectric at Brewster's angle reflects only the perpendicular polarization")
  func brewsterAngle() {
    let thetaB = atan(Float(1.5))
    let thetaT = asin(sin(thetaB) / 1.5)
    let rs = (cos(thetaB) - 1.5 * cos(thetaT)) / (cos(thetaB) + 1.5 * cos(thetaT))
    #expect(abs(glass.reflectance(cosThetaI: cos(thetaB)) - rs * rs / 2) < 1e-5)
  }

  @Test("a conductor with k = 0 is a dielectric")
  func conductorWithoutAbsorption() {
    let conductor = FresnelConductor(eta: Color(gray: 1.5), k: Color(gray: 0))
    for cosTheta: Float in [1, 0.9, 0.7, 0.5, 0.3, 0.1, 0.02] {
      let expected = glass.reflectance(cosThetaI: cosTheta)
      #expect(abs(conductor.evaluate(cosThetaI: cosTheta).r - expected) < 1e-4, "cos θ \(cosTheta)")
    }
  }

  @Test("gold reflects (n-1)²+k² / (n+1)²+k² head-on: strongly red, weakly blue; all light at grazing")
  func goldConductor() {
    let head = gold.evaluate(cosThetaI: 1)
    let n = gold.eta.rgb, k = gold.k.rgb
    let one = SIMD3<Float>(repeating: 1)
    let k2: SIMD3<Float> = k * k
    let numerator: SIMD3<Float> = (n - one) * (n - one) + k2
    let denominator: SIMD3<Float> = (n + one) * (n + one) + k2
    let expected = numerator / denominator
    #expect(isApproximatelyEqual(head, Color(expected), relative: 1e-4))
    #expect(head.r > 0.9 && head.r < 1)
    #expect(head.g > 0.7 && head.g < 0.9)
    #expect(head.b > 0.25 && head.b < 0.45)
    #expect(gold.evaluate(cosThetaI: 1e-4).rgb.min() > 0.98)
    #expect(isApproximatelyEqual(gold.evaluate(cosThetaI: -0.5), gold.evaluate(cosThetaI: 0.5)))
    for i in 0...100 {
      let f = gold.evaluate(cosThetaI: Float(i) / 100)
      #expect(f.rgb.min() >= 0 && f.rgb.max() <= 1)
    }
  }

  @Test("the two-sided Fresnel term answers for light from inside as for light from outside")
  func twoSided() {
    let twoSided = FresnelTwoSided(glass)
    for cosTheta: Float in [1, 0.8, 0.5, 0.2, 0.05] {
      #expect(twoSided.evaluate(cosThetaI: -cosTheta) == glass.evaluate(cosThetaI: cosTheta))
      #expect(twoSided.evaluate(cosThetaI: cosTheta) == glass.evaluate(cosThetaI: cosTheta))
    }
    #expect(glass.evaluate(cosThetaI: -0.5) == .white)  // total internal reflection, for contrast
  }

  @Test("the no-op Fresnel term reflects everything")
  func noOp() {
    #expect(FresnelNoOp().evaluate(cosThetaI: 0.3) == .white)
  }
}
