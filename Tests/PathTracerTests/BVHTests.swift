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

@Suite("BVH")
struct BVHTests {
  @Test("rays that are NaN, infinite or zero hit nothing, and the traversal stays in bounds: unused lanes are never entered")
  func degenerateRaysMiss() throws {
    var random = PCG32(seed: 5)
    var primitives: [Primitive] = []
    for i in 0..<63 {
      let place = Transform.translate(Vector3(Float(i % 8) * 3, Float(i / 8) * 3, 0))
      switch i % 3 {
      case 0: primitives.append(.shape(.sphere(Sphere(radius: 0.5 + random.nextFloat(), objectToWorld: place))))
      case 1: primitives.append(.shape(.disk(Disk(radius: 1, innerRadius: 0, objectToWorld: place))))
      default: primitives.append(.shape(.rectangle(Rectangle(width: 1, height: 1, objectToWorld: place))))
      }
    }
    let soup = Self.randomTriangleSoup(count: 200, seed: 9)
    primitives.append(.mesh(try TriangleMesh(positions: soup.positions, indices: soup.indices)))
    let nan = Float.nan, inf = Float.infinity
    let rays = [
      Ray(origin: Point3(nan, nan, nan), direction: Vector3(0, 0, 1)),
      Ray(origin: Point3(1, 1, -10), direction: Vector3(nan, nan, nan)),
      Ray(origin: Point3(1, 1, -10), direction: Vector3(0, nan, 1)),
      Ray(origin: Point3(inf, 0, -10), direction: Vector3(0, 0, 1)),
      Ray(origin: Point3(1, 1, -10), direction: Vector3(0, 0, inf)),
      Ray(origin: Point3(1, 1, -10), direction: .zero),
      Ray(origin: Point3(1, 1, -10), direction: Vector3(0, 0, 1), tMax: nan),
    ]
    // Full nodes, and nodes with unused lanes (two or three children).
    // A point each scene has something at: the first sphere's centre, or a triangle's.
    let triangle = (soup.positions[Int(soup.indices[0])] + soup.positions[Int(soup.indices[1])]
                    + soup.positions[Int(soup.indices[2])]) / 3
    let scenes = [(Aggregate(primitives), Point3.zero), (Aggregate(Array(primitives[0..<2])), .zero),
                  (Aggregate(Array(primitives[0..<3])), .zero), (Aggregate([primitives.last!]), triangle)]
    for (scene, target) in scenes {
      for ray in rays {
        #expect(scene.intersect(ray) == nil, "\(ray)")
        #expect(!scene.intersects(ray), "\(ray)")
      }
      // The same scene still answers a sound ray.
      let origin = Point3(0.01, 0.02, -10)
      #expect(scene.intersect(Ray(origin: origin, direction: target - origin)) != nil)
    }
  }

  /// `count` small random triangles in the cube [-10, 10]^3.
  static func randomTriangleSoup(count: Int, seed: UInt64) -> (positions: [Point3], indices: [Int32]) {
    var random = GeometryTestRandom(seed: seed)
    var positions: [Point3] = []
    for _ in 0..<count {
      let centre = (random.nextPoint() - 0.5) * 20
      for _ in 0..<3 { positions.append(centre + (random.nextPoint() - 0.5) * 1.5) }
    }
    return (positions, (0..<Int32(3 * count)).map { $0 })
  }

  /// A ray from a random point outside toward a random point inside the cube.
  static func randomRay(_ random: inout GeometryTestRandom) -> Ray {
    let origin = random.nextDirection() * 30
    let target = (random.nextPoint() - 0.5) * 16
    return Ray(origin: origin, direction: normalize(target - origin))
  }

  /// The depth of the deepest leaf.
  static func depth(of bvh: BVH, node: Int = 0) -> Int {
    let n = bvh.nodes[node]
    if n.isLeaf { return 1 }
    return 1 + Swift.max(depth(of: bvh, node: node + 1), depth(of: bvh, node: Int(n.offset)))
  }

  @Test("a node is 32 bytes")
  func nodeSize() {
    #expect(MemoryLayout<BVHNode>.stride == 32)
  }

  @Test("every primitive sits in exactly one leaf, inside every box above it")
  func structure() {
    var random = GeometryTestRandom(seed: 1)
    let bounds = (0..<5000).map { _ in
      let p = (random.nextPoint() - 0.5) * 100
      return Bounds3(p, p + random.nextPoint())
    }
    let bvh = BVH(primitiveBounds: bounds)
    #expect(Set(bvh.primitiveOrder) == Set(0..<Int32(5000)))
    var seen = [Int](repeating: 0, count: 5000)
    func visit(_ index: Int, enclosing: Bounds3) {
      let node = bvh.nodes[index]
      #expect(enclosing.union(node.bounds) == enclosing)
      if node.isLeaf {
        #expect(node.primitiveCount <= 4)
        for slot in Int(node.offset)..<(Int(node.offset) + Int(node.primitiveCount)) {
          seen[slot] += 1
          let box = bounds[Int(bvh.primitiveOrder[slot])]
          #expect(node.bounds.union(box) == node.bounds)
        }
      } else {
        #expect(Int(node.offset) > index + 1)
        visit(index + 1, enclosing: node.bounds)
        visit(Int(node.offset), enclosing: node.bounds)
      }
    }
    visit(0, enclosing: bvh.bounds)
    #expect(seen.allSatisfy { $0 == 1 })
    #expect(Self.depth(of: bvh) < 40)
  }

  @Test("degenerate inputs build shallow trees: identical boxes, exponential spacing, none")
  func degenerateInputs() {
    let identical = BVH(primitiveBounds: Array(repeating: Bounds3(Point3(0, 0, 0), Point3(1, 1, 1)), count: 10_000))
    #expect(Self.depth(of: identical) <= 64)
    var hits = 0
    var ray = Ray(origin: Point3(0.5, 0.5, -5), direction: Vector3(0, 0, 1))
    _ = identical.traverse(ray: &ray) { _, _ in hits += 1; return false }
    #expect(hits == 10_000)

    // Centroids at 2^i: the SAH would peel off one primitive per level.
    let exponential = (0..<120).map { (i: Int) -> Bounds3 in
      let x = Float(1 << (i % 60)) * Float(i / 60 + 1)
      return Bounds3(Point3(x, 0, 0), Point3(x + 1, 1, 1))
    }
    #expect(Self.depth(of: BVH(primitiveBounds: exponential)) <= 64)

    let empty = BVH(primitiveBounds: [])
    var anyRay = Ray(origin: .zero, direction: Vector3(1, 0, 0))
    #expect(!empty.traverse(ray: &anyRay) { _, _ in true })
    #expect(!empty.traverseAnyHit(ray: anyRay) { _, _ in true })
    #expect(empty.bounds.isEmpty)
  }

  @Test("building the wide BVH directly gives the collapse of the binary BVH, node for node",
        arguments: [1, 2, 5, 100, 3000])
  func directWideBuild(_ count: Int) {
    var random = GeometryTestRandom(seed: UInt64(count))
    let bounds = (0..<count).map { i in
      // Some coincident boxes, so that the builder's no-split cases are taken too.
      let p = i % 7 == 0 ? Point3(1, 2, 3) : (random.nextPoint() - 0.5) * 100
      return Bounds3(p, p + random.nextPoint())
    }
    let collapsed = WideBVH(BVH(primitiveBounds: bounds))
    let direct = WideBVH(primitiveBounds: bounds)
    #expect(direct.primitiveOrder == collapsed.primitiveOrder)
    #expect(direct.depth == collapsed.depth)
    #expect(direct.nodes.count == collapsed.nodes.count)
    let same = zip(direct.nodes, collapsed.nodes).allSatisfy { a, b in
      (0..<4).allSatisfy { a.bounds($0) == b.bounds($0) } && a.child == b.child
        && a.primitiveCount == b.primitiveCount && a.leafLanes == b.leafLanes && a.usedLanes == b.usedLanes
    }
    #expect(same)
    var taken = direct
    #expect(taken.takePrimitiveOrder() == collapsed.primitiveOrder)
    #expect(taken.primitiveOrder.isEmpty)
  }

  @Test("the wide BVH keeps every leaf once, inside its parents' boxes, and is no deeper than the binary one")
  func wideStructure() {
    var random = GeometryTestRandom(seed: 2)
    let bounds = (0..<3000).map { _ in
      let p = (random.nextPoint() - 0.5) * 100
      return Bounds3(p, p + random.nextPoint())
    }
    let binary = BVH(primitiveBounds: bounds)
    let wide = WideBVH(binary)
    #expect(wide.primitiveOrder == binary.primitiveOrder)
    #expect(wide.bounds == binary.bounds)
    #expect(MemoryLayout<WideBVHNode>.stride == 128)
    var seen = [Int](repeating: 0, count: 3000)
    func visit(_ index: Int, enclosing: Bounds3) -> Int {
      let node = wide.nodes[index]
      var depth = 0
      for lane in 0..<4 {
        let box = node.bounds(lane)
        if box.isEmpty {
          #expect(node.primitiveCount[lane] == 0 && node.leafLanes & (1 << lane) == 0)
          continue
        }
        #expect(enclosing.union(box) == enclosing)
        #expect((node.primitiveCount[lane] > 0) == (node.leafLanes & (1 << lane) != 0))
        if node.primitiveCount[lane] > 0 {
          let first = Int(node.child[lane])
          for slot in first..<(first + Int(node.primitiveCount[lane])) {
            seen[slot] += 1
            #expect(box.union(bounds[Int(wide.primitiveOrder[slot])]) == box)
          }
        } else {
          #expect(Int(node.child[lane]) > index)
          depth = Swift.max(depth, visit(Int(node.child[lane]), enclosing: box))
        }
      }
      return depth + 1
    }
    let depth = visit(0, enclosing: wide.bounds)
    #expect(seen.allSatisfy { $0 == 1 })
    #expect(depth == wide.depth)
    #expect(depth < Self.depth(of: binary))

    // Merging levels nearest the root first (the fallback for trees too deep
    // for the traversal stack) halves the depth and keeps every leaf.
    let halved = WideBVH(binary, widestFirst: false)
    #expect(halved.depth <= (Self.depth(of: binary) + 1) / 2)
    var visitedCount = 0
    for _ in 0..<200 {
      let origin = random.nextDirection() * 80
      var ray = Ray(origin: origin, direction: (random.nextPoint() - 0.5) * 100 - origin)
      var visited = [Int](), halvedVisited = [Int]()
      wide.traverse(ray: &ray) { slot, _ in visited.append(slot); return false }
      halved.traverse(ray: &ray) { slot, _ in halvedVisited.append(slot); return false }
      #expect(Set(visited) == Set(halvedVisited))
      visitedCount += visited.count
    }
    #expect(visitedCount > 10)

    let single = WideBVH(BVH(primitiveBounds: [Bounds3(Point3(0, 0, 0), Point3(1, 1, 1))]))
    var ray = Ray(origin: Point3(0.5, 0.5, -1), direction: Vector3(0, 0, 1))
    #expect(single.traverse(ray: &ray) { slot, _ in slot == 0 })
    let empty = WideBVH(BVH(primitiveBounds: []))
    #expect(!empty.traverse(ray: &ray) { _, _ in true })
    #expect(!empty.traverseAnyHit(ray: ray) { _, _ in true })
    #expect(empty.bounds.isEmpty)
  }

  @Test("wide and binary traversal find the same nearest hit and visit the same boxes")
  func wideTraversalMatchesBinary() {
    let soup = Self.randomTriangleSoup(count: 2000, seed: 21)
    let triangles = (0..<2000).map { i in
      TriangleCorners(soup.positions[3 * i], soup.positions[3 * i + 1], soup.positions[3 * i + 2])
    }
    let binary = BVH(primitiveBounds: triangles.map { Bounds3($0.corner(0), $0.corner(1)).union($0.corner(2)) })
    let wide = WideBVH(binary)
    // The triangles in slot order, as the aggregate keeps them.
    let corners = binary.primitiveOrder.map { triangles[Int($0)] }
    var random = GeometryTestRandom(seed: 22)
    var hitCount = 0
    for i in 0..<2000 {
      var ray = Self.randomRay(&random)
      if i % 3 == 0 { ray.tMax = random.nextFloat() * 40 }
      if i % 50 == 0 { ray.direction.x = 0 }  // flat in x: infinite inverse direction
      let test = WatertightRay(ray)
      func closest(_ traverse: (inout Ray, (Int, inout Ray) -> Bool) -> Bool) -> (Bool, Float) {
        var searchRay = ray
        let found = traverse(&searchRay) { slot, searchRay in
          guard let h = test.hit(corners[slot], tMax: searchRay.tMax) else { return false }
          searchRay.tMax = h.t
          return true
        }
        return (found, searchRay.tMax)
      }
      let binaryResult = closest { binary.traverse(ray: &$0, $1) }
      let wideResult = closest { wide.traverse(ray: &$0, $1) }
      #expect(wideResult == binaryResult)
      let anyHit = wide.traverseAnyHit(ray: ray) { slot, ray in
        test.hit(corners[slot], tMax: ray.tMax) != nil
      }
      #expect(anyHit == binaryResult.0)
      if binaryResult.0 { hitCount += 1 }
      // Every box the wide tree rejects holds no primitive the ray reaches.
      var leavesVisited = Set<Int>()
      var wideRay = ray
      wide.traverse(ray: &wideRay) { slot, _ in leavesVisited.insert(slot); return false }
      for slot in 0..<2000 where !leavesVisited.contains(slot) {
        #expect(test.hit(corners[slot], tMax: ray.tMax) == nil)
      }
    }
    #expect(hitCount > 500)
  }

  @Test("closest hits through the aggregate of one mesh equal brute force over all triangles")
  func meshClosestHitMatchesBruteForce() throws {
    let soup = Self.randomTriangleSoup(count: 3000, seed: 12)
    let mesh = try TriangleMesh(positions: soup.positions, indices: soup.indices)
    #expect(mesh.triangleCount == 3000)
    let scene = Aggregate([.mesh(mesh)])
    var random = GeometryTestRandom(seed: 34)
    var hitCount = 0
    for _ in 0..<3000 {
      var ray = Self.randomRay(&random)
      if random.nextFloat() < 0.3 { ray.tMax = random.nextFloat() * 40 }
      // Brute force over the triangles in their original order.
      let test = WatertightRay(ray)
      var bestT = ray.tMax
      var found = false
      for i in 0..<3000 {
        let corners = TriangleCorners(soup.positions[3 * i], soup.positions[3 * i + 1],
                                      soup.positions[3 * i + 2])
        if let h = test.hit(corners, tMax: bestT) {
          bestT = h.t
          found = true
        }
      }
      let hit = scene.intersect(ray)?.hit
      #expect((hit != nil) == found)
      #expect(scene.intersects(ray) == found)
      if let hit {
        hitCount += 1
        #expect(hit.t == bestT)
        #expect(geometryClose(hit.p, ray.at(hit.t), tolerance: 1e-4))
        #expect(hit.t < ray.tMax && hit.t > 0)
      }
    }
    #expect(hitCount > 1000)
  }

  @Test("the scene aggregate finds the nearest of spheres, disks, rectangles and meshes")
  func aggregateMatchesBruteForce() throws {
    var random = GeometryTestRandom(seed: 56)
    var primitives: [Primitive] = []
    for i in 0..<200 {
      let place = Transform.applying([.rotate(degrees: random.nextFloat() * 360, axis: random.nextDirection()),
                                      .translate((random.nextPoint() - 0.5) * 20)])
      switch i % 4 {
      case 0: primitives.append(.shape(.sphere(Sphere(radius: 0.5 + random.nextFloat(), objectToWorld: place))))
      case 1: primitives.append(.shape(.disk(Disk(radius: 1, innerRadius: 0.3, objectToWorld: place))))
      case 2: primitives.append(.shape(.rectangle(Rectangle(width: 1, height: 2, objectToWorld: place))))
      default:
        let soup = Self.randomTriangleSoup(count: 20, seed: UInt64(i))
        primitives.append(.mesh(try TriangleMesh(positions: soup.positions.map { $0 * 0.1 },
                                                 indices: soup.indices, objectToWorld: place)))
      }
    }
    func bruteForce(_ ray: Ray) -> (t: Float, index: Int)? {
      var best: (t: Float, index: Int)?
      var searchRay = ray
      for (index, primitive) in primitives.enumerated() {
        if let hit = primitive.bruteForceIntersect(searchRay) {
          best = (hit.t, index)
          searchRay.tMax = hit.t
        }
      }
      return best
    }
    let scene = Aggregate(primitives)
    #expect(scene.count == 200)
    var hits = 0
    for _ in 0..<3000 {
      let ray = Self.randomRay(&random)
      let expected = bruteForce(ray)
      let found = scene.intersect(ray)
      #expect(found?.primitiveIndex == expected?.index)
      #expect(found?.hit.t == expected?.t)
      #expect(scene.intersects(ray) == (expected != nil))
      if let expected {
        hits += 1
        // Shortened just before the first hit, the shadow ray is unblocked.
        var shortened = ray
        shortened.tMax = expected.t * 0.999
        #expect(scene.intersects(shortened) == (bruteForce(shortened) != nil))
      }
    }
    #expect(hits > 1000)
  }

  @Test("a cube mesh reports outward normals, flipped back under a mirroring transform")
  func cubeNormals() throws {
    // The unit cube [-1, 1]^3 as 12 triangles wound counter-clockwise from outside
    // (the right-hand rule gives the outward normal), no vertex normals.
    let positions = (0..<8).map { i in
      Point3(i & 1 == 0 ? -1 : 1, i & 2 == 0 ? -1 : 1, i & 4 == 0 ? -1 : 1)
    }
    let faces: [[Int32]] = [[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2], [1, 3, 7, 5]]
    let indices = faces.flatMap { f in [f[0], f[1], f[2], f[0], f[2], f[3]] }
    let cases: [(transform: Transform, area: Float)] = [
      (.identity, 24), (.scale(Vector3(-1, 1, 1)), 24),
      (.applying([.scale(Vector3(2, -1, 1)), .rotateY(degrees: 30)]), 40),  // a 4 x 2 x 2 box
    ]
    for (transform, area) in cases {
      let mesh = try TriangleMesh(positions: positions, indices: indices, objectToWorld: transform)
      #expect(Swift.abs(mesh.area - area) < 1e-4)
      let cube = Aggregate([.mesh(mesh)])
      var random = GeometryTestRandom(seed: 9)
      for _ in 0..<500 {
        let origin = random.nextDirection() * 10
        let ray = Ray(origin: origin, direction: -origin)
        let hit = try #require(cube.intersect(ray)?.hit)
        #expect(dot(hit.n, ray.direction) < 0, "normal must face the outside viewer")
        #expect(hit.shadingNormal == hit.n)
        #expect(Swift.abs(dot(hit.dpdu, hit.n)) < 1e-4 * length(hit.dpdu))
        // Inside, looking out: the same outward normal, now facing away.
        let inner = try #require(cube.intersect(Ray(origin: .zero, direction: origin))?.hit)
        #expect(dot(inner.n, origin) > 0)
      }
    }
  }

  @Test("vertex normals and uvs are interpolated, and the geometric normal follows the shading side")
  func interpolatedAttributes() throws {
    let mesh = try TriangleMesh(
      positions: [Point3(0, 0, 0), Point3(1, 0, 0), Point3(0, 1, 0)],
      // Normals on the -Z side, opposite to the winding's +Z.
      normals: [Vector3(0, 0, -1), normalize(Vector3(1, 0, -1)), Vector3(0, 0, -2)],
      uvs: [Point2(0, 0), Point2(1, 0), Point2(0, 1)],
      indices: [0, 1, 2], objectToWorld: .translate(Vector3(0, 0, 5)))
    let scene = Aggregate([.mesh(mesh)])
    let hit = try #require(scene.intersect(Ray(origin: Point3(0.25, 0.25, 0), direction: Vector3(0, 0, 1)))?.hit)
    #expect(hit.t == 5)
    #expect(Swift.abs(hit.uv.x - 0.25) < 1e-6 && Swift.abs(hit.uv.y - 0.25) < 1e-6)
    #expect(hit.n == Vector3(0, 0, -1))
    #expect(hit.shadingNormal.z < 0 && hit.shadingNormal.x > 0)
    #expect(Swift.abs(length(hit.shadingNormal) - 1) < 1e-6)
    #expect(geometryClose(normalize(hit.dpdu), Vector3(1, 0, 0)))
  }

  @Test("the scene aggregate builds exactly the hit records the primitives build themselves")
  func aggregateHitRecordsMatchPrimitives() throws {
    // Meshes with and without vertex normals and uvs, one mirrored, among
    // analytic shapes, so that the aggregate's gathered vertex data is
    // exercised in every combination.
    var random = GeometryTestRandom(seed: 91)
    func place() -> Transform {
      Transform.applying([.scale(Vector3(1 + random.nextFloat(), 1, 0.5 + random.nextFloat())),
                          .rotate(degrees: random.nextFloat() * 360, axis: random.nextDirection()),
                          .translate((random.nextPoint() - 0.5) * 12)])
    }
    let soup = Self.randomTriangleSoup(count: 40, seed: 5)
    let positions = soup.positions.map { $0 * 0.2 }
    let normals = (0..<positions.count).map { _ in random.nextDirection() }
    let uvs = (0..<positions.count).map { _ in random.nextPoint2() }
    let primitives: [Primitive] = [
      .mesh(try TriangleMesh(positions: positions, normals: normals, uvs: uvs, indices: soup.indices,
                             objectToWorld: place())),
      .shape(.rectangle(Rectangle(width: 2, height: 3, objectToWorld: place()))),
      .mesh(try TriangleMesh(positions: positions, indices: soup.indices, objectToWorld: place())),
      .shape(.sphere(Sphere(radius: 1, objectToWorld: place()))),
      .mesh(try TriangleMesh(positions: positions, uvs: uvs, indices: soup.indices,
                             objectToWorld: Transform.scale(Vector3(-1, 1, 1)) * place())),
      .shape(.disk(Disk(radius: 1.5, innerRadius: 0.5, objectToWorld: place()))),
      .mesh(try TriangleMesh(positions: positions, normals: normals, indices: soup.indices,
                             objectToWorld: place())),
    ]
    let scene = Aggregate(primitives)
    var hits = Set<Int>()
    for _ in 0..<4000 {
      let origin = random.nextDirection() * 20
      let ray = Ray(origin: origin, direction: (random.nextPoint() - 0.5) * 12 - origin)
      guard let (hit, index) = scene.intersect(ray) else { continue }
      hits.insert(index)
      var ownRay = ray
      ownRay.tMax = hit.t.nextUp  // the primitive alone must find the same hit
      let expected = try #require(primitives[index].bruteForceIntersect(ownRay))
      #expect(hit.t == expected.t && hit.p == expected.p && hit.pError == expected.pError)
      #expect(hit.n == expected.n && hit.shadingNormal == expected.shadingNormal)
      #expect(hit.uv == expected.uv && hit.dpdu == expected.dpdu)
    }
    #expect(hits == Set(0..<primitives.count))
  }

  @Test("malformed meshes are rejected with a reason")
  func meshErrors() {
    let points = [Point3(0, 0, 0), Point3(1, 0, 0), Point3(0, 1, 0)]
    #expect(throws: TriangleMesh.Error.indexCountNotMultipleOfThree(2)) {
      try TriangleMesh(positions: points, indices: [0, 1])
    }
    #expect(throws: TriangleMesh.Error.indexOutOfRange(3)) {
      try TriangleMesh(positions: points, indices: [0, 1, 3])
    }
    #expect(throws: TriangleMesh.Error.indexOutOfRange(7)) {
      try TriangleMesh(positions: points, indices: [0, 7, 1] as [UInt32])
    }
    // An OBJ reader's unsigned indices are accepted as they are.
    #expect((try? TriangleMesh(positions: points, indices: [0, 1, 2] as [UInt32]))?.triangleCount == 1)
    #expect(throws: TriangleMesh.Error.attributeCountMismatch(name: "normals", expected: 3, actual: 1)) {
      try TriangleMesh(positions: points, normals: [Vector3(0, 0, 1)], indices: [0, 1, 2])
    }
  }

  @Test("rays through a shared edge or vertex of a fan hit exactly one side, never fall through")
  func watertightness() throws {
    // A fan of 16 triangles around the origin in the z = 0 plane.
    var positions = [Point3.zero]
    for i in 0..<16 {
      let angle = Double(i) / 16 * 2 * .pi
      positions.append(Point3(Float(cos(angle)), Float(sin(angle)), 0))
    }
    let indices = (0..<Int32(16)).flatMap { (i: Int32) -> [Int32] in [0, 1 + i, 1 + (i + 1) % 16] }
    let fan = Aggregate([.mesh(try TriangleMesh(positions: positions, indices: indices))])
    var random = GeometryTestRandom(seed: 4)
    for i in 0..<2000 {
      // Aim at the centre vertex, or at a point on a shared edge.
      let edge = positions[1 + i % 16] * random.nextFloat() * 0.99
      let target = i % 2 == 0 ? Point3.zero : edge
      let origin = target + Vector3(random.nextFloat() - 0.5, random.nextFloat() - 0.5, 1) * 3
      #expect(fan.intersects(Ray(origin: origin, direction: target - origin)))
    }
  }
}
