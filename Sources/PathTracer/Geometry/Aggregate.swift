/// A piece of scene geometry: an analytic shape or a triangle mesh.
public enum Primitive: Sendable {
  case shape(Shape)
  case mesh(TriangleMesh)

  /// The world-space bounding box.
  public var worldBounds: Bounds3 {
    switch self {
    case .shape(let shape): return shape.worldBounds
    case .mesh(let mesh): return mesh.worldBounds
    }
  }
}

/// All the geometry of a scene behind one top-level BVH: the scene's
/// `intersect` and shadow-ray test.
///
/// Two levels: the top BVH's leaves are whole primitives; a mesh primitive
/// then descends into the mesh's own BVH over its triangles. Hits report the
/// primitive's index in the array given to ``init(_:)``, which the caller
/// uses to find the material or area light that belongs to it.
///
/// ```swift
/// let scene = Aggregate([.shape(.sphere(ball)), .mesh(bunny)])
/// if let (hit, index) = scene.intersect(ray) { material = materials[index] ... }
/// ```
///
/// The BVH nodes and triangle corners of all meshes are copied into two
/// shared buffers, each mesh entered at its own root. Calling a method on a
/// ``TriangleMesh`` fetched from an array made Swift copy the struct, and
/// retain and release each of its arrays, on every visit: a third of the cost
/// of a small mesh. With the buffers, the hot loop touches no reference
/// counts. (The meshes' own nodes and corners are not needed after building;
/// drop the `TriangleMesh` values to free them.)
public struct Aggregate: Sendable {
  /// Where the primitive in a top-level BVH slot is stored.
  private enum Reference: BitwiseCopyable {
    case shape(Int)
    /// A mesh: its index in `meshAttributes` and its root in `meshNodes`.
    case mesh(Int, root: Int)
  }

  private let bvh: BVH
  private let references: [Reference]
  private let shapes: [Shape]
  /// The BVHs of all meshes, one after the other; leaves index `meshCorners`.
  private let meshNodes: [BVHNode]
  /// Three corners per triangle, all meshes one after the other.
  private let meshCorners: [Point3]
  /// Per mesh: the slot of its first triangle in `meshCorners`, and the data
  /// to build a hit record.
  private let meshFirstTriangle: [Int]
  private let meshAttributes: [TriangleMeshAttributes]
  /// The number of primitives.
  public let count: Int

  /// Builds the top-level BVH over `primitives` (O(n log n)) and gathers the
  /// meshes' BVHs and triangles (O(triangles)).
  public init(_ primitives: [Primitive]) {
    bvh = BVH(primitiveBounds: primitives.map(\.worldBounds))
    var references: [Reference] = []
    var shapes: [Shape] = []
    var meshNodes: [BVHNode] = []
    var meshCorners: [Point3] = []
    var meshFirstTriangle: [Int] = []
    var meshAttributes: [TriangleMeshAttributes] = []
    for original in bvh.primitiveOrder {
      switch primitives[Int(original)] {
      case .shape(let shape):
        references.append(.shape(shapes.count))
        shapes.append(shape)
      case .mesh(let mesh):
        references.append(.mesh(meshAttributes.count, root: meshNodes.count))
        let firstTriangle = meshCorners.count / 3
        meshNodes += mesh.bvh.nodes(rebasedTo: meshNodes.count, slots: firstTriangle)
        meshCorners += mesh.corners
        meshFirstTriangle.append(firstTriangle)
        meshAttributes.append(mesh.attributes)
      }
    }
    self.references = references
    self.shapes = shapes
    self.meshNodes = meshNodes
    self.meshCorners = meshCorners
    self.meshFirstTriangle = meshFirstTriangle
    self.meshAttributes = meshAttributes
    count = primitives.count
  }

  /// The box around the whole scene.
  public var worldBounds: Bounds3 { bvh.bounds }

  /// The best hit found so far.
  private enum Candidate {
    case shape(SurfaceHit, slot: Int)
    case triangle(TriangleMesh.TriangleHit, mesh: Int, slot: Int)
  }

  /// The nearest hit with `0 < t < ray.tMax` and the index (in the array
  /// given to ``init(_:)``) of the primitive hit, or `nil`.
  public func intersect(_ ray: Ray) -> (hit: SurfaceHit, primitiveIndex: Int)? {
    var searchRay = ray
    var best: Candidate?
    meshNodes.withUnsafeBufferPointer { meshNodes in
      meshCorners.withUnsafeBufferPointer { meshCorners in
        _ = bvh.traverse(ray: &searchRay) { slot, searchRay in
          switch references[slot] {
          case .shape(let i):
            guard let hit = shapes[i].intersect(searchRay) else { return false }
            searchRay.tMax = hit.t
            best = .shape(hit, slot: slot)
            return true
          case .mesh(let i, let root):
            guard let hit = TriangleMesh.nearestTriangle(
              nodes: meshNodes, root: root, corners: meshCorners, ray: &searchRay) else { return false }
            best = .triangle(hit, mesh: i, slot: slot)
            return true
          }
        }
      }
    }
    switch best {
    case nil:
      return nil
    case .shape(let hit, let slot):
      return (hit, Int(bvh.primitiveOrder[slot]))
    case .triangle(let hit, let mesh, let slot):
      let surface = meshAttributes[mesh].surfaceHit(
        triangle: hit.triangle - meshFirstTriangle[mesh], t: hit.t, barycentrics: hit.barycentrics)
      return (surface, Int(bvh.primitiveOrder[slot]))
    }
  }

  /// Whether anything blocks the ray within `0 < t < ray.tMax` (shadow rays;
  /// stops at the first hit found).
  public func intersects(_ ray: Ray) -> Bool {
    meshNodes.withUnsafeBufferPointer { meshNodes in
      meshCorners.withUnsafeBufferPointer { meshCorners in
        bvh.traverseAnyHit(ray: ray) { slot, ray in
          switch references[slot] {
          case .shape(let i):
            return shapes[i].intersects(ray)
          case .mesh(_, let root):
            return TriangleMesh.anyTriangle(nodes: meshNodes, root: root, corners: meshCorners, ray: ray)
          }
        }
      }
    }
  }
}
