extension SceneLoader {
  /// `materials`: an array of named materials. Returns them and an index by name.
  ///
  /// ```json
  /// { "name": "red_wall", "type": "matte", "diffuse": [0.366, 0.037, 0.042], "roughness": 1.0 }
  /// ```
  mutating func materials(from node: JSONNode) throws(SceneError) -> ([Material], [String: Int]) {
    var materials: [Material] = []
    var index: [String: Int] = [:]
    for entry in try node.elements() {
      let nameNode = try entry.required("name")
      let name = try nameNode.string()
      guard index[name] == nil else { throw nameNode.error("a material named \"\(name)\" is already defined") }
      index[name] = materials.count
      materials.append(try Self.material(from: entry, loader: &self))
    }
    return (materials, index)
  }

  /// One material, by its `type`. Missing or mistyped keys are reported at their JSON path.
  /// `loader` reads (and caches) the files a material names: MERL tables.
  static func material(from node: JSONNode, loader: inout SceneLoader) throws(SceneError) -> Material {
    let type = try node.required("type")
    switch try type.string() {
    case "matte":
      return .matte(diffuse: try color(node.required("diffuse")),
                    roughness: try node.required("roughness").nonNegativeFloat())
    case "plastic":
      return .plastic(diffuse: try color(node.required("diffuse")),
                      gloss: try color(node.required("gloss")),
                      roughness: try node.required("roughness").nonNegativeFloat(),
                      distribution: try microfacetModel(node))
    case "metal":
      return .metal(refractiveIndex: try color(node.required("refractive_index")),
                    absorptionCoefficient: try color(node.required("absorption_coefficient")),
                    roughness: try node.required("roughness").nonNegativeFloat(),
                    distribution: try microfacetModel(node))
    case "specular_metal":
      return .specularMetal(refractiveIndex: try color(node.required("refractive_index")),
                            absorptionCoefficient: try color(node.required("absorption_coefficient")))
    case "glass":
      return .glass(reflect: try color(node.required("reflect")),
                    transmit: try color(node.required("transmit")),
                    eta: try node.required("eta").positiveFloat())
    case "rough_glass":
      return .roughGlass(reflect: try color(node.required("reflect")),
                         transmit: try color(node.required("transmit")),
                         eta: try node.required("eta").positiveFloat(),
                         roughness: try node.required("roughness").nonNegativeFloat(),
                         distribution: try microfacetModel(node))
    case "merl":
      return .measured(try loader.merlTable(node.required("file")))
    case let other:
      throw type.error("unknown material type \"\(other)\"; expected matte, plastic, metal, specular_metal, "
                       + "glass, rough_glass or merl")
    }
  }

  /// `"file": "brdfs/gold.binary"`: the MERL table at that path, relative to
  /// the scene's folder, read once however many materials name it.
  mutating func merlTable(_ fileNode: JSONNode) throws(SceneError) -> MERLTable {
    let written = try fileNode.string()
    let path = resolve(written)
    if let table = merlTables[path] { return table }
    do {
      let table = try MERLFile.load(path: path)
      merlTables[path] = table
      return table
    } catch {
      throw fileNode.error("\"\(written)\" \(error.problem)")
    }
  }

  /// The optional `"distribution"` of a rough material: `"beckmann"` (the
  /// default, tray_rust's) or `"ggx"` (this renderer's extension).
  static func microfacetModel(_ material: JSONNode) throws(SceneError) -> MicrofacetModel {
    guard let node = material.optional("distribution") else { return .beckmann }
    let name = try node.string()
    guard let model = MicrofacetModel(rawValue: name) else {
      throw node.error("unknown microfacet distribution \"\(name)\"; expected beckmann or ggx")
    }
    return model
  }

  /// A colour: `[r, g, b]`, or `[r, g, b, s]` meaning `s * [r, g, b]`. A
  /// string (a texture name) is not supported yet.
  static func color(_ node: JSONNode) throws(SceneError) -> Color {
    if case .string = node.value { throw node.unsupported("textures") }
    let numbers = try node.floatArray(counts: [3, 4])
    let rgb = SIMD3(numbers[0], numbers[1], numbers[2]) * (numbers.count == 4 ? numbers[3] : 1)
    guard rgb.min() >= 0 else { throw node.error("colour components must not be negative, found \(numbers)") }
    return Color(rgb)
  }
}
