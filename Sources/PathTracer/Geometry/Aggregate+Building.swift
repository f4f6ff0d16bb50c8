// Building an `Aggregate`, in the four steps its `init` takes:
//
// 1. gather the elements: one box per analytic shape, per mesh triangle
//    and per mesh instance,
//    and which primitive (and triangle) each comes from (moving primitives
//    go to the `MotionAggregate` instead);
// 2. build the BVH over the boxes (the binned-SAH binary tree, collapsed to
//    the 4-wide tree that traversal uses; see `BVHBuilder` and `WideBVH`);
// 3. concatenate the vertex normals and uvs of all meshes;
// 4. lay the elements out in the BVH's slot order, in one flat array per kind.
//
// Each step is O(number of elements) except the BVH build, O(n log n).

extension Aggregate {
  /// Where an element comes from: the index of its primitive in the array
  /// given to `init`, and for a triangle its index in the mesh (-1 for a shape).
  struct ElementSource {
    var primitive: Int
    var triangle: Int
  }

  /// Step 1: every element's world-space box and source, shapes and the
  /// triangles of each mesh in the order of `primitives`. The i-th box and
  /// the i-th source are element i, as the BVH's `primitiveOrder` counts them.
  static func gatherElements(of primitives: [Primitive]) -> (bounds: [Bounds3], sources: [ElementSource]) {
    var bounds: [Bounds3] = []
    var sources: [ElementSource] = []
    for (index, primitive) in primitives.enumerated() {
      switch primitive {
      case .shape(let shape):
        bounds.append(shape.worldBounds)
        sources.append(ElementSource(primitive: index, triangle: -1))
      case .meshInstance(let instance):
        bounds.append(instance.worldBounds)
        sources.append(ElementSource(primitive: index, triangle: -1))
      case .moving, .movingMesh:
        continue
      case .mesh(let mesh):
        for triangle in 0..<mesh.triangleCount {
          let corners = mesh.corners(of: triangle)
          bounds.append(Bounds3(corners.corner(0), corners.corner(1)).union(corners.corner(2)))
          sources.append(ElementSource(primitive: index, triangle: triangle))
        }
      }
    }
    return (bounds, sources)
  }

  /// The vertex normals and uvs of all meshes, one mesh after another, and
  /// where each mesh's vertices start in them.
  struct ConcatenatedVertexAttributes {
    /// Empty if no mesh has normals; otherwise one per vertex of every mesh,
    /// zeros for a mesh without normals.
    var normals: [Normal3] = []
    /// The same for uvs.
    var uvs: [Point2] = []
    /// The index of each mesh's first vertex, by the mesh's index in `primitives`.
    var firstVertex: [Int: Int32] = [:]
  }

  /// Step 3: the vertex attributes of all meshes in one array each, so that
  /// a triangle's hit record finds its vertices' normals and uvs by index.
  static func concatenateVertexAttributes(of primitives: [Primitive]) -> ConcatenatedVertexAttributes {
    let meshes = primitives.compactMap { if case .mesh(let mesh) = $0 { mesh } else { nil } }
    let anyNormals = meshes.contains { !$0.normals.isEmpty }
    let anyUVs = meshes.contains { !$0.uvs.isEmpty }
    var result = ConcatenatedVertexAttributes()
    var vertexCount = 0
    for (index, primitive) in primitives.enumerated() {
      guard case .mesh(let mesh) = primitive else { continue }
      result.firstVertex[index] = Int32(vertexCount)
      let count = mesh.positions.count
      vertexCount += count
      if anyNormals {
        result.normals += mesh.normals.isEmpty ? Array(repeating: .zero, count: count) : mesh.normals
      }
      if anyUVs {
        result.uvs += mesh.uvs.isEmpty ? Array(repeating: .zero, count: count) : mesh.uvs
      }
    }
    return result
  }

  /// The per-slot arrays of an aggregate: slot `i` of the BVH holds
  /// `elements[i]`, which indexes the array of its kind.
  struct SlotArrays {
    var elements: [Element] = []
    var primitiveOfSlot: [Int32] = []
    var triangles: [TriangleCorners] = []
    var triangleShading: [TriangleShading] = []
    var rectangles: [Rectangle] = []
    var disks: [Disk] = []
    var spheres: [Sphere] = []
    var instances: [MeshInstance] = []
  }

  /// Step 4: the elements in BVH slot order (`slotOrder[i]` is the element in
  /// slot i), each copied into the flat array of its kind: a shape's value, or a
  /// triangle's corners and the indices of its vertices in the concatenated
  /// attributes (which start at `firstVertex[mesh]` for each mesh).
  static func layOutInSlotOrder(_ slotOrder: [Int32], sources: [ElementSource], primitives: [Primitive],
                                firstVertex: [Int: Int32]) -> SlotArrays {
    var slots = SlotArrays()
    for element in slotOrder {
      let source = sources[Int(element)]
      let (index, triangle) = (source.primitive, source.triangle)
      slots.primitiveOfSlot.append(Int32(index))
      switch primitives[index] {
      case .shape(.rectangle(let r)):
        slots.elements.append(.rectangle(Int32(slots.rectangles.count)))
        slots.rectangles.append(r)
      case .shape(.disk(let d)):
        slots.elements.append(.disk(Int32(slots.disks.count)))
        slots.disks.append(d)
      case .shape(.sphere(let s)):
        slots.elements.append(.sphere(Int32(slots.spheres.count)))
        slots.spheres.append(s)
      case .meshInstance(let instance):
        slots.elements.append(.instance(Int32(slots.instances.count)))
        slots.instances.append(instance)
      case .moving, .movingMesh:
        requirementFailed("a moving primitive has no slot among the fixed elements")
      case .mesh(let mesh):
        slots.elements.append(.triangle(Int32(slots.triangles.count)))
        slots.triangles.append(mesh.corners(of: triangle))
        let base = firstVertex[index]!
        let indices = mesh.indices
        slots.triangleShading.append(TriangleShading(
          i0: base + indices[3 * triangle], i1: base + indices[3 * triangle + 1],
          i2: base + indices[3 * triangle + 2], hasNormals: !mesh.normals.isEmpty,
          hasUVs: !mesh.uvs.isEmpty, flipsNormals: mesh.flipsNormals))
      }
    }
    return slots
  }
}
