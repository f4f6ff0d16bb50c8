/// A JSON value together with where it came from: the file and the path from
/// the document's root (`objects[2].geometry.radius`).
///
/// The scene loader reads a document only through nodes, so that every
/// mistake in a scene file is reported at the exact value that is wrong:
///
///     let radius = try geometry.required("radius").positiveFloat()
///     // cornell.json: objects[2].geometry.radius: must be greater than zero, found -1
///
/// Nodes are cheap to make: a child shares its parent's storage and only adds
/// a path string. Unknown keys are ignored, as tray_rust does.
public struct JSONNode: Sendable {
  /// The value at this point of the document.
  public let value: JSONValue
  /// The last path component of the file the document came from, for messages.
  public let file: String
  /// Where the value is: `""` for the root, then `.key` and `[index]` steps,
  /// e.g. `objects[2].geometry`. Keys that are not identifiers are written `["a key"]`.
  public let path: String

  /// A node for `value`, read from `file`, found at `path` (the root by default).
  public init(value: JSONValue, file: String, path: String = "") {
    self.value = value
    self.file = FilePathComponents.fileName(of: file)
    self.path = path
  }

  // MARK: - Loading

  /// Parses `bytes` (UTF-8 JSON) into the root node of a document named `fileName`.
  /// Throws a ``SceneError`` with line and column on a syntax error.
  public static func parse(_ bytes: [UInt8], fileName: String) throws(SceneError) -> JSONNode {
    JSONNode(value: try JSONParser.parse(bytes, fileName: fileName), file: fileName)
  }

  /// Parses JSON `text` into the root node of a document named `fileName`.
  /// Throws a ``SceneError`` with line and column on a syntax error.
  public static func parse(_ text: String, fileName: String) throws(SceneError) -> JSONNode {
    try parse(Array(text.utf8), fileName: fileName)
  }

  /// Reads and parses the JSON file at `path`. Throws a ``SceneError`` when the
  /// file cannot be read (`cannot read file: No such file or directory`) or is
  /// not valid JSON.
  public static func load(path: String) throws(SceneError) -> JSONNode {
    try parse(try SceneFile.readBytes(atPath: path), fileName: path)
  }

  // MARK: - Errors at this node

  /// An error about this value: `file: path: message`.
  public func error(_ message: String) -> SceneError {
    SceneError(file: file, path: path, message: message)
  }

  /// An error for a feature the renderer does not implement:
  /// `file: path: <what> is not supported yet`.
  public func unsupported(_ what: String) -> SceneError {
    error("\(what) is not supported yet")
  }

  /// "expected `expectation`, found `<this value>`" at this node.
  private func mismatch(_ expectation: String) -> SceneError {
    error("expected \(expectation), found \(value.briefDescription)")
  }

  // MARK: - Navigating

  /// The member named `key`, or `nil` when it is absent. Also `nil` when this
  /// node is not an object: use ``required(_:)`` or ``members()`` to have
  /// that reported. A member whose value is `null` is present (and will fail
  /// any typed accessor). Costs a scan of this object's keys.
  public func optional(_ key: String) -> JSONNode? {
    guard let child = value[key] else { return nil }
    return JSONNode(child: child, of: self, path: JSONNode.path(path, appendingKey: key))
  }

  /// The member named `key`. Throws when this node is not an object, or, at this
  /// node's path, `missing required key "radius"`.
  public func required(_ key: String) throws(SceneError) -> JSONNode {
    guard case .object = value else { throw mismatch("an object") }
    guard let child = optional(key) else {
      throw error("missing required key \(JSONValue.quoted(key))")
    }
    return child
  }

  /// The elements of this array, as nodes with paths `…[0]`, `…[1]`, ….
  /// Throws `expected an array, found …` otherwise.
  public func elements() throws(SceneError) -> [JSONNode] {
    guard case .array(let elements) = value else { throw mismatch("an array") }
    return elements.enumerated().map { index, element in
      JSONNode(child: element, of: self, path: "\(path)[\(index)]")
    }
  }

  /// The members of this object in document order.
  /// Throws `expected an object, found …` otherwise.
  public func members() throws(SceneError) -> [(key: String, node: JSONNode)] {
    guard case .object(let members) = value else { throw mismatch("an object") }
    return members.map { member in
      (key: member.key,
       node: JSONNode(child: member.value, of: self,
                      path: JSONNode.path(path, appendingKey: member.key)))
    }
  }

  /// True when the value is JSON `null`.
  public var isNull: Bool {
    if case .null = value { return true }
    return false
  }

  // MARK: - Typed values

  /// The value as a `Double`. Throws `expected a number, found "5"` (or
  /// `found an array`, `found null`, …) for anything else.
  public func number() throws(SceneError) -> Double {
    guard case .number(let number) = value else { throw mismatch("a number") }
    return number
  }

  /// The value as a `Float`. Also throws when the number is too large for
  /// 32 bits (`1e39`), which would otherwise silently become infinity.
  public func float() throws(SceneError) -> Float {
    let single = Float(try number())
    guard single.isFinite else { throw mismatch("a number that fits in a 32-bit float") }
    return single
  }

  /// A `Float` greater than zero: `must be greater than zero, found -1`.
  public func positiveFloat() throws(SceneError) -> Float {
    let number = try float()
    guard number > 0 else { throw error("must be greater than zero, found \(value.briefDescription)") }
    return number
  }

  /// A `Float` that is zero or more: `must not be negative, found -1`.
  public func nonNegativeFloat() throws(SceneError) -> Float {
    let number = try float()
    guard number >= 0 else { throw error("must not be negative, found \(value.briefDescription)") }
    return number
  }

  /// A whole number that fits in an `Int`: `expected an integer, found 2.5`.
  public func int() throws(SceneError) -> Int {
    guard let integer = Int(exactly: try number()) else { throw mismatch("an integer") }
    return integer
  }

  /// An `Int` greater than zero: `must be greater than zero, found 0`.
  public func positiveInt() throws(SceneError) -> Int {
    let integer = try int()
    guard integer > 0 else { throw error("must be greater than zero, found \(integer)") }
    return integer
  }

  /// The value as a `String`: `expected a string, found 5`.
  public func string() throws(SceneError) -> String {
    guard case .string(let string) = value else { throw mismatch("a string") }
    return string
  }

  /// The value as a `Bool`: `expected true or false, found "yes"`.
  public func bool() throws(SceneError) -> Bool {
    guard case .bool(let flag) = value else { throw mismatch("true or false") }
    return flag
  }

  /// An array of exactly `count` numbers, each a finite `Float`:
  /// `expected an array of 3 numbers, found an array of 2`. An element that is
  /// not a number is reported at its own path (`translation[1]`).
  public func floatArray(count: Int) throws(SceneError) -> [Float] {
    try floatArray(counts: [count])
  }

  /// An array of numbers whose length is one of `counts`, e.g. `[3, 4]` for a
  /// tray_rust colour `[r, g, b]` or `[r, g, b, strength]`:
  /// `expected an array of 3 or 4 numbers, found an array of 5`.
  public func floatArray(counts: [Int]) throws(SceneError) -> [Float] {
    let expectation = "an array of \(JSONNode.alternatives(counts)) numbers"
    guard case .array(let elements) = value else { throw mismatch(expectation) }
    guard counts.contains(elements.count) else {
      throw error("expected \(expectation), found an array of \(elements.count)")
    }
    var result: [Float] = []
    for element in try self.elements() { result.append(try element.float()) }
    return result
  }

  /// A three-number array `[x, y, z]` as a vector.
  public func vector3() throws(SceneError) -> SIMD3<Float> {
    let xyz = try floatArray(count: 3)
    return SIMD3(xyz[0], xyz[1], xyz[2])
  }

  // MARK: - Paths

  private init(child: JSONValue, of parent: JSONNode, path: String) {
    self.value = child
    self.file = parent.file
    self.path = path
  }

  /// `objects[2]` + `geometry` → `objects[2].geometry`; `""` + `film` → `film`;
  /// keys that are not identifiers are quoted: `materials["white wall"]`.
  static func path(_ parent: String, appendingKey key: String) -> String {
    guard isIdentifier(key) else { return "\(parent)[\(JSONValue.quoted(key))]" }
    return parent.isEmpty ? key : "\(parent).\(key)"
  }

  private static func isIdentifier(_ key: String) -> Bool {
    guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return key.unicodeScalars.allSatisfy { scalar in
      ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        || ("0"..."9").contains(scalar) || scalar == "_"
    }
  }

  /// `[3]` → `3`; `[3, 4]` → `3 or 4`; `[2, 3, 4]` → `2, 3 or 4`.
  private static func alternatives(_ counts: [Int]) -> String {
    let words = counts.map(String.init)
    guard words.count > 1 else { return words.first ?? "" }
    return words.dropLast().joined(separator: ", ") + " or " + words.last!
  }
}
