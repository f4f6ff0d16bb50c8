import Foundation
import Testing
@testable import PathTracer

/// Whether two hit records (or their absence) are the same, field by field.
func identical(_ a: SurfaceHit?, _ b: SurfaceHit?) -> Bool {
  guard let a, let b else { return (a == nil) == (b == nil) }
  return a.t == b.t && a.p == b.p && a.pError == b.pError && a.n == b.n
    && a.shadingNormal == b.shadingNormal && a.uv == b.uv && a.dpdu == b.dpdu
}

@Suite("Mesh instances")
struct MeshInstanceTests {
  /// A random soup of 300 small triangles with normals and uvs, in object space.
  static func objectMesh(seed: UInt64) throws -> TriangleMesh {
    var random = GeometryTestRandom(seed: seed)
    let soup = BVHTests.randomTriangleSoup(count: 300, seed: seed)
    let positions = soup.positions.map { $0 * 0.3 }
    return try TriangleMesh(positions: positions, normals: positions.map { _ in random.nextDirection() },
                            uvs: positions.map { _ in random.nextPoint2() }, indices: soup.indices)
  }

  /// Placements to test, one of them mirroring space; similarities (a
  /// uniform scale) when `uniform`, else stretched along two axes.
  static func placements(_ random: inout GeometryTestRandom, uniform: Bool = false) -> [Transform] {
    (0..<4).map { i in
      let mirror: Transform = i == 2 ? .scale(Vector3(1, -1, 1)) : .identity
      let scale = 1 + random.nextFloat()
      let stretch = uniform ? Vector3(scale, scale, scale) : Vector3(scale, 1, 0.5 + random.nextFloat())
      return Transform.applying([mirror, .scale(stretch),
                                 .rotate(degrees: random.nextFloat() * 360, axis: random.nextDirection()),
                                 .translate((random.nextPoint() - 0.5) * 4)])
    }
  }

  /// A ray from far outside toward a random vertex of `mesh`, a little off it.
  static func rayToward(_ mesh: TriangleMesh, _ random: inout GeometryTestRandom) -> Ray {
    let target = mesh.positions[Int(random.nextFloat() * Float(mesh.positions.count - 1))]
      + (random.nextPoint() - 0.5) * 0.2
    let origin = target + random.nextDirection() * 30
    return Ray(origin: origin, direction: normalize(target - origin))
  }

  @Test("a mesh built in world space finds exactly the hits of testing every triangle")
  func worldSpaceMeshMatchesBruteForce() throws {
    var random = GeometryTestRandom(seed: 3)
    for toWorld in Self.placements(&random) {
      let object = try Self.objectMesh(seed: 8)
      let world = try TriangleMesh(positions: object.positions, normals: object.normals, uvs: object.uvs,
                                   indices: object.indices, objectToWorld: toWorld)
      let instance = MeshInstance(MeshBVH(world))
      #expect(instance.toWorld == nil)
      var hits = 0
      for _ in 0..<1500 {
        let ray = Self.rayToward(world, &random)
        let expected = world.bruteForceIntersect(ray)
        let found = instance.intersect(ray)
        #expect(identical(found, expected))
        #expect(instance.intersects(ray) == (expected != nil))
        if expected != nil { hits += 1 }
      }
      #expect(hits > 100)
    }
  }

  /// Checks that `instance` finds the hits of `world` (the same mesh placed
  /// in world space) within rounding, and returns how many rays hit.
  ///
  /// Normals are compared when `compareNormals`: the world-space mesh
  /// normalizes its vertex normals before interpolating and an instance
  /// after, which agree only under similarities.
  static func expectSameHits(_ instance: MeshInstance, _ world: TriangleMesh, compareNormals: Bool,
                             _ random: inout GeometryTestRandom) -> Int {
    var (hits, disagreements) = (0, 0)
    for _ in 0..<1500 {
      let ray = rayToward(world, &random)
      let expected = world.bruteForceIntersect(ray)
      let found = instance.intersect(ray)
      // A ray that grazes an edge may hit on one side of the rounding and miss on the other.
      guard let expected, let found else {
        if (expected == nil) != (found == nil) { disagreements += 1 }
        continue
      }
      hits += 1
      #expect(abs(found.t - expected.t) <= 1e-4 * expected.t)
      #expect(geometryClose(found.p, expected.p, tolerance: 1e-3))
      let uvDifference = found.uv - expected.uv
      #expect(Swift.max(Swift.abs(uvDifference.x), Swift.abs(uvDifference.y)) < 1e-3)
      #expect(dot(found.n, found.shadingNormal) >= 0, "the geometric normal on the shading side")
      if compareNormals {
        #expect(dot(found.shadingNormal, expected.shadingNormal) > 0.9999)
        // Random vertex normals can be nearly perpendicular to a face; there
        // the side of the geometric normal follows rounding.
        if abs(dot(expected.n, expected.shadingNormal)) > 0.01 {
          #expect(dot(found.n, expected.n) > 0.9999, "geometric normals on the same side")
        }
      }
      #expect(instance.intersects(ray))
    }
    #expect(disagreements <= 3)
    return hits
  }

  @Test("an instance finds the hits of its mesh placed in world space, within rounding, mirrored or not")
  func instanceMatchesPlacedMesh() throws {
    var random = GeometryTestRandom(seed: 4)
    let object = try Self.objectMesh(seed: 9)
    let shared = MeshBVH(object)
    #expect(shared.triangleCount == 300)
    for toWorld in Self.placements(&random, uniform: true) {
      let world = try TriangleMesh(positions: object.positions, normals: object.normals, uvs: object.uvs,
                                   indices: object.indices, objectToWorld: toWorld)
      let instance = MeshInstance(shared, toWorld: toWorld)
      #expect(instance.worldBounds.contains(world.positions[0]) && instance.worldBounds.contains(world.positions.last!))
      #expect(Self.expectSameHits(instance, world, compareNormals: true, &random) >= 200)
    }
    // Stretched: without vertex normals, the geometric normal is the face's,
    // which an instance must carry by the inverse transpose (and flip for a mirror).
    let flat = try TriangleMesh(positions: object.positions, indices: object.indices)
    for toWorld in Self.placements(&random) {
      let world = try TriangleMesh(positions: flat.positions, indices: flat.indices, objectToWorld: toWorld)
      let instance = MeshInstance(MeshBVH(flat), toWorld: toWorld)
      #expect(Self.expectSameHits(instance, world, compareNormals: true, &random) >= 200)
    }
  }

  @Test("the scene aggregate finds the nearest hit among instances, shapes and copied meshes")
  func aggregateWithInstancesMatchesBruteForce() throws {
    var random = GeometryTestRandom(seed: 12)
    let shared = MeshBVH(try Self.objectMesh(seed: 10))
    var primitives: [Primitive] = []
    for i in 0..<40 {
      let place = Transform.applying([.rotate(degrees: random.nextFloat() * 360, axis: random.nextDirection()),
                                      .translate((random.nextPoint() - 0.5) * 20)])
      switch i % 4 {
      case 0: primitives.append(.shape(.sphere(Sphere(radius: 0.5 + random.nextFloat(), objectToWorld: place))))
      case 1: primitives.append(.meshInstance(MeshInstance(shared, toWorld: place)))
      case 2: primitives.append(.shape(.rectangle(Rectangle(width: 1, height: 2, objectToWorld: place))))
      default:
        let soup = BVHTests.randomTriangleSoup(count: 20, seed: UInt64(i))
        primitives.append(.mesh(try TriangleMesh(positions: soup.positions.map { $0 * 0.1 },
                                                 indices: soup.indices, objectToWorld: place)))
      }
    }
    let scene = Aggregate(primitives)
    var instanceHits = 0
    for _ in 0..<3000 {
      let ray = BVHTests.randomRay(&random)
      var best: (hit: SurfaceHit, index: Int)?
      var searchRay = ray
      for (index, primitive) in primitives.enumerated() {
        if let hit = primitive.bruteForceIntersect(searchRay) {
          best = (hit, index)
          searchRay.tMax = hit.t
        }
      }
      let found = scene.intersect(ray)
      #expect(found?.primitiveIndex == best?.index)
      #expect(identical(found?.hit, best?.hit))
      #expect(scene.intersects(ray) == (best != nil))
      if let best, best.index % 4 == 1 { instanceHits += 1 }
    }
    #expect(instanceHits > 100)
  }

  /// An OBJ file with a grid model of `gridTriangles` triangles named "Grid" and one triangle named "Tri".
  static func objText(gridTriangles: Int) -> String {
    var lines = ["o Grid"]
    let columns = gridTriangles / 2
    for i in 0...columns {
      lines.append("v \(Float(i) / Float(columns)) 0 0")
      lines.append("v \(Float(i) / Float(columns)) 1 0")
    }
    for i in 0..<columns {
      let (a, b, c, d) = (2 * i + 1, 2 * i + 2, 2 * i + 3, 2 * i + 4)
      lines.append("f \(a) \(c) \(d)")
      lines.append("f \(a) \(d) \(b)")
    }
    let first = 2 * (columns + 1)
    lines += ["o Tri", "v 0 0 0", "v 1 0 0", "v 0 1 0", "f \(first + 1) \(first + 2) \(first + 3)"]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The primitives the loader makes for `objects` (JSON text of an array of
  /// receivers with material "m"), with the models in `models.obj`.
  static func loadedPrimitives(_ objects: String) throws -> [Primitive] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("instances-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let gridTriangles = 2 * SceneLoader.instancingThreshold
    try objText(gridTriangles: gridTriangles).write(to: folder.appendingPathComponent("models.obj"),
                                                    atomically: true, encoding: .utf8)
    var loader = SceneLoader(directory: folder.path)
    var builder = ObjectBuilder(materialIndex: ["m": 0])
    for node in try JSONNode.parse(objects, fileName: "objects.json").elements() {
      try loader.readObject(node, parent: .identity, into: &builder)
    }
    return try loader.placeMeshes(builder)
  }

  static func receiver(_ model: String, _ placement: String) -> String {
    #"{ "type": "receiver", "material": "m", "geometry": { "type": "mesh", "file": "models.obj", "model": "\#(model)" }, \#(placement) }"#
  }

  @Test("a large model shown several times, still or moving, is one shared mesh; shown once, it is built in world space")
  func loaderSharesLargeModels() throws {
    let moving = #""keyframes": { "control_points": [{ "transform": [] }, { "transform": [{ "type": "translate", "translation": [1, 0, 0] }] }], "knots": [0, 0, 1, 1], "degree": 1 }"#
    let shifted = #""transform": [{ "type": "translate", "translation": [0, 0, 2] }]"#
    let primitives = try Self.loadedPrimitives("""
      [\(Self.receiver("Grid", shifted)), \(Self.receiver("Tri", shifted)), \(Self.receiver("Grid", #""transform": []"#)),
       \(Self.receiver("Grid", moving)), \(Self.receiver("Tri", #""transform": []"#))]
      """)
    #expect(primitives.count == 5)
    guard case .meshInstance(let first) = primitives[0], case .meshInstance(let second) = primitives[2],
          case .movingMesh(let third) = primitives[3] else {
      Issue.record("expected instances of the grid, found \(primitives)")
      return
    }
    #expect(first.mesh === second.mesh && second.mesh === third.mesh)
    #expect(first.mesh.triangleCount == 2 * SceneLoader.instancingThreshold)
    #expect(first.toWorld == .translate(Vector3(0, 0, 2)))
    // The small model is copied into each object's place.
    guard case .mesh(let tri) = primitives[1], case .mesh = primitives[4] else {
      Issue.record("expected copies of the small model, found \(primitives)")
      return
    }
    #expect(tri.positions[0] == Point3(0, 0, 2))

    // Shown once, a large model gets a tree of its own, built in world space.
    let alone = try Self.loadedPrimitives("[\(Self.receiver("Grid", shifted))]")
    guard case .meshInstance(let instance) = alone[0] else {
      Issue.record("expected the grid as its own mesh, found \(alone)")
      return
    }
    #expect(instance.toWorld == nil)
    #expect(instance.worldBounds.lower.z == 2 && instance.worldBounds.upper.z == 2)
  }

  @Test("an invalid model is reported at the object that shows it")
  func invalidModelNamesTheObject() throws {
    #expect {
      _ = try Self.loadedPrimitives("[\(Self.receiver("Grid", #""transform": []"#)), \(Self.receiver("None", #""transform": []"#))]")
    } throws: { error in
      "\(error)".contains("objects.json: [1].geometry.model") && "\(error)".contains("None")
    }
  }
}
