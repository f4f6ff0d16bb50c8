import CMallocCounter
import Testing
@testable import PathTracer

/// True when `a` and `b` agree to `tolerance` times the larger entry (at least 1).
private func matricesClose(_ a: Matrix4, _ b: Matrix4, relative tolerance: Float = 2e-5) -> Bool {
  var largest: Float = 1
  for i in 0..<4 { for j in 0..<4 { largest = max(largest, Swift.abs(a[i, j]), Swift.abs(b[i, j])) } }
  return geometryClose(a, b, tolerance: tolerance * largest)
}

/// True when `a` and `b` are the same rotation (`q` and `-q` are).
private func sameRotation(_ a: Quaternion, _ b: Quaternion, tolerance: Float = 1e-5) -> Bool {
  Swift.abs(Swift.abs(Quaternion.dot(a, b)) - 1) <= tolerance
}

private extension PCG32 {
  /// Uniform in `range`.
  mutating func next(in range: ClosedRange<Float>) -> Float {
    range.lowerBound + nextFloat() * (range.upperBound - range.lowerBound)
  }
  mutating func nextVector(in range: ClosedRange<Float>) -> Vector3 {
    Vector3(next(in: range), next(in: range), next(in: range))
  }
  mutating func nextInt(below bound: Int) -> Int {
    Int(nextUInt32() % UInt32(bound))
  }
  /// A random transform: a stretch (sometimes sheared, sometimes mirrored),
  /// a rotation by any angle and a translation.
  mutating func nextTransform(mirror: Bool = false) -> Transform {
    var stretch = Transform.scale(nextVector(in: 0.2...3) * Vector3(mirror ? -1 : 1, 1, 1))
    if nextFloat() < 0.3 {
      let k = next(in: -1...1)
      stretch = Transform(matrix: Matrix4(rowMajor: [1, k, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])!)! * stretch
    }
    let axis = nextVector(in: -1...1) + Vector3(0.01, 0, 0)
    return Transform.applying([stretch, .rotate(degrees: next(in: -360...360), axis: axis),
                               .translate(nextVector(in: -5...5))])
  }
}

/// The B-spline basis function N_{i,p}(t) by the Cox-de Boor recursion, in
/// `Double`: an evaluation independent of de Boor's algorithm. Half-open
/// spans, so it is zero at the very end of the domain.
private func basis(_ i: Int, _ p: Int, _ t: Double, _ u: [Double]) -> Double {
  if p == 0 { return u[i] <= t && t < u[i + 1] ? 1 : 0 }
  var value = 0.0
  if u[i + p] > u[i] { value += (t - u[i]) / (u[i + p] - u[i]) * basis(i, p - 1, t, u) }
  if u[i + p + 1] > u[i + 1] { value += (u[i + p + 1] - t) / (u[i + p + 1] - u[i + 1]) * basis(i + 1, p - 1, t, u) }
  return value
}

@Suite("Keyframes: quaternions, decomposition, B-splines, motion bounds")
struct KeyframeTests {
  // MARK: B-splines against hand-computed points

  @Test("degree 1 draws straight lines between the control points, reached at the inner knots")
  func linearSpline() throws {
    let s = try BSpline(degree: 1, controlPoints: [Vector3(0, 0, 0), Vector3(2, 4, 0), Vector3(6, 4, 2)],
                        knots: [0, 0, 1, 3, 3])
    #expect(s.domain == 0...3)
    #expect(s.evaluate(at: 0) == Vector3(0, 0, 0))
    #expect(s.evaluate(at: 0.5) == Vector3(1, 2, 0))
    #expect(s.evaluate(at: 1) == Vector3(2, 4, 0))
    #expect(s.evaluate(at: 2) == Vector3(4, 4, 1))     // halfway along the second segment
    #expect(s.evaluate(at: 3) == Vector3(6, 4, 2))
  }

  @Test("degree 2: the clamped quadratic through 1, 3, -2, 4 at hand-computed times")
  func quadraticSpline() throws {
    // Knots 0 0 0 1 2 2 2. At t = 0.5 the basis weights are (1 - t)² = 0.25,
    // t (1 - t) + t (2 - t) / 2 = 0.625 and t² / 2 = 0.125; at 1.5 the same,
    // mirrored, on the last three points.
    let s = try BSpline(degree: 2, controlPoints: [Float(1), 3, -2, 4], knots: [0, 0, 0, 1, 2, 2, 2])
    #expect(s.evaluate(at: 0) == 1)
    #expect(Swift.abs(s.evaluate(at: 0.5) - 1.875) < 1e-6)   // 0.25·1 + 0.625·3 + 0.125·(-2)
    #expect(Swift.abs(s.evaluate(at: 1) - 0.5) < 1e-6)       // (3 + (-2)) / 2 at the knot
    #expect(Swift.abs(s.evaluate(at: 1.5) - 0.125) < 1e-6)   // 0.125·3 + 0.625·(-2) + 0.25·4
    #expect(s.evaluate(at: 2) == 4)
    // The bump of a single control point over uniform inner knots peaks at 3/4.
    let bump = try BSpline(degree: 2, controlPoints: [Float(0), 0, 1, 0, 0], knots: [0, 0, 0, 1, 2, 3, 3, 3])
    #expect(Swift.abs(bump.evaluate(at: 1.5) - 0.75) < 1e-6)
    #expect(Swift.abs(bump.evaluate(at: 0.5) - 0.125) < 1e-6)  // t² / 2 on the first span
  }

  @Test("degree 3: the uniform cubic bump is 1/6, 2/3, 1/6 of its peak at the knots, 23/48 halfway")
  func cubicSpline() throws {
    let s = try BSpline(degree: 3, controlPoints: [Float(0), 0, 0, 6, 0, 0, 0],
                        knots: [-2, -2, -2, -2, -1, 0, 1, 2, 2, 2, 2])
    #expect(Swift.abs(s.evaluate(at: -1) - 1) < 1e-6)        // 6 · 1/6
    #expect(Swift.abs(s.evaluate(at: 0) - 4) < 1e-6)         // 6 · 2/3
    #expect(Swift.abs(s.evaluate(at: 1) - 1) < 1e-6)
    #expect(Swift.abs(s.evaluate(at: 0.5) - 2.875) < 1e-6)   // 6 · (4 - 6/4 + 3/8) / 6
    #expect(Swift.abs(s.evaluate(at: -1.5) - 0.125) < 1e-6)  // 6 · (1/2)³ / (3 · 2 · 1)
    #expect(s.evaluate(at: -2) == 0 && s.evaluate(at: 2) == 0)
  }

  @Test("de Boor's algorithm agrees with the Cox-de Boor basis for random splines of degree 0 to 4")
  func randomSplinesMatchTheBasis() throws {
    var rng = PCG32(seed: 11, stream: 3)
    for _ in 0..<200 {
      let degree = rng.nextInt(below: 5)
      let count = degree + 1 + rng.nextInt(below: 5)
      let points = (0..<count).map { _ in rng.next(in: -10...10) }
      var knots = (0..<(count + degree + 1)).map { _ in rng.next(in: 0...10).rounded() / 2 }  // repeats happen
      knots.sort()
      guard knots[degree] < knots[count] else { continue }
      let spline = try BSpline(degree: degree, controlPoints: points, knots: knots)
      let u = knots.map(Double.init)
      for step in 0..<50 {
        let t = spline.domain.lowerBound + Float(step) / 50 * (spline.domain.upperBound - spline.domain.lowerBound)
        let expected = (0..<count).reduce(0.0) { $0 + Double(points[$1]) * basis($1, degree, Double(t), u) }
        #expect(Swift.abs(Double(spline.evaluate(at: t)) - expected) < 1e-4, "degree \(degree), t \(t)")
      }
    }
  }

  @Test("times outside the knot domain are clamped to it; NaN counts as its start")
  func clamping() throws {
    // Not clamped at the ends: the domain [knots[2], knots[4]] = [2, 3] is
    // shorter than the knot vector, and the curve misses the end points.
    let s = try BSpline(degree: 2, controlPoints: [Vector3(0, 0, 0), Vector3(4, 0, 0), Vector3(4, 4, 0), Vector3(0, 4, 8)],
                        knots: [0, 1, 2, 3, 4, 5, 6])
    #expect(s.domain == 2...4)
    #expect(s.evaluate(at: -100) == s.evaluate(at: 2))
    #expect(s.evaluate(at: 1.999) == s.evaluate(at: 2))
    #expect(s.evaluate(at: 4.001) == s.evaluate(at: 4))
    #expect(s.evaluate(at: .infinity) == s.evaluate(at: 4))
    #expect(s.evaluate(at: .nan) == s.evaluate(at: 2))
    #expect(s.evaluate(at: 2) == Vector3(2, 0, 0))   // halfway between the first two points
    #expect(s.evaluate(at: 3) != s.evaluate(at: 2))
    // A static transform in tray_rust's form: degree 0, one point, knots [0, 1].
    let held = try BSpline(degree: 0, controlPoints: [Float(7)], knots: [0, 1])
    #expect(held.evaluate(at: -1) == 7 && held.evaluate(at: 0.5) == 7 && held.evaluate(at: 3) == 7)
  }

  @Test("repeated inner knots: the span search skips empty spans, and the end of the domain uses the last real one")
  func repeatedKnots() throws {
    // Knot 1 repeated to full multiplicity: the curve jumps from point 1 to point 2 at t = 1.
    let s = try BSpline(degree: 1, controlPoints: [Float(0), 1, 5, 6], knots: [0, 0, 1, 1, 2, 2])
    #expect(s.span(containing: 0.5) == 1 && s.span(containing: 1) == 3 && s.span(containing: 2) == 3)
    #expect(Swift.abs(s.evaluate(at: 0.999) - 0.999) < 1e-6)
    #expect(s.evaluate(at: 1) == 5 && s.evaluate(at: 1.5) == 5.5 && s.evaluate(at: 2) == 6)
    #expect(s.controlPointIndices(over: 0.2...0.4) == 0...1)
    #expect(s.controlPointIndices(over: 0.5...1.5) == 0...3)
  }

  @Test("bad degrees, counts and knots are each reported as such")
  func splineErrors() {
    func problem(_ degree: Int, _ points: Int, _ knots: [Float]) -> SplineError? {
      do {
        _ = try BSpline(degree: degree, controlPoints: [Float](repeating: 0, count: points), knots: knots)
        return nil
      } catch { return error }
    }
    #expect(problem(-1, 2, [0, 1]) == .negativeDegree(-1))
    #expect(problem(3, 3, [0, 0, 0, 0, 1, 1, 1]) == .tooFewControlPoints(count: 3, degree: 3))
    #expect(problem(1, 3, [0, 0, 1, 1]) == .wrongKnotCount(count: 4, expected: 5))
    #expect(problem(1, 3, [0, 0, 2, 1, 3]) == .knotDecreases(index: 3))
    #expect(problem(1, 3, [0, 0, .nan, 1, 3]) == .knotNotFinite(index: 2))
    #expect(problem(1, 2, [0, 1, 1, 2]) == .emptyDomain(from: 1, to: 1))
    #expect(problem(1, 2, [0, 0, 1, 1]) == nil)
  }

  @Test("evaluating a cubic transform spline makes no heap allocation",
        .enabled(if: malloc_counter_is_active() != 0, "the malloc counter is off under AddressSanitizer"))
  func evaluationDoesNotAllocate() throws {
    var rng = PCG32(seed: 5)
    let spline = try TransformSpline(degree: 3, controlPoints: (0..<6).map { _ in rng.nextTransform() },
                                     knots: [0, 0, 0, 0, 1, 2, 3, 3, 3, 3])
    var sum = Vector3.zero
    // Warm up: the runtime allocates generic metadata the first time a type is used.
    for step in 0..<10 { sum += spline.transform(at: Float(step)).apply(point: .zero) }
    let before = malloc_counter_thread_count()
    for step in 0..<1000 {
      sum += spline.transform(at: Float(step) / 333).apply(point: Point3(1, 2, 3))
    }
    let mallocs = malloc_counter_thread_count() - before
    #expect(mallocs == 0)
    #expect(sum.x.isFinite)
  }

  // MARK: Quaternions

  @Test("a quaternion's matrix is the codebase's rotation about the same axis by the same angle")
  func quaternionMatchesTransformRotation() {
    for (degrees, axis) in [(Float(90), Vector3(0, 1, 0)), (33, Vector3(1, 2, 3)), (-120, Vector3(-1, 0, 1)),
                            (180, Vector3(0, 0, 1)), (270, Vector3(1, 1, 0))] {
      let q = Quaternion(rotationDegrees: degrees, axis: axis)
      #expect(Swift.abs(q.length - 1) < 1e-6)
      #expect(geometryClose(q.matrix, Transform.rotate(degrees: degrees, axis: axis).matrix, tolerance: 2e-6))
    }
    #expect(Quaternion.identity.matrix == .identity)
  }

  @Test("a rotation matrix gives back its quaternion, through each of Shepperd's four branches")
  func quaternionFromMatrix() {
    // Small angles take the trace branch; half turns about x, y and z the others.
    for (degrees, axis) in [(Float(10), Vector3(1, 2, 3)), (180, Vector3(1, 0, 0)), (180, Vector3(0, 1, 0)),
                            (180, Vector3(0, 0, 1)), (170, Vector3(1, 0.1, 0)), (175, Vector3(0.2, 1, -0.1)),
                            (160, Vector3(0, -0.3, 1)), (359, Vector3(1, 1, 1))] {
      let q = Quaternion(rotationDegrees: degrees, axis: axis)
      let back = Quaternion(rotationMatrix: q.matrix)
      #expect(sameRotation(back, q), "\(degrees) about \(axis): \(back) vs \(q)")
      #expect(Swift.abs(back.length - 1) < 1e-6)
    }
  }

  @Test("slerp reaches both ends, turns at a constant rate, and falls back to a normalized blend when nearly parallel")
  func slerp() {
    let a = Quaternion.identity
    let b = Quaternion(rotationDegrees: 90, axis: Vector3(0, 0, 1))
    #expect(sameRotation(Quaternion.slerp(a, b, 0), a, tolerance: 1e-6))
    #expect(sameRotation(Quaternion.slerp(a, b, 1), b, tolerance: 1e-6))
    let half = Quaternion.slerp(a, b, 0.5)
    #expect(geometryClose(half.matrix, Transform.rotateZ(degrees: 45).matrix, tolerance: 1e-6))
    let quarter = Quaternion.slerp(a, b, 0.25)
    #expect(geometryClose(quarter.matrix, Transform.rotateZ(degrees: 22.5).matrix, tolerance: 1e-6))
    // Nearly parallel (0.5 degrees apart, cosine above 0.9995): the blend path.
    let c = Quaternion(rotationDegrees: 30, axis: Vector3(1, 1, 0))
    let d = Quaternion(rotationDegrees: 30.5, axis: Vector3(1, 1, 0))
    #expect(Quaternion.dot(c, d) > Quaternion.linearBlendCosine)
    let between = Quaternion.slerp(c, d, 0.5)
    #expect(Swift.abs(between.length - 1) < 1e-6)
    #expect(sameRotation(between, Quaternion(rotationDegrees: 30.25, axis: Vector3(1, 1, 0)), tolerance: 1e-7))
    // Slerp takes the arc it is given: from a to -b is the long way round.
    let long = Quaternion.slerp(a, -b, 0.5)
    #expect(geometryClose(long.matrix, Transform.rotateZ(degrees: -135).matrix, tolerance: 1e-6))
    // Opposite quaternions: any great circle will do, but the result is a unit quaternion.
    let opposite = Quaternion.slerp(c, -c, 0.5)
    #expect(Swift.abs(opposite.length - 1) < 1e-6 && opposite.components.x.isFinite)
  }

  // MARK: Decomposition

  @Test("T · R · S recomposes the matrix, with R a proper rotation and S symmetric, for random transforms")
  func decompositionRoundTrips() throws {
    var rng = PCG32(seed: 2, stream: 8)
    var mostIterations = 0
    for trial in 0..<300 {
      let transform = rng.nextTransform(mirror: trial % 5 == 0)
      let parts = try #require(PolarDecomposition(transform.matrix))
      mostIterations = max(mostIterations, parts.iterations)
      #expect(matricesClose(parts.matrix, transform.matrix))
      let r = parts.rotation
      #expect(geometryClose(r * r.transposed, .identity, tolerance: 1e-5))
      #expect(Swift.abs(r.linearDeterminant - 1) < 1e-5)
      #expect(matricesClose(parts.scale, parts.scale.transposed, relative: 1e-5))
      // The decomposed keyframe recomposes too, and its inverse is the inverse.
      let keyframe = try #require(DecomposedTransform(transform))
      #expect(matricesClose(keyframe.matrix, transform.matrix))
      let recomposed = try #require(keyframe.transform)
      #expect(matricesClose(recomposed.matrix * transform.inverse, .identity, relative: 1e-4))
      #expect(matricesClose(recomposed.inverse * transform.matrix, .identity, relative: 1e-4))
    }
    #expect(mostIterations < 20)
  }

  @Test("the linear part's inverse by cofactors agrees with Gauss-Jordan, and is nil for a flat matrix")
  func linearInverse() throws {
    var rng = PCG32(seed: 17)
    for _ in 0..<200 {
      let m = rng.nextTransform(mirror: rng.nextFloat() < 0.5).matrix.linearPart
      let fast = try #require(m.linearInverse)
      #expect(matricesClose(fast, try #require(m.inverse), relative: 1e-5))
      #expect(matricesClose(fast * m, .identity, relative: 1e-5))
    }
    #expect(Transform.scale(Vector3(1, 0, 1)).matrix.linearInverse == nil)
    #expect(Transform.scale(1e-15).matrix.linearInverse == nil)   // determinant 1e-45 is subnormal
  }

  @Test("a scale, a turn and a move come apart into exactly those")
  func knownDecomposition() throws {
    let m = Transform.applying([.scale(Vector3(2, 1, 0.5)), .rotateZ(degrees: 30), .translate(Vector3(0, 5, -1))])
    let parts = try #require(PolarDecomposition(m.matrix))
    #expect(parts.translation == Vector3(0, 5, -1))
    #expect(geometryClose(parts.rotation, Transform.rotateZ(degrees: 30).matrix, tolerance: 1e-6))
    #expect(geometryClose(parts.scale, Transform.scale(Vector3(2, 1, 0.5)).matrix, tolerance: 1e-6))
    // A mirror goes into the stretch; the rotation stays proper.
    let mirrored = try #require(PolarDecomposition(Transform.scale(Vector3(-1, 1, 1)).matrix))
    #expect(geometryClose(mirrored.rotation, Transform.rotateX(degrees: 180).matrix, tolerance: 1e-6))
    #expect(geometryClose(mirrored.scale, Transform.scale(-1).matrix, tolerance: 1e-6))
    // Tiny and huge scales converge too.
    for factor: Float in [1e-10, 1e-3, 1e3, 1e10] {
      let scaled = Transform.scale(factor) * Transform.rotateY(degrees: 70)
      let p = try #require(PolarDecomposition(scaled.matrix))
      #expect(geometryClose(p.rotation, Transform.rotateY(degrees: 70).matrix, tolerance: 1e-5), "\(factor)")
      #expect(p.iterations < PolarDecomposition.maximumIterations)
    }
    #expect(PolarDecomposition(Transform.scale(Vector3(1, 0, 1)).matrix) == nil)
  }

  // MARK: Transform splines

  @Test("consecutive keyframes' quaternions are flipped to the shorter arc")
  func shortestArc() throws {
    // 170 degrees then 340: from their matrices the second comes out as -20
    // degrees with w > 0, whose dot product with the first is negative. The
    // short way from 170 to 340 is +170 degrees, through 255.
    let spline = try TransformSpline(degree: 1, controlPoints: [.rotateY(degrees: 170), .rotateY(degrees: 340)],
                                     knots: [0, 0, 1, 1])
    let points = spline.spline.controlPoints
    let raw = [Float(170), 340].map { Quaternion(rotationMatrix: Transform.rotateY(degrees: $0).matrix) }
    #expect(Quaternion.dot(raw[0], raw[1]) < 0)      // as decomposed, the long way round
    #expect(Quaternion.dot(points[0].rotation, points[1].rotation) > 0)
    #expect(geometryClose(spline.transform(at: 0.5).matrix, Transform.rotateY(degrees: 255).matrix, tolerance: 1e-5))
    // 0 then 270: the short way is back by 90 degrees, through 315 (-45).
    let back = try TransformSpline(degree: 1, controlPoints: [.identity, .rotateY(degrees: 270)], knots: [0, 0, 1, 1])
    #expect(geometryClose(back.transform(at: 0.5).matrix, Transform.rotateY(degrees: -45).matrix, tolerance: 1e-5))
  }

  @Test("a transform spline reaches its keyframes at clamped ends and blends scale and turn in between")
  func transformSplineEvaluation() throws {
    let keyframes: [Transform] = [.identity, .rotateZ(degrees: 90) * .scale(3), .translate(Vector3(4, 0, 0))]
    let spline = try TransformSpline(degree: 1, controlPoints: keyframes, knots: [0, 0, 2, 4, 4])
    for (time, keyframe) in zip([Float(0), 2, 4], keyframes) {
      #expect(matricesClose(spline.transform(at: time).matrix, keyframe.matrix))
    }
    let halfway = spline.transform(at: 1)
    #expect(matricesClose(halfway.matrix, (Transform.rotateZ(degrees: 45) * .scale(2)).matrix))
    #expect(matricesClose(halfway.matrix * halfway.inverse, .identity))
    #expect(spline.transform(at: -5) == spline.transform(at: 0))
    #expect(spline.transform(at: 9) == spline.transform(at: 4))
    // Blends keep the matrix affine, exactly ((1 - t) + t rounds to 1 for
    // every Float t in [0, 1]): a last row off by an ulp would turn every
    // point's transformation into a projective division.
    for step in 0...400 {
      let t = Float(step) / 100
      #expect(spline.transform(at: t).matrix.row3 == SIMD4(0, 0, 0, 1), "at \(t)")
      #expect(spline.transform(at: t).inverse.row3 == SIMD4(0, 0, 0, 1), "at \(t)")
    }
  }

  @Test("control points that mirror and control points that do not cannot share a spline")
  func handedness() {
    #expect(throws: SplineError.handednessChanges(index: 2)) {
      try TransformSpline(degree: 1, controlPoints: [.identity, .scale(2), .scale(Vector3(-1, 1, 1))],
                          knots: [0, 0, 1, 2, 2])
    }
    #expect(throws: SplineError.singularControlPoint(index: 1)) {
      try TransformSpline(degree: 1, controlPoints: [.identity, .scale(Vector3(1, 0, 1))], knots: [0, 0, 1, 1])
    }
    // All mirrored is fine: the stretch passes through no flat transform.
    #expect(throws: Never.self) {
      try TransformSpline(degree: 1, controlPoints: [.scale(Vector3(-1, 1, 1)), .scale(Vector3(-3, 1, 1))],
                          knots: [0, 0, 1, 1])
    }
  }

  // MARK: Animated transforms

  @Test("a group's keyframes act after the member's own transform, and one moving level makes the stack animated")
  func stacks() throws {
    let spin = try TransformSpline(degree: 1, controlPoints: [.identity, .rotateY(degrees: 90)], knots: [0, 0, 1, 1])
    let member = AnimatedTransform(.translate(Vector3(2, 0, 0)))
    let group = AnimatedTransform(levels: [.spline(spin)])
    let placed = group * member
    // tray_rust would call this static (not every level moves); it moves.
    #expect(placed.isAnimated && placed.fixedTransform == nil)
    #expect(placed.levels.count == 2)
    // Moved to (2, 0, 0), then turned a quarter about +Y: +X goes to -Z.
    #expect(geometryClose(placed.transform(at: 1).apply(point: .zero), Point3(0, 0, -2), tolerance: 1e-5))
    #expect(geometryClose(placed.transform(at: 0).apply(point: .zero), Point3(2, 0, 0), tolerance: 1e-5))
    // The other way round: turned in place, then moved.
    let spunInPlace = member * group
    #expect(geometryClose(spunInPlace.transform(at: 1).apply(point: .zero), Point3(2, 0, 0), tolerance: 1e-5))
  }

  @Test("fixed levels multiply exactly as Transform does, and a spline that never changes is fixed")
  func fixedLevels() throws {
    let a = Transform.rotateX(degrees: 33) * .translate(Vector3(1, 2, 3))
    let b = Transform.scale(Vector3(2, 3, 4))
    let product = AnimatedTransform(a) * AnimatedTransform(b)
    #expect(!product.isAnimated && product.fixedTransform == a * b)
    #expect(product.transform(at: 7) == a * b)
    let still = try TransformSpline(degree: 1, controlPoints: [a, a, a], knots: [0, 0, 1, 2, 2])
    #expect(still.isConstant)
    let stack = AnimatedTransform(levels: [.fixed(b), .spline(still)])
    #expect(!stack.isAnimated)
    #expect(matricesClose(try #require(stack.fixedTransform).matrix, (a * b).matrix))
    #expect(!AnimatedTransform.identity.isAnimated && AnimatedTransform(levels: []).fixedTransform == .identity)
    let box = Bounds3(Point3(-1, -1, -1), Point3(1, 2, 3))
    #expect(product.motionBounds(of: box, over: 0...1) == (a * b).apply(bounds: box))
  }

  @Test("motion bounds of a translation: the boxes at the active keyframes, and nothing from inactive ones")
  func translationBounds() throws {
    let spline = try TransformSpline(degree: 1, controlPoints: [.translate(Vector3(0, 0, 0)), .translate(Vector3(4, 0, 0)),
                                                                .translate(Vector3(4, 10, 0))],
                                     knots: [0, 0, 1, 2, 2])
    let box = Bounds3(Point3(-1, -1, -1), Point3(1, 1, 1))
    let early = spline.motionBounds(of: box, over: 0.25...0.75)
    // Keyframes 0 and 1 only: x from -1 to 5, y within the box.
    #expect(geometryClose(early.lower, Point3(-1, -1, -1), tolerance: 1e-3))
    #expect(geometryClose(early.upper, Point3(5, 1, 1), tolerance: 1e-3))
    let all = spline.motionBounds(of: box, over: -1...3)
    #expect(geometryClose(all.upper, Point3(5, 11, 1), tolerance: 1e-3))
  }

  /// A random transform spline: degree 0 to 3, clamped or not, with
  /// sometimes the same rotation in every keyframe.
  private static func randomSpline(_ rng: inout PCG32) throws -> TransformSpline {
    let degree = rng.nextInt(below: 4)
    let count = degree + 1 + rng.nextInt(below: 5)
    let mirror = rng.nextFloat() < 0.1
    let fixedTurn = rng.nextFloat() < 0.3 ? Transform.rotate(degrees: rng.next(in: 0...360), axis: rng.nextVector(in: 0.1...1)) : nil
    let points = (0..<count).map { _ in
      if let fixedTurn {
        return Transform.applying([.scale(rng.nextVector(in: 0.3...2)), fixedTurn, .translate(rng.nextVector(in: -5...5))])
      }
      return rng.nextTransform(mirror: mirror)
    }
    var knots: [Float]
    repeat {
      knots = (0..<(count + degree + 1)).map { _ in rng.next(in: 0...8) }.sorted()
      if rng.nextFloat() < 0.5 {  // clamped: the first and last knots repeated
        for i in 0...degree {
          knots[i] = knots[0]
          knots[knots.count - 1 - i] = knots[knots.count - 1]
        }
      }
    } while !(knots[degree] < knots[count])
    return try TransformSpline(degree: degree, controlPoints: points, knots: knots)
  }

  @Test("motion bounds hold the moving box at every time of the interval, for random splines and stacks sampled densely")
  func conservativeBounds() throws {
    var rng = PCG32(seed: 2026, stream: 13)
    var misses = 0
    var sampledMisses = 0
    var checked = 0
    for trial in 0..<400 {
      let spline = try Self.randomSpline(&rng)
      let transform: AnimatedTransform
      switch trial % 4 {
      case 0, 1: transform = AnimatedTransform(levels: [.spline(spline)])
      case 2: transform = AnimatedTransform(levels: [.fixed(rng.nextTransform()), .spline(spline)])  // static member of a moving group
      default: transform = AnimatedTransform(levels: [.spline(spline), .fixed(rng.nextTransform()),
                                                      .spline(try Self.randomSpline(&rng))])
      }
      let corner = rng.nextVector(in: -3...3)
      let box = Bounds3(corner, corner + rng.nextVector(in: 0...4))
      // An interval somewhere around the domain, sometimes a single instant.
      let d = spline.domain
      let start = rng.next(in: (d.lowerBound - 1)...(d.upperBound + 1))
      let end = rng.nextFloat() < 0.1 ? start : start + rng.next(in: 0...4)
      let bounds = transform.motionBounds(of: box, over: start...end)
      // tray_rust's way, with fewer samples: the union of the boxes at a few times.
      let sampled = (0...4).reduce(Bounds3.empty) { soFar, step in
        soFar.union(transform.transform(at: start + (end - start) * Float(step) / 4).apply(bounds: box))
      }
      for step in 0...400 {
        let t = step == 400 ? end : start + (end - start) * Float(step) / 400
        let moved = transform.transform(at: t)
        for i in 0..<8 {
          checked += 1
          let p = moved.apply(point: box.corner(i))
          if !bounds.contains(p) { misses += 1 }
          if !sampled.contains(p) { sampledMisses += 1 }
        }
      }
    }
    #expect(misses == 0, "\(misses) of \(checked) moved corners fell outside their motion bounds")
    // The check is fine enough to catch a bound made by sampling.
    #expect(sampledMisses > 1000, "\(sampledMisses)")
  }
}
