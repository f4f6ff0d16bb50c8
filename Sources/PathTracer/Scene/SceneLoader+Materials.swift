extension SceneLoader {
  /// `materials`: an array of named materials. Returns them and an index by name.
  /// Colours, `roughness` and `eta` may name one of `textures` instead of giving a value.
  ///
  /// ```json
  /// { "name": "red_wall", "type": "matte", "diffuse": [0.366, 0.037, 0.042], "roughness": 1.0 }
  /// { "name": "parquet", "type": "matte", "diffuse": "wood", "roughness": 0 }
  /// ```
  mutating func materials(from node: JSONNode, textures: TextureNames) throws(SceneError) -> ([Material], [String: Int]) {
    var materials: [Material] = []
    var index: [String: Int] = [:]
    for entry in try node.elements() {
      let nameNode = try entry.required("name")
      let name = try nameNode.string()
      guard index[name] == nil else { throw nameNode.error("a material named \"\(name)\" is already defined") }
      index[name] = materials.count
      materials.append(try material(from: entry, textures: textures))
    }
    return (materials, index)
  }

  /// One material, by its `type`. Missing or mistyped keys are reported at their JSON path.
  /// MERL tables are read (and cached) by the loader.
  mutating func material(from node: JSONNode, textures: TextureNames) throws(SceneError) -> Material {
    // The parameter at `key`: a value, or the name of a texture.
    func color(_ key: String) throws(SceneError) -> TexturedColor {
      try Self.texturedColor(node.required(key), textures: textures)
    }
    func scalar(_ key: String, _ range: ScalarRange) throws(SceneError) -> TexturedScalar {
      try Self.texturedScalar(node.required(key), textures: textures, range: range)
    }
    let type = try node.required("type")
    switch try type.string() {
    case "matte":
      return .matte(diffuse: try color("diffuse"), roughness: try scalar("roughness", .nonNegative))
    case "plastic":
      return .plastic(diffuse: try color("diffuse"), gloss: try color("gloss"),
                      roughness: try scalar("roughness", .nonNegative), distribution: try Self.microfacetModel(node))
    case "metal":
      return .metal(refractiveIndex: try color("refractive_index"),
                    absorptionCoefficient: try color("absorption_coefficient"),
                    roughness: try scalar("roughness", .nonNegative), distribution: try Self.microfacetModel(node))
    case "specular_metal":
      return .specularMetal(refractiveIndex: try color("refractive_index"),
                            absorptionCoefficient: try color("absorption_coefficient"))
    case "glass":
      return .glass(reflect: try color("reflect"), transmit: try color("transmit"),
                    eta: try scalar("eta", .positive))
    case "rough_glass":
      return .roughGlass(reflect: try color("reflect"), transmit: try color("transmit"),
                         eta: try scalar("eta", .positive), roughness: try scalar("roughness", .nonNegative),
                         distribution: try Self.microfacetModel(node))
    case "merl":
      return .measured(MeasuredBRDF(table: try merlTable(node.required("file"))))
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

  /// A constant colour: `[r, g, b]`, or `[r, g, b, s]` meaning `s * [r, g, b]`.
  /// (Material colours may also be texture names: see ``texturedColor(_:textures:)``.)
  static func color(_ node: JSONNode) throws(SceneError) -> Color {
    let numbers = try node.floatArray(counts: [3, 4])
    let rgb = SIMD3(numbers[0], numbers[1], numbers[2]) * (numbers.count == 4 ? numbers[3] : 1)
    guard rgb.min() >= 0 else { throw node.error("colour components must not be negative, found \(numbers)") }
    return Color(rgb)
  }
}
