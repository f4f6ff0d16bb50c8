/// Turns the bytes of an OBJ file into ``OBJMesh``es in a single pass.
///
/// The text is never split into `String`s: a statement is a list of byte ranges
/// (tokens) into `bytes`, and only numbers and names are decoded. Vertex data
/// (`v`, `vt`, `vn`) is global to the file, as OBJ specifies; each face corner is
/// resolved against the data defined *so far* and turned into a vertex of the
/// current object right away, by ``OBJMeshBuilder``.
struct OBJParser {
  let bytes: [UInt8]
  let fileName: String

  /// Vertex data shared by every object of the file.
  private var positions: [Point3] = []
  private var uvs: [Point2] = []
  private var normals: [Normal3] = []

  /// The object receiving faces, and the objects already finished.
  private var current = OBJMeshBuilder(name: "default")
  private var meshes: [OBJMesh] = []

  /// The statement being parsed: its tokens, and the line where it starts.
  /// Kept as properties so their storage is reused from one line to the next.
  private var tokens: [Range<Int>] = []
  private var statementLine = 0
  private var faceCorners: [UInt32] = []

  init(bytes: [UInt8], fileName: String) {
    self.bytes = bytes
    self.fileName = fileName
  }

  /// Parses the whole file. Objects without faces are left out.
  mutating func parse() throws(OBJError) -> [OBJMesh] {
    var offset = Self.startSkippingByteOrderMark(bytes)
    var lineNumber = 0
    while offset < bytes.count {
      lineNumber += 1
      if tokens.isEmpty { statementLine = lineNumber }
      let continuesOnNextLine = scanLine(from: &offset)
      if continuesOnNextLine { continue }
      if !tokens.isEmpty { try parseStatement() }
      tokens.removeAll(keepingCapacity: true)
    }
    if !tokens.isEmpty { try parseStatement() }  // the last line ended with `\`
    finishCurrentObject()
    return meshes
  }

  // MARK: Lines and tokens

  /// Appends the tokens of the line starting at `offset` to `tokens` and moves
  /// `offset` past the line's `\n`. A `#` starts a comment that runs to the end of
  /// the line. Returns `true` when the line ends with `\`, i.e. the statement
  /// continues on the next line.
  private mutating func scanLine(from offset: inout Int) -> Bool {
    var inComment = false
    var tokenStart: Int? = nil
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\n") { break }
      if !inComment {
        if Self.isWhitespace(byte) {
          if let start = tokenStart { tokens.append(start..<offset); tokenStart = nil }
        } else if byte == UInt8(ascii: "#") {
          if let start = tokenStart { tokens.append(start..<offset); tokenStart = nil }
          inComment = true
        } else if tokenStart == nil {
          tokenStart = offset
        }
      }
      offset += 1
    }
    if let start = tokenStart { tokens.append(start..<offset) }
    offset += 1  // past the `\n`

    guard !inComment, let last = tokens.last, bytes[last.upperBound - 1] == UInt8(ascii: "\\")
    else { return false }
    tokens.removeLast()
    if last.count > 1 { tokens.append(last.lowerBound..<(last.upperBound - 1)) }
    return true
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    // Space, tab, and the `\r` of Windows line endings (plus `\v`, `\f`).
    byte == 0x20 || (0x09...0x0D).contains(byte)
  }

  /// Where the text starts: after a UTF-8 byte order mark, which some Windows
  /// tools write, or at 0.
  private static func startSkippingByteOrderMark(_ bytes: [UInt8]) -> Int {
    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  }

  /// The token's text, for names and error messages.
  private func text(_ token: Range<Int>) -> String {
    String(decoding: bytes[token], as: UTF8.self)
  }

  private func error(_ message: String) -> OBJError {
    OBJError(file: fileName, line: statementLine, message: message)
  }

  // MARK: Statements

  private mutating func parseStatement() throws(OBJError) {
    let keyword = tokens[0]
    switch (keyword.count, bytes[keyword.lowerBound], bytes[keyword.upperBound - 1]) {
    case (1, UInt8(ascii: "v"), _):
      // A fourth number (w) or the vertex colours some exporters append are ignored.
      try requireArguments(3, for: "a vertex position (v)")
      positions.append(Point3(try number(at: 1), try number(at: 2), try number(at: 3)))
    case (2, UInt8(ascii: "v"), UInt8(ascii: "t")):
      // `v` defaults to 0 as the OBJ specification says; `w` is ignored.
      try requireArguments(1, for: "a texture coordinate (vt)")
      uvs.append(Point2(try number(at: 1), tokens.count > 2 ? try number(at: 2) : 0))
    case (2, UInt8(ascii: "v"), UInt8(ascii: "n")):
      try requireArguments(3, for: "a normal (vn)")
      let normal = Normal3(try number(at: 1), try number(at: 2), try number(at: 3))
      // Exporters do not always write unit normals; a zero normal stays zero.
      normals.append(lengthSquared(normal) > 0 ? normalize(normal) : normal)
    case (1, UInt8(ascii: "f"), _):
      try parseFace(tokens.dropFirst())
    case (1, UInt8(ascii: "o"), _):
      finishCurrentObject()
      // The name is the rest of the line; a name with spaces keeps single spaces.
      current = OBJMeshBuilder(name: tokens.dropFirst().map(text).joined(separator: " "))
    default:
      break  // g, s, usemtl, mtllib, l, p, vp, and anything unknown.
    }
  }

  /// Checks that the statement has at least `count` tokens after its keyword.
  private func requireArguments(_ count: Int, for statement: String) throws(OBJError) {
    let found = tokens.count - 1
    guard found >= count else {
      throw error("\(statement) needs \(count) number\(count == 1 ? "" : "s"), found \(found)")
    }
  }

  /// Decodes the statement's token at `position` (the keyword is at 0) as a number.
  private func number(at position: Int) throws(OBJError) -> Float {
    try number(tokens[position])
  }

  private func number(_ token: Range<Int>) throws(OBJError) -> Float {
    // Tokens of up to 15 bytes fit in a small String, so this does not allocate.
    let text = text(token)
    guard let value = Float(text) else { throw error("expected a number, found \"\(text)\"") }
    guard value.isFinite else { throw error("expected a finite number, found \"\(text)\"") }
    return value
  }

  // MARK: Faces

  /// Turns `f c0 c1 c2 ...` into the fan of triangles (c0, ci, ci+1).
  private mutating func parseFace(_ corners: ArraySlice<Range<Int>>) throws(OBJError) {
    guard corners.count >= 3 else {
      throw error("a face needs at least 3 vertices, found \(corners.count)")
    }
    faceCorners.removeAll(keepingCapacity: true)
    for corner in corners {
      let key = try vertexKey(corner)
      faceCorners.append(current.vertexIndex(
        for: key,
        position: positions[key.position],
        uv: key.uv.map { uvs[$0] },
        normal: key.normal.map { normals[$0] }))
    }
    for i in 1..<(faceCorners.count - 1) {
      current.indices.append(faceCorners[0])
      current.indices.append(faceCorners[i])
      current.indices.append(faceCorners[i + 1])
    }
  }

  /// Reads one face corner, `i`, `i/j`, `i//k` or `i/j/k`, as 0-based indices.
  private func vertexKey(_ corner: Range<Int>) throws(OBJError) -> OBJVertexKey {
    let slash = UInt8(ascii: "/")
    let end = corner.upperBound
    let firstSlash = bytes[corner].firstIndex(of: slash)
    let secondSlash = firstSlash.flatMap { bytes[($0 + 1)..<end].firstIndex(of: slash) }
    let positionPart = corner.lowerBound..<(firstSlash ?? end)
    let uvPart = firstSlash.map { ($0 + 1)..<(secondSlash ?? end) }
    let normalPart = secondSlash.map { ($0 + 1)..<end }
    let hasThirdSlash = normalPart.map { bytes[$0].contains(slash) } ?? false
    if positionPart.isEmpty || hasThirdSlash {
      throw error("malformed face vertex \"\(text(corner))\"; expected i, i/j, i//k or i/j/k")
    }
    // An empty uv or normal part (as in `i//k` or `i/j/`) means "none".
    func optionalIndex(_ part: Range<Int>?, _ kind: String, count: Int) throws(OBJError) -> Int? {
      guard let part, !part.isEmpty else { return nil }
      return try index(part, kind: kind, count: count)
    }
    return OBJVertexKey(
      position: try index(positionPart, kind: "position", count: positions.count),
      uv: try optionalIndex(uvPart, "texture coordinate", count: uvs.count),
      normal: try optionalIndex(normalPart, "normal", count: normals.count))
  }

  /// Decodes a 1-based index, or a negative one counting back from the last
  /// element defined so far (-1 is the last), into a 0-based array index.
  private func index(_ token: Range<Int>, kind: String, count: Int) throws(OBJError) -> Int {
    guard let value = Self.integer(bytes[token]) else {
      throw error("expected a \(kind) index, found \"\(text(token))\"")
    }
    guard value != 0 else { throw error("\(kind) index 0 is invalid; OBJ indices start at 1") }
    let resolved = value > 0 ? value - 1 : count + value
    guard (0..<count).contains(resolved) else {
      let defined = "\(count) \(count == 1 ? kind : kind + "s") defined so far"
      throw error("\(kind) index \(value) is out of range; \(defined)")
    }
    return resolved
  }

  /// An optionally signed decimal integer, or `nil` if the bytes are not one.
  /// Magnitudes beyond 2^40 are clamped: they are out of range anyway.
  private static func integer(_ digits: ArraySlice<UInt8>) -> Int? {
    var digits = digits
    let negative = digits.first == UInt8(ascii: "-")
    if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
    guard !digits.isEmpty else { return nil }
    var magnitude = 0
    for byte in digits {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      magnitude = min(magnitude * 10 + Int(byte - UInt8(ascii: "0")), 1 << 40)
    }
    return negative ? -magnitude : magnitude
  }

  // MARK: Objects

  private mutating func finishCurrentObject() {
    if let mesh = current.build() { meshes.append(mesh) }
  }
}

/// One face corner's choice of position, texture coordinate and normal
/// (0-based; `nil` when the corner names none).
struct OBJVertexKey: Hashable {
  var position: Int
  var uv: Int?
  var normal: Int?
}

/// Collects the triangles of one OBJ object, creating one vertex per distinct
/// ``OBJVertexKey`` so that the finished mesh needs a single index per corner.
struct OBJMeshBuilder {
  let name: String
  var positions: [Point3] = []
  var uvs: [Point2] = []
  var normals: [Normal3] = []
  var indices: [UInt32] = []
  private var vertexIndexByKey: [OBJVertexKey: UInt32] = [:]
  // A mesh has normals (or uvs) only if every corner names one. The alternative,
  // computing the missing ones, would invent data; the geometric normal is a
  // faithful fallback, and a texture lookup without uvs has no meaning anyway.
  private var everyCornerHasUV = true
  private var everyCornerHasNormal = true

  init(name: String) { self.name = name }

  /// The index of the vertex for `key`, created from the given attributes the
  /// first time the key is seen. One hash lookup.
  mutating func vertexIndex(for key: OBJVertexKey, position: Point3, uv: Point2?,
                            normal: Normal3?) -> UInt32 {
    everyCornerHasUV = everyCornerHasUV && uv != nil
    everyCornerHasNormal = everyCornerHasNormal && normal != nil
    if let existing = vertexIndexByKey[key] { return existing }
    let index = UInt32(positions.count)
    positions.append(position)
    uvs.append(uv ?? .zero)
    normals.append(normal ?? .zero)
    vertexIndexByKey[key] = index
    return index
  }

  /// The finished mesh, or `nil` if the object has no faces.
  func build() -> OBJMesh? {
    guard !indices.isEmpty else { return nil }
    return OBJMesh(name: name, positions: positions,
                   normals: everyCornerHasNormal ? normals : nil,
                   uvs: everyCornerHasUV ? uvs : nil,
                   indices: indices)
  }
}
