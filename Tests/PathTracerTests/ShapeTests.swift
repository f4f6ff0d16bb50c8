// The C library's math and memory functions; its module has a different name on each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import PathTracer

/// A small deterministic generator (SplitMix64) so that tests are reproducible.
struct GeometryTestRandom {
  private var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1p-24 }
  mutating func nextPoint2() -> Point2 { Point2(nextFloat(), nextFloat()) }
  mutating func nextPoint() -> Point3 { Point3(nextFloat(), nextFloat(), nextFloat()) }

  /// A direction uniformly distributed over the unit sphere.
  mutating func nextDirection() -> Vector3 {
    let z = 1 - 2 * nextFloat()
    let r = Swift.max(0, 1 - z * z).squareRoot()
    let phi = 2 * Float.pi * nextFloat()
    return Vector3(r * Float(cos(Double(phi))), r * Float(sin(Double(phi))), z)
  }
}

@Suite("Shapes")
struct ShapeTests {
  // MARK: Intersection

  @Test("a ray hits the unit sphere at the known distance with an outward normal")
  func sphereHit() throws {
    let sphere = Sphere(radius: 1)
    let hit = try #require(sphere.intersect(Ray(origin: Point3(0, 0, -5), direction: Vector3(0, 0, 1))))
    #expect(Swift.abs(hit.t - 4) < 1e-5)
    #expect(geometryClose(hit.p, Point3(0, 0, -1)))
    #expect(geometryClose(hit.n, Vector3(0, 0, -1)))
    #expect(hit.shadingNormal == hit.n)
    #expect(Swift.abs(dot(hit.dpdu, hit.n)) < 1e-4 * length(hit.dpdu))
    #expect(length(hit.dpdu) > 0)

    // From inside: the far side, normal still outward.
    let inside = try #require(sphere.intersect(Ray(origin: .zero, direction: Vector3(0, 0, 1))))
    #expect(Swift.abs(inside.t - 1) < 1e-5)
    #expect(geometryClose(inside.n, Vector3(0, 0, 1)))

    // Misses: beside the sphere, behind the origin, beyond tMax.
    #expect(sphere.intersect(Ray(origin: Point3(0, 1.01, -5), direction: Vector3(0, 0, 1))) == nil)
    #expect(sphere.intersect(Ray(origin: Point3(0, 0, 5), direction: Vector3(0, 0, 1))) == nil)
    #expect(sphere.intersect(Ray(origin: Point3(0, 0, -5), direction: Vector3(0, 0, 1), tMax: 3.9)) == nil)
    #expect(!sphere.intersects(Ray(origin: Point3(0, 0, 5), direction: Vector3(0, 0, 1))))
    #expect(sphere.intersects(Ray(origin: Point3(0, 0, -5), direction: Vector3(0, 0, 1))))
  }

  @Test("a transformed sphere is hit where the transform puts it")
  func transformedSphere() throws {
    // Radius 1 scaled by 2, moved to x = 10: the world sphere has radius 2.
    let sphere = Sphere(radius: 1, objectToWorld: .applying([.scale(2), .translate(Vector3(10, 0, 0))]))
    let ray = Ray(origin: Point3(0, 0, 0), direction: Vector3(0.5, 0, 0))
    let hit = try #require(sphere.intersect(ray))
    #expect(Swift.abs(hit.t - 16) < 1e-4)  // x = 8 at t = 16 with |d| = 0.5
    #expect(geometryClose(hit.p, Point3(8, 0, 0), tolerance: 1e-4))
    #expect(geometryClose(hit.n, Vector3(-1, 0, 0)))
    // Rounding happened along x only: y and z were computed exactly.
    #expect(hit.pError.x > 0 && all(hit.pError .>= 0))
    #expect(sphere.worldBounds.contains(hit.p))

    // An ellipsoid (scale 1, 1, 3): the top is at z = 3 and its normal is +Z;
    // at 45 degrees in XZ the normal is not the radial direction.
    let ellipsoid = Sphere(radius: 1, objectToWorld: .scale(Vector3(1, 1, 3)))
    let top = try #require(ellipsoid.intersect(Ray(origin: Point3(0, 0, 10), direction: Vector3(0, 0, -1))))
    #expect(Swift.abs(top.t - 7) < 1e-4)
    #expect(geometryClose(top.n, Vector3(0, 0, 1)))
    let p = Point3(1 / Float(2).squareRoot(), 0, 3 / Float(2).squareRoot())  // on the ellipsoid
    let slanted = try #require(ellipsoid.intersect(Ray(origin: p + Vector3(5, 0, 0), direction: Vector3(-1, 0, 0))))
    #expect(geometryClose(slanted.p, p, tolerance: 1e-4))
    #expect(geometryClose(slanted.n, normalize(Vector3(p.x, 0, p.z / 9)), tolerance: 1e-4))
  }

  @Test("sphere uv follows tray_rust: u turns from +Y toward +X, v runs from the +Z pole to the −Z pole")
  func sphereUV() throws {
    let sphere = Sphere(radius: 2)
    func uv(at point: Point3) throws -> Point2 {
      // A ray toward the centre, from outside, hits at `point`.
      try #require(sphere.intersect(Ray(origin: 3 * point, direction: -point))).uv
    }
    func close(_ a: Point2, _ b: Point2) -> Bool { Swift.abs(a.x - b.x) < 1e-5 && Swift.abs(a.y - b.y) < 1e-5 }
    #expect(close(try uv(at: Point3(0, 2, 0)), Point2(0, 0.5)))
    #expect(close(try uv(at: Point3(2, 0, 0)), Point2(0.25, 0.5)))
    #expect(close(try uv(at: Point3(0, -2, 0)), Point2(0.5, 0.5)))
    #expect(close(try uv(at: Point3(-2, 0, 0)), Point2(0.75, 0.5)))
    #expect(try uv(at: Point3(0, 0, 2)).y < 1e-5)
    #expect(try uv(at: Point3(0, 0, -2)).y > 1 - 1e-5)
    // dp/du points the way u grows: from +Y toward +X.
    let hit = try #require(sphere.intersect(Ray(origin: Point3(0, 6, 0), direction: Vector3(0, -1, 0))))
    #expect(hit.dpdu.x > 0 && Swift.abs(hit.dpdu.y) < 1e-5)
  }

  @Test("a disk is hit inside its ring and missed in its hole and outside")
  func diskHit() throws {
    let disk = Disk(radius: 2, innerRadius: 1, objectToWorld: .translate(Vector3(0, 0, 3)))
    let hit = try #require(disk.intersect(Ray(origin: Point3(1.5, 0, 0), direction: Vector3(0, 0, 1))))
    #expect(hit.t == 3)
    #expect(hit.p == Point3(1.5, 0, 3))
    #expect(hit.n == Vector3(0, 0, 1))
    #expect(Swift.abs(hit.uv.y - 0.5) < 1e-6)  // halfway between the rims
    #expect(Swift.abs(dot(hit.dpdu, hit.n)) < 1e-6)
    // From above: same point, normal still +Z (it is the surface's, not the ray's).
    let fromAbove = try #require(disk.intersect(Ray(origin: Point3(0, -1.5, 10), direction: Vector3(0, 0, -2))))
    #expect(fromAbove.t == 3.5)
    #expect(fromAbove.n == Vector3(0, 0, 1))

    #expect(disk.intersect(Ray(origin: Point3(0.5, 0, 0), direction: Vector3(0, 0, 1))) == nil)  // hole
    #expect(disk.intersect(Ray(origin: Point3(2.5, 0, 0), direction: Vector3(0, 0, 1))) == nil)  // outside
    #expect(disk.intersect(Ray(origin: Point3(1.5, 0, 4), direction: Vector3(0, 0, 1))) == nil)  // behind
    #expect(disk.intersect(Ray(origin: Point3(1.5, 0, 0), direction: Vector3(1, 0, 0))) == nil)  // parallel
    #expect(disk.intersect(Ray(origin: Point3(1.5, 0, 0), direction: Vector3(0, 0, 1), tMax: 3)) == nil)
    #expect(disk.intersects(Ray(origin: Point3(-1.5, 0, 0), direction: Vector3(0, 0, 1))))
    #expect(!disk.intersects(Ray(origin: Point3(0, 0.9, 0), direction: Vector3(0, 0, 1))))
  }

  @Test("a rectangle is hit within its extent; the cornell light faces down")
  func rectangleHit() throws {
    let light = Rectangle(width: 6, height: 6,
                          objectToWorld: .applying([.rotateX(degrees: 90), .translate(Vector3(0, 23.8, 0))]))
    #expect(light.worldNormal == Vector3(0, -1, 0))
    let hit = try #require(light.intersect(Ray(origin: Point3(2, 0, -2.5), direction: Vector3(0, 1, 0))))
    #expect(Swift.abs(hit.t - 23.8) < 1e-5)
    #expect(hit.n == Vector3(0, -1, 0))
    #expect(light.intersect(Ray(origin: Point3(3.5, 0, 0), direction: Vector3(0, 1, 0))) == nil)
    #expect(light.intersect(Ray(origin: Point3(0, 0, 3.5), direction: Vector3(0, 1, 0))) == nil)
    #expect(light.intersect(Ray(origin: Point3(0, 30, 0), direction: Vector3(0, 1, 0))) == nil)

    // tray_rust's "plane": [-1, 1]^2, uv from corner to corner.
    let plane = Rectangle(width: 2, height: 2)
    let corner = try #require(plane.intersect(Ray(origin: Point3(0.5, -0.5, -1), direction: Vector3(0, 0, 1))))
    #expect(corner.uv == Point2(0.75, 0.25))
    #expect(geometryClose(normalize(corner.dpdu), Vector3(1, 0, 0)))
  }

  @Test("a mirroring transform carries the normal to the image of the local +Z side")
  func mirroredPlanarNormal() throws {
    let mirrored = Disk(radius: 1, objectToWorld: .scale(Vector3(1, 1, -1)))
    #expect(mirrored.worldNormal == Vector3(0, 0, -1))
    let flipped = Rectangle(width: 1, height: 1, objectToWorld: .scale(Vector3(-1, 1, 1)))
    // Mirroring x does not move the +Z side.
    #expect(flipped.worldNormal == Vector3(0, 0, 1))
  }

  // MARK: Areas

  @Test("areas are world-space areas, also for scaled shapes")
  func areas() {
    #expect(Swift.abs(Sphere(radius: 2).area - 16 * .pi) < 1e-4)
    let bigSphere = Sphere(radius: 2, objectToWorld: .applying([.scale(3), .rotateX(degrees: 20)]))
    #expect(Swift.abs(bigSphere.area - 4 * .pi * 36) < 1e-2)
    #expect(bigSphere.supportsAreaSampling)
    #expect(Swift.abs(bigSphere.worldRadius - 6) < 1e-5)

    let ellipsoid = Sphere(radius: 1, objectToWorld: .scale(Vector3(1, 1, 2)))
    #expect(!ellipsoid.supportsAreaSampling)
    #expect(!Shape.sphere(ellipsoid).supportsAreaSampling)
    // A prolate spheroid with semi-axes 1, 1, 2 has area 21.4784...
    #expect(Swift.abs(ellipsoid.area - 21.4784) < 0.02 * 21.4784)

    let annulus = Disk(radius: 3, innerRadius: 1, objectToWorld: .scale(Vector3(2, 3, 5)))
    #expect(Swift.abs(annulus.area - .pi * 8 * 6) < 1e-3)

    // Non-uniform scale then rotation: the rectangle's sides become 2w and 3h.
    let rectangle = Rectangle(width: 2, height: 5, objectToWorld: .applying([
      .scale(Vector3(2, 3, 4)), .rotateY(degrees: 30), .rotateX(degrees: 70)]))
    #expect(Swift.abs(rectangle.area - 60) < 1e-4)
    // A shear changes area too: x' = x + y keeps the area of the unit square.
    let shear = Transform(matrix: Matrix4(rows: SIMD4(1, 1, 0, 0), SIMD4(0, 1, 0, 0),
                                          SIMD4(0, 0, 1, 0), SIMD4(0, 0, 0, 1)))!
    #expect(Swift.abs(Rectangle(width: 1, height: 1, objectToWorld: shear).area - 1) < 1e-6)
    // A shear out of the plane: z' = z + y tilts the square, stretching it by sqrt 2.
    let tilt = Transform(matrix: Matrix4(rows: SIMD4(1, 0, 0, 0), SIMD4(0, 1, 0, 0),
                                         SIMD4(0, 1, 1, 0), SIMD4(0, 0, 0, 1)))!
    #expect(Swift.abs(Rectangle(width: 1, height: 1, objectToWorld: tilt).area - Float(2).squareRoot()) < 1e-6)
  }

  // MARK: Sampling

  /// The shapes whose sampling every test checks: placed away from the
  /// origin, rotated, and (the planar ones) scaled non-uniformly.
  static let sampledShapes: [(name: String, shape: Shape)] = [
    ("sphere", .sphere(Sphere(radius: 1.5, objectToWorld: .applying([
      .rotateZ(degrees: 30), .scale(0.8), .translate(Vector3(0.5, 0.2, 2.5))])))),
    ("annulus", .disk(Disk(radius: 2, innerRadius: 0.8, objectToWorld: .applying([
      .scale(Vector3(1.5, 0.7, 1)), .rotateX(degrees: 120), .translate(Vector3(0, 1, 1.5))])))),
    ("rectangle", .rectangle(Rectangle(width: 2, height: 3, objectToWorld: .applying([
      .scale(Vector3(2, 0.5, 3)), .rotateY(degrees: 35), .rotateX(degrees: -25),
      .translate(Vector3(-0.5, 0, 1.8))])))),
  ]

  @Test("area samples lie on the surface and have density 1 / area",
        arguments: ShapeTests.sampledShapes.indices)
  func areaSamples(index: Int) throws {
    let shape = Self.sampledShapes[index].shape
    var random = GeometryTestRandom(seed: 11)
    for _ in 0..<2000 {
      let s = shape.sample(u: random.nextPoint2())
      #expect(Swift.abs(s.pdfArea * shape.area - 1) < 1e-5)
      #expect(Swift.abs(length(s.normal) - 1) < 1e-5)
      let slack = Point3(repeating: 1e-4)
      #expect(Bounds3(shape.worldBounds.lower - slack, shape.worldBounds.upper + slack).contains(s.point))
      // On the surface: a ray toward the point along the normal meets it there.
      let origin = s.point + 0.5 * s.normal
      let hit = try #require(shape.intersect(Ray(origin: origin, direction: -s.normal)))
      #expect(geometryClose(hit.p, s.point, tolerance: 1e-4))
      #expect(geometryClose(hit.n, s.normal, tolerance: 1e-4))
    }
  }

  @Test("annulus samples honour the inner radius and cover the ring uniformly")
  func annulusSamples() {
    let disk = Disk(radius: 2, innerRadius: 1)
    var random = GeometryTestRandom(seed: 5)
    var innerHalf = 0  // samples with r < the radius that halves the area
    let halfAreaRadius = ((1 + 4) / 2 as Float).squareRoot()
    let count = 20000
    for _ in 0..<count {
      let p = disk.sample(u: random.nextPoint2()).point
      let r = length(Vector3(p.x, p.y, 0))
      #expect(r >= 1 - 1e-5 && r <= 2 + 1e-5)
      #expect(p.z == 0)
      if r < halfAreaRadius { innerHalf += 1 }
    }
    #expect(Swift.abs(Float(innerHalf) / Float(count) - 0.5) < 0.02)
  }

  @Test("the solid-angle pdf integrates to one over all directions",
        arguments: ShapeTests.sampledShapes.indices)
  func pdfIntegratesToOne(index: Int) {
    let shape = Self.sampledShapes[index].shape
    var random = GeometryTestRandom(seed: 99)
    // The last point is inside the sphere (which then samples by area).
    for ref in [Point3(0, 0, 0), Point3(0.3, -0.4, 0.1), Point3(0.5, 0.3, 2.2)] {
      let count = 200_000
      var sum: Double = 0
      for _ in 0..<count {
        sum += Double(shape.pdf(from: ref, direction: random.nextDirection()))
      }
      let integral = sum / Double(count) * 4 * .pi
      #expect(Swift.abs(integral - 1) < 0.04, "\(Self.sampledShapes[index].name) from \(ref): \(integral)")
    }
  }

  @Test("sampling from a point agrees with pdf(from:direction:) and covers the right solid angle",
        arguments: ShapeTests.sampledShapes.indices)
  func samplesMatchPdf(index: Int) {
    let shape = Self.sampledShapes[index].shape
    var random = GeometryTestRandom(seed: 42)
    for ref in [Point3(0.1, -0.2, 0), Point3(0.5, 0.3, 2.2)] {
      // E[1 / pdf] over the sampler's own samples is the solid angle it covers.
      var inverseSum: Double = 0
      let count = 50_000
      for _ in 0..<count {
        let s = shape.sample(from: ref, u: random.nextPoint2())
        #expect(s.pdfSolidAngle > 0)
        let pdf = shape.pdf(from: ref, direction: s.point - ref)
        #expect(Swift.abs(pdf - s.pdfSolidAngle) <= 2e-3 * s.pdfSolidAngle,
                "sampled pdf \(s.pdfSolidAngle), queried \(pdf)")
        inverseSum += 1 / Double(s.pdfSolidAngle)
      }
      let sampledSolidAngle = inverseSum / Double(count)
      // The fraction of uniform directions that hit the shape, times 4 pi.
      var hits = 0
      let directions = 200_000
      for _ in 0..<directions where shape.intersects(Ray(origin: ref, direction: random.nextDirection())) {
        hits += 1
      }
      let hitSolidAngle = Double(hits) / Double(directions) * 4 * .pi
      #expect(Swift.abs(sampledSolidAngle / hitSolidAngle - 1) < 0.04,
              "\(Self.sampledShapes[index].name): \(sampledSolidAngle) vs \(hitSolidAngle)")
    }
  }

  @Test("cone sampling of a distant small sphere stays on the visible cap")
  func distantSphereSampling() {
    let sphere = Sphere(radius: 0.01, objectToWorld: .translate(Vector3(0, 0, 100)))
    var random = GeometryTestRandom(seed: 8)
    let expectedPdf = 1 / (2 * Float.pi * (0.01 * 0.01 / (100 * 100)) / 2)
    for _ in 0..<1000 {
      let s = sphere.sample(from: .zero, u: random.nextPoint2())
      #expect(Swift.abs(length(s.point - sphere.worldCenter) - 0.01) < 1e-5)
      #expect(s.normal.z < 0)  // faces the reference point
      #expect(Swift.abs(s.pdfSolidAngle / expectedPdf - 1) < 1e-3)
      #expect(Swift.abs(sphere.pdf(from: .zero, direction: s.point) / expectedPdf - 1) < 1e-3)
    }
    #expect(sphere.pdf(from: .zero, direction: Vector3(0, 0.001, 1)) == 0)
  }

  // MARK: Spawning rays

  @Test("rays spawned from a far-away sphere never hit it again on the way out")
  func sphereSelfIntersection() throws {
    let sphere = Sphere(radius: 1, objectToWorld: .translate(Vector3(1000, 1000, 1000)))
    var random = GeometryTestRandom(seed: 2024)
    var checked = 0
    for _ in 0..<20_000 {
      // A random ray from outside toward a random point of the sphere.
      let target = sphere.worldCenter + random.nextDirection() * 0.9
      let origin = sphere.worldCenter + random.nextDirection() * 5
      guard let hit = sphere.intersect(Ray(origin: origin, direction: target - origin)) else { continue }
      checked += 1
      // Leave toward the outside, sometimes at grazing angles.
      var w = random.nextDirection()
      if dot(w, hit.n) < 0 { w = -w }
      #expect(sphere.intersect(spawnRay(from: hit, direction: w, time: 0)) == nil)
      // Leave into the sphere: the first hit must be the far side, not here.
      if let inside = sphere.intersect(spawnRay(from: hit, direction: -w, time: 0)) {
        #expect(length(inside.p - hit.p) > 1e-3 || dot(-w, hit.n) > -1e-3)
      }
    }
    #expect(checked > 10_000)
  }

  @Test("rays spawned from planar shapes and triangles do not re-hit them")
  func planarSelfIntersection() throws {
    let placement = Transform.applying([.scale(Vector3(30, 0.3, 7)), .rotate(degrees: 37, axis: Vector3(1, 2, 3)),
                                        .translate(Vector3(-500, 800, 120))])
    let shapes: [Shape] = [.disk(Disk(radius: 1, innerRadius: 0.3, objectToWorld: placement)),
                           .rectangle(Rectangle(width: 2, height: 2, objectToWorld: placement))]
    let mesh = Aggregate([.mesh(try TriangleMesh(
      positions: [Point3(-1, -1, 0), Point3(1, -1, 0), Point3(1, 1, 0), Point3(-1, 1, 0)],
      indices: [0, 1, 2, 0, 2, 3], objectToWorld: placement))])
    var random = GeometryTestRandom(seed: 77)
    for shapeIndex in 0..<3 {
      func intersect(_ ray: Ray) -> SurfaceHit? {
        shapeIndex < 2 ? shapes[shapeIndex].intersect(ray) : mesh.intersect(ray)?.hit
      }
      let centre = placement.apply(point: .zero)
      var checked = 0
      for _ in 0..<5000 {
        let origin = centre + random.nextDirection() * 40
        let target = placement.apply(point: Point3(random.nextFloat() * 2 - 1, random.nextFloat() * 2 - 1, 0))
        guard let hit = intersect(Ray(origin: origin, direction: target - origin)) else { continue }
        checked += 1
        let w = random.nextDirection()
        #expect(intersect(spawnRay(from: hit, direction: w, time: 0)) == nil)
      }
      #expect(checked > 2000)
    }
  }

  @Test("a shadow ray toward a point stops just short of it")
  func shadowRayToPoint() throws {
    let floor = Rectangle(width: 10, height: 10, objectToWorld: .rotateX(degrees: -90))
    let hit = try #require(floor.intersect(Ray(origin: Point3(1, 5, 1), direction: Vector3(0, -1, 0))))
    #expect(hit.n == Vector3(0, 1, 0))
    let light = Point3(3, 4, -2)
    let shadowRay = spawnRay(from: hit, to: light, time: 0)
    #expect(shadowRay.tMax == 1 - shadowEpsilon)
    #expect(geometryClose(shadowRay.origin + shadowRay.direction, light))
    // The floor's hit point is exact (pError 0), so the origin stays on the
    // plane and the floor itself, at t = 0, is not hit.
    #expect(shadowRay.origin.y >= 0)
    #expect(!floor.intersects(shadowRay))
    // A blocker exactly at the target is not reported; one before it is.
    let atTarget = Sphere(radius: 1, objectToWorld: .translate(light + Vector3(0, 1, 0)))
    #expect(!atTarget.intersects(shadowRay))
    let between = Sphere(radius: 0.5, objectToWorld: .translate(Point3(2, 2, -0.5)))
    #expect(between.intersects(shadowRay))
  }
}
