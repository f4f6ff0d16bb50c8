extension SceneLoader {
  /// One entry of `objects`: a `receiver`, an `emitter` or a `group` of further objects.
  ///
  /// ```json
  /// { "name": "ball", "type": "receiver", "material": "white_wall",
  ///   "geometry": { "type": "sphere", "radius": 2 }, "transform": [...] }
  /// ```
  mutating func readObject(_ node: JSONNode, parentTransform: Transform,
                           into builder: inout ObjectBuilder) throws(SceneError) {
    if let keyframes = node.optional("keyframes") { throw keyframes.unsupported("animated objects (keyframes)") }
    let local = try node.optional("transform").map { (n) throws(SceneError) in try Self.transform(from: n) } ?? .identity
    let toWorld = try Self.placement(parentTransform * local, at: node.optional("transform") ?? node)
    let type = try node.required("type")
    switch try type.string() {
    case "group":
      for child in try node.required("objects").elements() {
        try readObject(child, parentTransform: toWorld, into: &builder)
      }
    case "receiver":
      let material = try materialIndex(node, builder)
      builder.primitives.append(try geometry(try node.required("geometry"), toWorld: toWorld))
      builder.objects.append(SceneObject(material: material))
    case "emitter":
      try readEmitter(node, toWorld: toWorld, into: &builder)
    case let other:
      throw type.error("unknown object type \"\(other)\"; expected receiver, emitter or group")
    }
  }

  func materialIndex(_ node: JSONNode, _ builder: ObjectBuilder) throws(SceneError) -> Int {
    let materialNode = try node.required("material")
    let name = try materialNode.string()
    guard let index = builder.materialIndex[name] else {
      throw materialNode.error("no material named \"\(name)\" is defined in \"materials\"")
    }
    return index
  }

  /// An area emitter (a sphere, disk or rectangle that glows) or a point light.
  mutating func readEmitter(_ node: JSONNode, toWorld: Transform, into builder: inout ObjectBuilder) throws(SceneError) {
    let kind = try node.required("emitter")
    let emissionNode = try node.required("emission")
    if case .array(let items) = emissionNode.value, case .object = items.first {
      throw emissionNode.unsupported("animated emission")
    }
    let emission = try Self.color(emissionNode)
    switch try kind.string() {
    case "point":
      builder.lights.append(.point(PointLight(position: toWorld.apply(point: .zero), intensity: emission)))
    case "area":
      let material = try materialIndex(node, builder)
      let geometryNode = try node.required("geometry")
      let shape = try analyticShape(geometryNode, toWorld: toWorld)
      guard case .shape(let emitterShape) = shape else {
        throw geometryNode.error("an area light must be a sphere, disk or rectangle")
      }
      if case .sphere(let sphere) = emitterShape, !sphere.supportsAreaSampling {
        throw node.optional("transform")?.error("a spherical light must be scaled uniformly")
          ?? geometryNode.error("a spherical light must be scaled uniformly")
      }
      builder.objects.append(SceneObject(material: material, light: builder.lights.count))
      builder.primitives.append(shape)
      builder.lights.append(.area(AreaLight(shape: emitterShape, emission: emission)))
    case let other:
      throw kind.error("unknown emitter \"\(other)\"; expected \"area\" or \"point\"")
    }
  }

  /// The primitive a `geometry` node describes: a mesh or an analytic shape.
  mutating func geometry(_ node: JSONNode, toWorld: Transform) throws(SceneError) -> Primitive {
    let type = try node.required("type")
    if try type.string() == "mesh" {
      return try mesh(node, toWorld: toWorld)
    }
    return try analyticShape(node, toWorld: toWorld)
  }

  func analyticShape(_ node: JSONNode, toWorld: Transform) throws(SceneError) -> Primitive {
    let type = try node.required("type")
    switch try type.string() {
    case "sphere":
      return .shape(.sphere(Sphere(radius: try node.required("radius").positiveFloat(), objectToWorld: toWorld)))
    case "disk":
      let radius = try node.required("radius").positiveFloat()
      let innerNode = node.optional("inner_radius")
      let inner = try innerNode?.nonNegativeFloat() ?? 0
      if let innerNode, inner >= radius {
        throw innerNode.error("must be less than the radius \(radius), found \(inner)")
      }
      return .shape(.disk(Disk(radius: radius, innerRadius: inner, objectToWorld: toWorld)))
    case "rectangle":
      return .shape(.rectangle(Rectangle(width: try node.required("width").positiveFloat(),
                                         height: try node.required("height").positiveFloat(),
                                         objectToWorld: toWorld)))
    case "plane":
      return .shape(.rectangle(Rectangle(width: 2, height: 2, objectToWorld: toWorld)))
    case "mesh":
      throw type.error("a mesh cannot be used here")
    case let other:
      throw type.error("unknown geometry type \"\(other)\"; expected sphere, disk, rectangle, plane or mesh")
    }
  }

  /// `{"type": "mesh", "file": "models/cube.obj", "model": "Cube"}`: one object of an OBJ file.
  mutating func mesh(_ node: JSONNode, toWorld: Transform) throws(SceneError) -> Primitive {
    let fileNode = try node.required("file")
    let modelNode = try node.required("model")
    let path = resolve(try fileNode.string())
    let model = try modelNode.string()
    let file: OBJFile
    if let cached = objFiles[path] {
      file = cached
    } else {
      do {
        file = try OBJFile.load(path: path)
      } catch {
        throw fileNode.error("\(error)")
      }
      objFiles[path] = file
    }
    let objMesh: OBJMesh
    do {
      objMesh = try file.mesh(named: model)
    } catch {
      throw modelNode.error("\(error)")
    }
    do {
      let mesh = try TriangleMesh(positions: objMesh.positions, normals: objMesh.normals, uvs: objMesh.uvs,
                                  indices: objMesh.indices, objectToWorld: toWorld)
      return .mesh(mesh)
    } catch {
      throw node.error("model \"\(model)\" in \(SceneError.lastPathComponent(of: path)) is not a valid mesh: \(error)")
    }
  }
}
