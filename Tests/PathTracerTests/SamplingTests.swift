import Testing
@testable import PathTracer
// The C library's math and memory functions; its module has a different name on each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Statistical tools shared with BxDFTests

/// The outcome of a chi-square goodness-of-fit test.
struct ChiSquareResult: CustomStringConvertible {
  var statistic: Double
  var degreesOfFreedom: Int
  /// Probability of a statistic at least this large if the sampler matched the pdf.
  var pValue: Double
  /// ∫ pdf dω over the sphere, as integrated numerically for the expected counts.
  var integratedPdf: Double
  /// The fraction of calls to the sampler that returned no direction.
  var failedFraction: Double

  var description: String {
    "chi2 \(statistic) dof \(degreesOfFreedom) p \(pValue) ∫pdf \(integratedPdf) failed \(failedFraction)"
  }
}

/// Compares the histogram of directions produced by `sample` with the counts
/// predicted by integrating `pdf` over each bin (the test pbrt and Mitsuba use
/// for their BSDFs).
///
/// The sphere is cut into `thetaBins` bands of equal width in cos θ (so equal
/// solid angle) times `phiBins` sectors. Each bin's expected count is
/// `sampleCount * ∫_bin pdf dω`, integrated by ``integratePdf``.
/// (thetaBins must be even, so that no band straddles the equator.) Samples the sampler refuses (nil) form
/// one more bin, expected `sampleCount * (1 - ∫ pdf)`. Bins expecting fewer than
/// 5 samples are pooled, as the chi-square approximation requires. Very peaky
/// pdfs need a `minimumSplits` of 3 so that the quadrature cannot miss the peak.
func chiSquareTest(
  sampleCount: Int = 200_000, thetaBins: Int = 16, phiBins: Int = 32, minimumSplits: Int = 1,
  seed: UInt64, sample: (Point2) -> Vector3?, pdf: (Vector3) -> Float
) -> ChiSquareResult {
  func binIndex(_ w: Vector3) -> Int {
    let z = min(max(Double(w.z), -1), 1)
    let i = min(Int((z + 1) / 2 * Double(thetaBins)), thetaBins - 1)
    var phi = atan2(Double(w.y), Double(w.x))
    if phi < 0 { phi += 2 * .pi }
    let j = min(Int(phi / (2 * .pi) * Double(phiBins)), phiBins - 1)
    return i * phiBins + j
  }

  var observed = [Double](repeating: 0, count: thetaBins * phiBins + 1)
  let failedBin = thetaBins * phiBins
  var rng = PCG32(seed: seed, stream: 7)
  for _ in 0..<sampleCount {
    if let w = sample(rng.nextPoint2()) {
      observed[binIndex(w)] += 1
    } else {
      observed[failedBin] += 1
    }
  }

  var expected = [Double](repeating: 0, count: thetaBins * phiBins + 1)
  var total = 0.0
  let n = Double(sampleCount)
  for i in 0..<thetaBins {
    for j in 0..<phiBins {
      let integral = integratePdf(
        zLow: -1 + 2 * Double(i) / Double(thetaBins), zHigh: -1 + 2 * Double(i + 1) / Double(thetaBins),
        phi0: 2 * Double.pi * Double(j) / Double(phiBins), phi1: 2 * Double.pi * Double(j + 1) / Double(phiBins),
        minimumSplits: minimumSplits,
        // Aim for an error of a twentieth of the count's statistical noise.
        tolerance: { 0.05 * max($0 * n, 25).squareRoot() / n }, pdf)
      expected[i * phiBins + j] = integral * n
      total += integral
    }
  }
  expected[failedBin] = max(0, 1 - total) * Double(sampleCount)

  // Pool the sparse bins.
  var statistic = 0.0
  var bins = 0
  var pooledObserved = 0.0
  var pooledExpected = 0.0
  for k in observed.indices {
    if expected[k] < 5 {
      pooledObserved += observed[k]
      pooledExpected += expected[k]
    } else {
      let d = observed[k] - expected[k]
      statistic += d * d / expected[k]
      bins += 1
    }
  }
  if pooledExpected > 0 {
    let d = pooledObserved - pooledExpected
    statistic += d * d / pooledExpected
    bins += 1
  } else if pooledObserved > 0 {
    statistic = .infinity  // samples where the pdf says none can be
  }
  let dof = max(bins - 1, 1)
  return ChiSquareResult(statistic: statistic, degreesOfFreedom: dof,
                         pValue: chiSquareSurvival(statistic, degreesOfFreedom: dof),
                         integratedPdf: total,
                         failedFraction: observed[failedBin] / Double(sampleCount))
}

/// ∫ pdf dω over the part of the sphere with cos θ in [zLow, zHigh] (on one side
/// of the equator) and φ in [phi0, phi1], by adaptive Gauss-Legendre quadrature.
///
/// It integrates over t = sqrt(1 - |z|) rather than z: a pdf that is smooth on
/// the sphere has a square-root kink in z at the poles (x and y vary like
/// sqrt(1 - z)), which a polynomial rule in z resolves poorly; dz = 2t dt.
/// The region is split into four, recursively where the four parts disagree
/// with the whole by more than `tolerance`, or where it straddles the edge of
/// the pdf's support (the rim of a transmission lobe, the border of a cone):
/// a discontinuity defeats the error estimate, so it is always refined.
func integratePdf(zLow: Double, zHigh: Double, phi0: Double, phi1: Double, minimumSplits: Int = 1,
                  tolerance: (Double) -> Double, _ pdf: (Vector3) -> Float) -> Double {
  let upper = zLow >= 0
  let maximumDepth = 9
  func direction(t: Double, phi: Double) -> Vector3 {
    let z = upper ? 1 - t * t : t * t - 1
    let r = (max(0, 1 - z * z)).squareRoot()
    return Vector3(Float(r * cos(phi)), Float(r * sin(phi)), Float(z))
  }
  func integrand(t: Double, phi: Double) -> Double {
    Double(pdf(direction(t: t, phi: phi))) * 2 * t
  }
  /// The 4 x 4-point Gauss-Legendre rule (exact for polynomials of degree 7 in
  /// each variable, so smooth peaks need little refinement), and whether the
  /// region straddles the edge of the pdf's support: some of the 16 nodes and
  /// the four corners are zero and some are not. (The corners catch an edge
  /// that cuts between the outer nodes and the border, which the nodes of the
  /// parts would miss too.)
  func gauss(_ t0: Double, _ t1: Double, _ phi0: Double, _ phi1: Double)
    -> (integral: Double, straddlesEdge: Bool)
  {
    let nodes = [-0.861136311594053, -0.339981043584856, 0.339981043584856, 0.861136311594053]
    let weights = [0.347854845137454, 0.652145154862546, 0.652145154862546, 0.347854845137454]
    let tMid = (t0 + t1) / 2, tHalf = (t1 - t0) / 2
    let phiMid = (phi0 + phi1) / 2, phiHalf = (phi1 - phi0) / 2
    var sum = 0.0
    var zeros = 0
    for a in 0..<4 {
      for b in 0..<4 {
        let value = integrand(t: tMid + nodes[a] * tHalf, phi: phiMid + nodes[b] * phiHalf)
        if value == 0 { zeros += 1 }
        sum += weights[a] * weights[b] * value
      }
    }
    // The corners are moved inward a little: on the equator a pdf may be 0
    // without any edge (a cosine lobe), and that must not trigger refinement.
    let ta = t0 + 1e-3 * (t1 - t0), tb = t1 - 1e-3 * (t1 - t0)
    let pa = phi0 + 1e-3 * (phi1 - phi0), pb = phi1 - 1e-3 * (phi1 - phi0)
    for (t, phi) in [(ta, pa), (tb, pa), (ta, pb), (tb, pb)] where pdf(direction(t: t, phi: phi)) == 0 {
      zeros += 1
    }
    return (sum * tHalf * phiHalf, zeros > 0 && zeros < 20)
  }
  func adaptive(_ t0: Double, _ t1: Double, _ phi0: Double, _ phi1: Double,
                whole: (integral: Double, straddlesEdge: Bool), tolerance: Double, level: Int) -> Double {
    let tm = (t0 + t1) / 2, pm = (phi0 + phi1) / 2
    let parts = [(t0, tm, phi0, pm), (tm, t1, phi0, pm), (t0, tm, pm, phi1), (tm, t1, pm, phi1)]
    let estimates = parts.map { gauss($0.0, $0.1, $0.2, $0.3) }
    let sum = estimates.reduce(0) { $0 + $1.integral }
    // Split at least `minimumSplits` times: a peak much narrower than a bin
    // (a smooth microfacet lobe at the pole) can fall between the nodes of
    // both the whole and its parts. A cell cut by an edge is refined until it
    // holds too little to matter.
    let converged = level + 1 >= minimumSplits && abs(sum - whole.integral) <= tolerance
      && (!whole.straddlesEdge || sum <= tolerance)
    if level == maximumDepth || converged { return sum }
    return zip(parts, estimates).reduce(0) { total, item in
      let (part, estimate) = item
      return total + adaptive(part.0, part.1, part.2, part.3,
                              whole: estimate, tolerance: tolerance / 2, level: level + 1)
    }
  }
  let t0 = upper ? (1 - zHigh).squareRoot() : (1 + zLow).squareRoot()
  let t1 = upper ? (1 - zLow).squareRoot() : (1 + zHigh).squareRoot()
  let whole = gauss(t0, t1, phi0, phi1)
  return adaptive(t0, t1, phi0, phi1, whole: whole, tolerance: tolerance(whole.integral), level: 0)
}

/// P(X ≥ x) for X chi-square distributed with k degrees of freedom, by the
/// Wilson-Hilferty normal approximation (accurate to a few percent of the
/// p-value for k ≥ 10, plenty for a pass/fail threshold).
func chiSquareSurvival(_ x: Double, degreesOfFreedom k: Int) -> Double {
  if x.isInfinite { return 0 }
  let kd = Double(k)
  let z = (pow(x / kd, 1.0 / 3) - (1 - 2 / (9 * kd))) / (2 / (9 * kd)).squareRoot()
  return 0.5 * erfc(z / 2.0.squareRoot())
}

/// The p-value below which a sampler is declared inconsistent with its pdf.
/// A correct sampler with a fixed seed fails with probability 1e-4; a pdf off by
/// a factor cos θ gives p-values below 1e-100 at these sample counts.
let chiSquareSignificance = 1e-4

/// ∫ f(ω) dω over the sphere by Monte Carlo with stratified uniform directions,
/// and a standard error for it. The error is that of independent samples, an
/// overestimate for stratified ones, so tests built on it are conservative.
func integrateOverSphere(strata: Int = 400, seed: UInt64, _ f: (Vector3) -> Float)
  -> (estimate: Double, standardError: Double)
{
  var rng = PCG32(seed: seed, stream: 11)
  var sum = 0.0
  var sumOfSquares = 0.0
  for i in 0..<strata {
    for j in 0..<strata {
      let u = (Point2(Float(i), Float(j)) + rng.nextPoint2()) / Float(strata)
      let value = Double(f(uniformSampleSphere(u))) / Double(uniformSpherePdf)
      sum += value
      sumOfSquares += value * value
    }
  }
  let n = Double(strata * strata)
  let mean = sum / n
  return (mean, (max(0, sumOfSquares / n - mean * mean) / n).squareRoot())
}

func isApproximatelyEqual(_ a: Float, _ b: Float, relative: Float = 1e-4, absolute: Float = 1e-6) -> Bool {
  abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

/// A direction on the +Z hemisphere, uniformly by solid angle (density
/// 1 / (2π)): random outgoing and incident directions for the BxDF, material
/// and MERL tests. (The renderer itself never samples this way.)
func uniformSampleHemisphere(_ u: Point2) -> Vector3 {
  let z = u.x
  let r = max(0, 1 - z * z).squareRoot()
  let phi = 2 * Float.pi * u.y
  return Vector3(r * cos(phi), r * sin(phi), z)
}

// MARK: - Tests

@Suite("Sampling")
struct SamplingTests {
  @Test("PCG32 reproduces the reference pcg32 demo sequence for seed 42, stream 54")
  func pcgReferenceSequence() {
    var rng = PCG32(seed: 42, stream: 54)
    let expected: [UInt32] = [0xa15c_02b7, 0x7b47_f409, 0xba1d_3330, 0x83d2_f293, 0xbfa4_784b, 0xcbed_606e]
    #expect((0..<6).map { _ in rng.nextUInt32() } == expected)
  }

  @Test("PCG32 streams with the same seed differ, and equal seeds repeat")
  func pcgStreams() {
    var a = PCG32(seed: 1, stream: 1)
    var b = PCG32(seed: 1, stream: 2)
    var c = PCG32(seed: 1, stream: 1)
    let sa = (0..<8).map { _ in a.nextUInt32() }
    #expect(sa != (0..<8).map { _ in b.nextUInt32() })
    #expect(sa == (0..<8).map { _ in c.nextUInt32() })
  }

  @Test("nextFloat stays in [0, 1) with 24-bit steps, even for the largest output")
  func pcgFloatRange() {
    #expect(PCG32.unitFloat(fromBits: .max) < 1)
    #expect(PCG32.unitFloat(fromBits: .max) == 1 - 0x1p-24)
    #expect(PCG32.unitFloat(fromBits: 0) == 0)
    var rng = PCG32(seed: 3)
    var sum = 0.0
    for _ in 0..<100_000 {
      let u = rng.nextFloat()
      #expect(u >= 0 && u < 1)
      #expect(u * 0x1p24 == (u * 0x1p24).rounded())
      sum += Double(u)
    }
    #expect(abs(sum / 100_000 - 0.5) < 0.005)
  }

  @Test("concentric disk samples lie in the unit disk and are uniform by area")
  func concentricDisk() {
    var rng = PCG32(seed: 5)
    // 8 rings of equal area (r² uniform) times 16 sectors: equal expected counts.
    let rings = 8, sectors = 16, n = 128_000
    var counts = [Double](repeating: 0, count: rings * sectors)
    for _ in 0..<n {
      let p = concentricSampleDisk(rng.nextPoint2())
      let r2 = p.x * p.x + p.y * p.y
      #expect(r2 <= 1 + 1e-6)
      var phi = atan2(p.y, p.x)
      if phi < 0 { phi += 2 * .pi }
      let ring = min(Int(r2 * Float(rings)), rings - 1)
      let sector = min(Int(phi / (2 * .pi) * Float(sectors)), sectors - 1)
      counts[ring * sectors + sector] += 1
    }
    let e = Double(n) / Double(counts.count)
    let chi2 = counts.reduce(0) { $0 + ($1 - e) * ($1 - e) / e }
    #expect(chiSquareSurvival(chi2, degreesOfFreedom: counts.count - 1) > chiSquareSignificance)
    #expect(concentricSampleDisk(Point2(0.5, 0.5)) == .zero)
  }

  @Test("the cosine-hemisphere pdf integrates to 1 over the sphere")
  func cosinePdfIntegratesToOne() {
    let integral = integrateOverSphere(seed: 1) { w in
      w.z > 0 ? cosineHemispherePdf(cosTheta: w.z) : 0
    }
    #expect(abs(integral.estimate - 1) < 0.002, "\(integral)")
  }

  @Test("cosine-hemisphere samples follow cosθ/π (chi-square)")
  func cosineHemisphereChiSquare() {
    let result = chiSquareTest(seed: 2, sample: { cosineSampleHemisphere($0) },
                               pdf: { $0.z > 0 ? cosineHemispherePdf(cosTheta: $0.z) : 0 })
    #expect(result.pValue > chiSquareSignificance, "\(result)")
    #expect(abs(result.integratedPdf - 1) < 1e-3)
  }

  @Test("the chi-square test rejects a sampler whose pdf is off by a factor cos θ")
  func chiSquareHasTeeth() {
    // Cosine-weighted samples judged against the cos²θ density 3cos²θ/(2π):
    // normalized, so only the shape is wrong.
    let result = chiSquareTest(seed: 2, sample: { cosineSampleHemisphere($0) },
                               pdf: { $0.z > 0 ? 3 * $0.z * $0.z / (2 * .pi) : 0 })
    #expect(abs(result.integratedPdf - 1) < 1e-3)
    #expect(result.pValue < 1e-12, "\(result)")
  }

  @Test("uniform sphere samples are unit length and uniform (chi-square)")
  func uniformSphere() {
    let sphere = chiSquareTest(seed: 3, sample: { uniformSampleSphere($0) }, pdf: { _ in uniformSpherePdf })
    #expect(sphere.pValue > chiSquareSignificance, "\(sphere)")
    var rng = PCG32(seed: 9)
    for _ in 0..<1000 {
      #expect(abs(length(uniformSampleSphere(rng.nextPoint2())) - 1) < 1e-5)
    }
  }

  @Test("inverseErf inverts erf across (−1, 1), tails included")
  func inverseErrorFunction() {
    #expect(abs(inverseErf(0.5) - 0.476936276) < 1e-6)
    #expect(inverseErf(0) == 0)
    #expect(inverseErf(1).isInfinite && inverseErf(-1).isInfinite)
    for i in 1..<2000 {
      let x = -1 + Float(i) / 1000
      let y = inverseErf(x)
      #expect(inverseErf(-x) == -y)
      #expect(abs(erf(Double(y)) - Double(x)) < 2e-6, "x \(x)")
    }
    for x: Float in [0.9999, 0.99999, 0.999999, -0.999999] {
      #expect(abs(erf(Double(inverseErf(x))) - Double(x)) < 1e-7 + 2e-6 * (1 - abs(Double(x))), "x \(x)")
    }
  }

  @Test("power heuristic weights of two strategies sum to one and handle delta pdfs")
  func powerHeuristicWeights() {
    #expect(powerHeuristic(nf: 1, fPdf: 1, ng: 1, gPdf: 1) == 0.5)
    #expect(isApproximatelyEqual(powerHeuristic(nf: 1, fPdf: 2, ng: 1, gPdf: 1), 0.8))
    #expect(isApproximatelyEqual(powerHeuristic(nf: 2, fPdf: 1, ng: 1, gPdf: 1), 0.8))
    let pairs: [(Float, Float)] = [(0.3, 7), (12, 0.01), (1, 1e-3)]
    for (a, b) in pairs {
      let sum = powerHeuristic(nf: 1, fPdf: a, ng: 1, gPdf: b) + powerHeuristic(nf: 1, fPdf: b, ng: 1, gPdf: a)
      #expect(isApproximatelyEqual(sum, 1))
    }
    #expect(powerHeuristic(nf: 1, fPdf: .infinity, ng: 1, gPdf: 3) == 1)
    #expect(powerHeuristic(nf: 1, fPdf: 0, ng: 1, gPdf: 0) == 0)
  }

  @Test("shading frames are orthonormal, right-handed and invertible")
  func shadingFrame() {
    var rng = PCG32(seed: 8)
    var normals = [Vector3(0, 0, 1), Vector3(0, 0, -1), Vector3(1, 0, 0), Vector3(0, -1, 0)]
    for _ in 0..<100 { normals.append(uniformSampleSphere(rng.nextPoint2())) }
    for n in normals {
      let frame = ShadingFrame(normal: n)
      #expect(abs(dot(frame.s, frame.t)) < 1e-5)
      #expect(abs(dot(frame.s, frame.n)) < 1e-5)
      #expect(abs(dot(frame.t, frame.n)) < 1e-5)
      #expect(abs(length(frame.s) - 1) < 1e-5 && abs(length(frame.t) - 1) < 1e-5)
      #expect(length(cross(frame.s, frame.t) - frame.n) < 1e-5)
      #expect(length(frame.toLocal(n) - Vector3(0, 0, 1)) < 1e-5)
      let v = uniformSampleSphere(rng.nextPoint2())
      #expect(length(frame.toWorld(frame.toLocal(v)) - v) < 1e-5)
      #expect(abs(frame.toLocal(v).z - dot(v, n)) < 1e-6)
    }
  }

  @Test("a frame built from a tangent keeps the tangent's direction, Gram-Schmidt style")
  func shadingFrameWithTangent() {
    let n = normalize(Vector3(0, 1, 1))
    let frame = ShadingFrame(normal: n, tangent: Vector3(2, 0.5, 0))
    #expect(abs(dot(frame.s, n)) < 1e-6)
    #expect(abs(length(frame.s) - 1) < 1e-6)
    // s lies in the plane of n and the tangent, on the tangent's side.
    #expect(abs(dot(frame.s, cross(n, Vector3(2, 0.5, 0)))) < 1e-6)
    #expect(frame.s.x > 0)
    #expect(length(cross(frame.s, frame.t) - n) < 1e-5)
    // A tangent parallel to the normal still gives a valid frame.
    let degenerate = ShadingFrame(normal: n, tangent: 3 * n)
    #expect(abs(dot(degenerate.s, n)) < 1e-5 && abs(length(degenerate.s) - 1) < 1e-5)
  }
}
