/// Reads a scene in tray_rust's JSON format.
///
/// Every value is read through a ``JSONNode``, so a mistake is reported with
/// the file and the JSON path of the offending value, e.g.
/// `cornell.json: objects[2].geometry.radius: expected a number, found "5"`.
/// Parts of the format this renderer does not implement are rejected at
/// their path rather than silently rendered wrong. Unknown keys are ignored, as tray_rust does.
///
/// Relative file names (OBJ models, texture images, MERL BRDFs) are resolved against the scene file's folder.
public struct SceneLoader {
  /// The folder of the scene file, for relative paths in it.
  let directory: String
  /// Parsed OBJ files by path: tray_rust scenes often instance one model several times.
  var objFiles: [String: OBJFile] = [:]
  /// The models that objects show, by file path and model name.
  var meshModels: [MeshModelKey: OBJMesh] = [:]
  /// Loaded MERL tables by path, so that materials naming one file share its 17.5 MB.
  var merlTables: [String: MERLTable] = [:]

  /// Loads the scene file at `path`.
  public static func load(path: String) throws(SceneError) -> Scene {
    let root = try JSONNode.load(path: path)
    var loader = SceneLoader(directory: FilePathComponents(path).directory)
    return try loader.scene(from: root)
  }

  /// Reads a scene from JSON text, as if it were the file `fileName` in `directory`.
  public static func parse(_ text: String, fileName: String, directory: String = ".") throws(SceneError) -> Scene {
    let root = try JSONNode.parse(text, fileName: fileName)
    var loader = SceneLoader(directory: directory)
    return try loader.scene(from: root)
  }

  init(directory: String) {
    self.directory = directory
  }

  mutating func scene(from root: JSONNode) throws(SceneError) -> Scene {
    let filmNode = try root.required("film")
    var film = try Self.film(from: filmNode)
    film.timing = try Self.frameTiming(film: filmNode, camera: try Self.shutterCamera(root))
    let cameras = try Self.cameras(from: root, timing: film.timing)
    let camera = cameras.camera(forFrame: film.timing.startFrame, of: film.timing)!
    let integrator = try Self.integrator(from: try root.required("integrator"))
    let textures = try readTextures(root.optional("textures"))
    let (materials, materialIndex) = try self.materials(from: try root.required("materials"), textures: textures.names)

    var builder = ObjectBuilder(materialIndex: materialIndex)
    for object in try root.required("objects").elements() {
      try readObject(object, parent: .identity, into: &builder)
    }
    if builder.lights.isEmpty {
      throw SceneError(file: root.file, message: "the scene has no light: add an object with \"type\": \"emitter\"")
    }
    if builder.primitives.isEmpty {
      throw SceneError(file: root.file, message: "the scene has no objects")
    }
    // Every model the objects show is in `meshModels` now; the files' other
    // models are not needed, and each model goes as soon as it is built.
    objFiles = [:]
    let primitives = try placeMeshes(builder)
    return Scene(camera: camera, integrator: integrator, film: film, materials: materials,
                 lights: builder.lights, objects: builder.objects, primitives: primitives,
                 textures: textures.table, measuredBRDFTables: Array(merlTables.values),
                 cameras: root.optional("cameras") == nil ? nil : cameras, lightAnimations: builder.lightAnimations)
  }

  /// The camera whose `shutter_size` sets the frames' shutter: `camera`, or
  /// with a `cameras` list the first to become active (one shutter for all
  /// frames; tray_rust lets each camera have its own).
  static func shutterCamera(_ root: JSONNode) throws(SceneError) -> JSONNode? {
    guard let list = root.optional("cameras") else { return root.optional("camera") }
    var first: (node: JSONNode, activeAt: Int)?
    for node in try list.elements() {
      let activeAt = try node.optional("active_at")?.int() ?? 0
      if first == nil || activeAt < first!.activeAt { first = (node, activeAt) }
    }
    return first?.node
  }

  /// A file name written in the scene, as a path to open: relative to the scene's folder unless absolute.
  func resolve(_ relativePath: String) -> String {
    FilePathComponents.resolve(relativePath, in: directory)
  }
}

/// The scene's primitives, lights and per-primitive bindings, as objects are read.
struct ObjectBuilder {
  let materialIndex: [String: Int]
  /// One per object, in order; `nil` for a mesh, whose primitive is made
  /// from its entry in `meshUses` once every object is read.
  var primitives: [Primitive?] = []
  /// The objects that show an OBJ model, in order.
  var meshUses: [MeshUse] = []
  var objects: [SceneObject] = []
  var lights: [Light] = []
  /// How the lights that change do, by their index in `lights`.
  var lightAnimations: [Int: LightAnimation] = [:]
}
