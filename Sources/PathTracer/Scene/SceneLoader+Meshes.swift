/// An OBJ model as a scene names it: the file (resolved) and the model in it.
struct MeshModelKey: Hashable {
  var path: String
  var model: String
}

/// One object that shows an OBJ model: which model, where, and the JSON
/// node to blame if the model turns out not to be a valid mesh.
struct MeshUse {
  var model: MeshModelKey
  /// The object's index among the scene's primitives.
  var primitive: Int
  var placement: AnimatedTransform
  var node: JSONNode
}

// How a model becomes primitives, decided once every object is read and so
// every use of each model is known:
//
// - A small model (fewer than `instancingThreshold` triangles) is copied
//   into the scene's BVH in world space for each fixed object that shows it:
//   the copies cost little memory, and a ray needs no transform to test them.
// - A large model shown by one fixed object is built into a ``MeshBVH`` of
//   its own in world space: no per-ray transform either, and its triangles
//   are kept once, without the scene BVH's per-element bookkeeping. (Against
//   a copy into the scene's BVH, at 1M triangles: peak memory 233 -> 151 MiB,
//   load 1.75 -> 1.63 s, for 1.0% more render instructions on the 100k mesh,
//   the price of entering a second tree.)
// - Otherwise (a large model shown several times, or any model that moves)
//   the model is one ``MeshBVH`` in its own space, shared by a
//   ``MeshInstance`` per fixed object and a ``MovingMesh`` per moving one.
extension SceneLoader {
  /// Models with at least this many triangles are not copied per object.
  /// Below it a copy (about 80 bytes per triangle) is cheaper than the
  /// transform each ray pays to enter an instance.
  static let instancingThreshold = 1024

  /// `{"type": "mesh", "file": "models/cube.obj", "model": "Cube"}` at
  /// `placement`: reads the OBJ file (once per file) and finds the model,
  /// whose primitive ``placeMeshes(_:)`` makes later.
  mutating func meshUse(_ node: JSONNode, primitive: Int, placement: AnimatedTransform) throws(SceneError) -> MeshUse {
    let fileNode = try node.required("file")
    let modelNode = try node.required("model")
    let key = MeshModelKey(path: resolve(try fileNode.string()), model: try modelNode.string())
    if meshModels[key] == nil {
      let file: OBJFile
      if let cached = objFiles[key.path] {
        file = cached
      } else {
        do {
          file = try OBJFile.load(path: key.path)
        } catch {
          throw fileNode.error("\(error)")
        }
        objFiles[key.path] = file
      }
      do {
        meshModels[key] = try file.mesh(named: key.model)
      } catch {
        throw modelNode.error("\(error)")
      }
    }
    return MeshUse(model: key, primitive: primitive, placement: placement, node: node)
  }

  /// The builder's primitives with every mesh use made into its primitive,
  /// by the rules above. O(triangles) per copy, O(n log n) per ``MeshBVH``.
  /// Each model is taken out of `meshModels` when it is placed, so that its
  /// arrays are freed (or reused for the world-space mesh) once it is built.
  mutating func placeMeshes(_ builder: ObjectBuilder) throws(SceneError) -> [Primitive] {
    var primitives = builder.primitives
    var usesOfModel: [MeshModelKey: [MeshUse]] = [:]
    var models: [MeshModelKey] = []
    for use in builder.meshUses {
      if usesOfModel[use.model] == nil { models.append(use.model) }
      usesOfModel[use.model, default: []].append(use)
    }
    for key in models {
      let uses = usesOfModel[key]!
      let model = meshModels.removeValue(forKey: key)!
      let moves = uses.contains { $0.placement.fixedTransform == nil }
      if model.triangleCount >= Self.instancingThreshold, !moves, uses.count == 1 {
        let use = uses[0]
        // The only use: its vertices are transformed in place, and the
        // mesh is gone when the BVH has what it needs.
        let mesh = try Self.triangleMesh(consume model, placedBy: use.placement.fixedTransform!, for: use)
        primitives[use.primitive] = .meshInstance(MeshInstance(MeshBVH(consume mesh)))
        continue
      }
      let copies = model.triangleCount < Self.instancingThreshold
      var shared: MeshBVH?
      for use in uses {
        if copies, let toWorld = use.placement.fixedTransform {
          primitives[use.primitive] = .mesh(try Self.triangleMesh(model, placedBy: toWorld, for: use))
          continue
        }
        if shared == nil { shared = MeshBVH(try Self.triangleMesh(model, placedBy: .identity, for: use)) }
        if let toWorld = use.placement.fixedTransform {
          primitives[use.primitive] = .meshInstance(MeshInstance(shared!, toWorld: toWorld))
        } else {
          primitives[use.primitive] = .movingMesh(MovingMesh(shared!, motion: use.placement))
        }
      }
    }
    return primitives.map { primitive in
      guard let primitive else { requirementFailed("a mesh object without its primitive") }
      return primitive
    }
  }

  /// `model` as a mesh placed by `toWorld`, or the error of an invalid model, at `use`'s node.
  /// A model passed `consume`d gives its arrays to the mesh, whose vertices
  /// are then transformed in place rather than into copies.
  static func triangleMesh(_ model: consuming OBJMesh, placedBy toWorld: Transform, for use: MeshUse) throws(SceneError) -> TriangleMesh {
    do {
      let normals = model.normals == nil ? nil : taking(&model.normals!)
      let uvs = model.uvs == nil ? nil : taking(&model.uvs!)
      return try TriangleMesh(positions: taking(&model.positions), normals: normals, uvs: uvs,
                              indices: taking(&model.indices), objectToWorld: toWorld)
    } catch {
      throw use.node.error("model \"\(use.model.model)\" in \(SceneError.lastPathComponent(of: use.model.path)) "
                           + "is not a valid mesh: \(error)")
    }
  }
}

/// The array in `array`, which is left empty: a move, so that the caller
/// holds the only reference and may mutate it without a copy.
private func taking<Element>(_ array: inout [Element]) -> [Element] {
  let taken = array
  array = []
  return taken
}
