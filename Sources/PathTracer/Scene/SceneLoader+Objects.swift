extension SceneLoader {
  /// One entry of `objects`: a `receiver`, an `emitter` or a `group` of further objects.
  ///
  /// ```json
  /// { "name": "ball", "type": "receiver", "material": "white_wall",
  ///   "geometry": { "type": "sphere", "radius": 2 }, "transform": [...] }
  /// ```
  /// Any of them may have `keyframes` instead of `transform`
  /// (``keyframes(from:)``). A group's placement applies after its members'
  /// own, level by level: an object inside moving groups is placed by the
  /// stack of its own and every group's level (``AnimatedTransform``), and it
  /// moves when any level does. An object whose stack never moves is placed
  /// by one fixed transform, exactly as without animation.
  mutating func readObject(_ node: JSONNode, parent: AnimatedTransform,
                           into builder: inout ObjectBuilder) throws(SceneError) {
    let placement = try Self.objectPlacement(node, parent: parent)
    let type = try node.required("type")
    switch try type.string() {
    case "group":
      for child in try node.required("objects").elements() {
        try readObject(child, parent: placement, into: &builder)
      }
    case "receiver":
      let material = try materialIndex(node, builder)
      let geometryNode = try node.required("geometry")
      if try geometryNode.required("type").string() == "mesh" {
        // Placed once every object is read, when it is known how many use the model.
        try builder.meshUses.append(meshUse(geometryNode, primitive: builder.primitives.count, placement: placement))
        builder.primitives.append(nil)
      } else if let toWorld = placement.fixedTransform {
        builder.primitives.append(try analyticShape(geometryNode, toWorld: toWorld))
      } else {
        builder.primitives.append(.moving(try movingShape(geometryNode, motion: placement)))
      }
      builder.objects.append(SceneObject(material: material))
    case "emitter":
      try readEmitter(node, placement: placement, into: &builder)
    case let other:
      throw type.error("unknown object type \"\(other)\"; expected receiver, emitter or group")
    }
  }

  /// Where an object is: its own level (`keyframes`, `transform` or neither)
  /// after its groups' `parent`. A stack that never moves is checked, as one
  /// transform, to be able to place something, at the object's `transform`
  /// (or the object, without one); in a moving stack each fixed level is
  /// checked on its own (the keyframes' control points are checked as they are read).
  static func objectPlacement(_ node: JSONNode, parent: AnimatedTransform) throws(SceneError) -> AnimatedTransform {
    let level = try placementLevel(of: node)
    let placement = parent * AnimatedTransform(levels: [level])
    if let fixed = placement.fixedTransform {
      return AnimatedTransform(try Self.placement(fixed, at: node.optional("transform") ?? node))
    }
    if case .fixed(let own) = level, let transformNode = node.optional("transform") {
      _ = try Self.placement(own, at: transformNode)
    }
    return placement
  }

  /// A sphere, disk or rectangle moved by `motion`.
  func movingShape(_ node: JSONNode, motion: AnimatedTransform) throws(SceneError) -> MovingShape {
    guard case .shape(let shape) = try analyticShape(node, toWorld: .identity) else {
      throw node.error("expected a sphere, disk or rectangle")
    }
    return MovingShape(shape, motion: motion)
  }

  func materialIndex(_ node: JSONNode, _ builder: ObjectBuilder) throws(SceneError) -> Int {
    let materialNode = try node.required("material")
    let name = try materialNode.string()
    guard let index = builder.materialIndex[name] else {
      throw materialNode.error("no material named \"\(name)\" is defined in \"materials\"")
    }
    return index
  }

  /// An area emitter (a sphere, disk or rectangle that glows) or a point
  /// light, fixed or moving, with a constant or animated `emission`
  /// (``emission(from:)``).
  mutating func readEmitter(_ node: JSONNode, placement: AnimatedTransform,
                            into builder: inout ObjectBuilder) throws(SceneError) {
    let kind = try node.required("emitter")
    let emission = try Self.emission(from: try node.required("emission"))
    // A light that changes is stored as it is at time 0, with its animation beside it.
    let changes = placement.isAnimated || !emission.isConstant
    let color = emission.color(at: 0)
    switch try kind.string() {
    case "point":
      if changes { builder.lightAnimations[builder.lights.count] = LightAnimation(point: placement, emission: emission) }
      let position = placement.transform(at: 0).apply(point: .zero)
      builder.lights.append(.point(PointLight(position: position, intensity: color)))
    case "area":
      let material = try materialIndex(node, builder)
      let geometryNode = try node.required("geometry")
      let uniformScaleError = (node.optional("keyframes") ?? node.optional("transform") ?? geometryNode)
        .error("a spherical light must be scaled uniformly")
      let emitterShape: Shape
      if let toWorld = placement.fixedTransform {
        guard case .shape(let shape) = try analyticShape(geometryNode, toWorld: toWorld) else {
          throw geometryNode.error("an area light must be a sphere, disk or rectangle")
        }
        if case .sphere(let sphere) = shape, !sphere.supportsAreaSampling { throw uniformScaleError }
        emitterShape = shape
        builder.primitives.append(.shape(shape))
        if changes {
          builder.lightAnimations[builder.lights.count] = LightAnimation(area: shape, emission: emission)
        }
      } else {
        let moving = try movingShape(geometryNode, motion: placement)
        if !moving.supportsAreaSampling { throw uniformScaleError }
        emitterShape = moving.placed(at: 0)
        builder.primitives.append(.moving(moving))
        builder.lightAnimations[builder.lights.count] = LightAnimation(area: moving, emission: emission)
      }
      builder.objects.append(SceneObject(material: material, light: builder.lights.count))
      builder.lights.append(.area(AreaLight(shape: emitterShape, emission: color)))
    case let other:
      throw kind.error("unknown emitter \"\(other)\"; expected \"area\" or \"point\"")
    }
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
}
