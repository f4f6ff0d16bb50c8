/// Turns the bytes of an OBJ file into ``OBJMesh``es in a single pass.
///
/// The text is never split into `String`s: a statement is a list of byte ranges
/// (tokens) into a buffer, and only numbers and names are decoded. Vertex data
/// (`v`, `vt`, `vn`) is global to the file, as OBJ specifies; each face corner is
/// resolved against the data defined *so far* and turned into a vertex of the
/// current object right away, by ``OBJMeshBuilder``.
///
/// The file is read in chunks of ``chunkSize`` bytes into one reused buffer,
/// so memory does not grow with the file's size (a million-triangle OBJ is
/// about 100 MB of text, more than the mesh it describes).
struct OBJParser {
  let fileName: String

  /// Bytes are read this many at a time (1 MiB unless a test asks for less).
  let chunkSize: Int

  /// The text read so far that is still needed: `bytes[0..<end]`, starting
  /// at or before the statement being parsed.
  private var bytes: [UInt8] = []
  private var end = 0
  /// Where the statement being parsed starts in `bytes`: what a refill keeps.
  private var statementStart = 0
  /// The reader has reported the end of the file.
  private var atEndOfFile = false

  /// Vertex data shared by every object of the file.
  private var positions: [Point3] = []
  private var uvs: [Point2] = []
  private var normals: [Normal3] = []
  /// For each position, the current object's latest vertex made from it, if
  /// any: where ``OBJMeshBuilder`` starts looking for a corner's vertex.
  private var latestVertexOfPosition: [OBJMeshBuilder.PositionUse] = []
  /// Counts objects, so that `latestVertexOfPosition` entries of finished
  /// objects are recognised as stale without clearing them.
  private var objectOrdinal: UInt32 = 0

  /// The object receiving faces, and the objects already finished.
  private var current = OBJMeshBuilder(name: "default", ordinal: 0)
  private var meshes: [OBJMesh] = []

  /// The statement being parsed: its tokens, and the line where it starts.
  /// Kept as properties so their storage is reused from one line to the next.
  private var tokens: [Range<Int>] = []
  private var statementLine = 0
  private var faceCorners: [UInt32] = []

  init(fileName: String, chunkSize: Int = 1 << 20) {
    self.fileName = fileName
    self.chunkSize = Swift.max(chunkSize, 1)
  }

  /// Parses the whole file, whose bytes `read` delivers in order: each call
  /// fills as much of the buffer it is given as it can and returns how many
  /// bytes it wrote, 0 at the end of the file. Objects without faces are left out.
  mutating func parse(
    reading read: (UnsafeMutableRawBufferPointer) throws(OBJError) -> Int
  ) throws(OBJError) -> [OBJMesh] {
    bytes = [UInt8](repeating: 0, count: chunkSize)
    var offset = 0
    while end < 3, try refill(&offset, read) {}
    // A UTF-8 byte order mark, which some Windows tools write, is skipped.
    if bytes[0..<end].starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    var lineNumber = 0
    while true {
      if tokens.isEmpty { statementStart = Swift.min(offset, end) }
      if offset >= end {
        guard try refill(&offset, read) else { break }
      }
      lineNumber += 1
      if tokens.isEmpty { statementLine = lineNumber }
      let continuesOnNextLine = try scanLine(from: &offset, read)
      if continuesOnNextLine { continue }
      if !tokens.isEmpty { try parseStatement() }
      tokens.removeAll(keepingCapacity: true)
    }
    if !tokens.isEmpty { try parseStatement() }  // the last line ended with `\`
    finishCurrentObject()
    return meshes
  }

  /// Makes room and reads more of the file after `bytes[end]`, keeping the
  /// current statement (from `statementStart`), which moves to the front;
  /// `offset` and the tokens move with it. Returns `false` at the end of the file.
  private mutating func refill(
    _ offset: inout Int, _ read: (UnsafeMutableRawBufferPointer) throws(OBJError) -> Int
  ) throws(OBJError) -> Bool {
    var noTokens: [Range<Int>] = []
    return try refill(&offset, read, movingAlso: &noTokens)
  }

  /// ``refill(_:_:)`` for a caller that holds the statement's tokens in
  /// `movedTokens` (`tokens` moves too, if it has any).
  private mutating func refill(
    _ offset: inout Int, _ read: (UnsafeMutableRawBufferPointer) throws(OBJError) -> Int,
    movingAlso movedTokens: inout [Range<Int>]
  ) throws(OBJError) -> Bool {
    if atEndOfFile { return false }
    let kept = statementStart..<end
    if kept.lowerBound > 0 {
      bytes.withUnsafeMutableBufferPointer { buffer in
        _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<kept.count])
          .moveInitialize(fromContentsOf: buffer[kept])
      }
      let shift = kept.lowerBound
      offset -= shift
      for i in tokens.indices { tokens[i] = (tokens[i].lowerBound - shift)..<(tokens[i].upperBound - shift) }
      for i in movedTokens.indices {
        movedTokens[i] = (movedTokens[i].lowerBound - shift)..<(movedTokens[i].upperBound - shift)
      }
      statementStart = 0
      end = kept.count
    }
    // A statement longer than half the buffer (a huge polygon) doubles it.
    if bytes.count - end < Swift.max(chunkSize / 2, 1) {
      bytes += [UInt8](repeating: 0, count: bytes.count)
    }
    let free = end...
    var failure: OBJError?
    let count = bytes.withUnsafeMutableBytes { buffer in
      do throws(OBJError) { return try read(UnsafeMutableRawBufferPointer(rebasing: buffer[free])) }
      catch { failure = error; return 0 }
    }
    if let failure { throw failure }
    if count == 0 { atEndOfFile = true }
    end += count
    return count > 0
  }

  // MARK: Lines and tokens

  /// Appends the tokens of the line starting at `offset` to `tokens` and moves
  /// `offset` past the line's `\n`. A `#` starts a comment that runs to the end of
  /// the line. Returns `true` when the line ends with `\`, i.e. the statement
  /// continues on the next line.
  private mutating func scanLine(
    from offset: inout Int, _ read: (UnsafeMutableRawBufferPointer) throws(OBJError) -> Int
  ) throws(OBJError) -> Bool {
    var inComment = false
    var tokenStart = -1  // -1: between tokens
    // The tokens are moved out of `self` while the bytes are borrowed, so
    // that appending to them is not an overlapping access to `self`.
    var lineTokens: [Range<Int>] = []
    swap(&lineTokens, &tokens)
    defer { swap(&lineTokens, &tokens) }
    while true {
      if offset == end {
        // The line goes on past the bytes read so far.
        let before = offset
        let more = try refill(&offset, read, movingAlso: &lineTokens)
        if tokenStart >= 0 { tokenStart -= before - offset }  // moved with the text
        if !more { break }
      }
      // Scan the bytes read so far, up to the line's end; the loop runs on
      // the buffer's memory, without bounds checks or accesses to `self`.
      let end = self.end
      let reachedNewline = bytes.withUnsafeBufferPointer { bytes in
        var i = offset
        defer { offset = i }
        while i < end {
          let byte = bytes[i]
          if byte == UInt8(ascii: "\n") { return true }
          if !inComment {
            if Self.isWhitespace(byte) {
              if tokenStart >= 0 { lineTokens.append(tokenStart..<i); tokenStart = -1 }
            } else if byte == UInt8(ascii: "#") {
              if tokenStart >= 0 { lineTokens.append(tokenStart..<i); tokenStart = -1 }
              inComment = true
            } else if tokenStart < 0 {
              tokenStart = i
            }
          }
          i += 1
        }
        return false
      }
      if reachedNewline { break }
    }
    if tokenStart >= 0 { lineTokens.append(tokenStart..<offset) }
    offset += 1  // past the `\n`

    guard !inComment, let last = lineTokens.last, bytes[last.upperBound - 1] == UInt8(ascii: "\\")
    else { return false }
    lineTokens.removeLast()
    if last.count > 1 { lineTokens.append(last.lowerBound..<(last.upperBound - 1)) }
    return true
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    // Space, tab, and the `\r` of Windows line endings (plus `\v`, `\f`).
    byte == 0x20 || (0x09...0x0D).contains(byte)
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
      latestVertexOfPosition.append(.unused)
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
      objectOrdinal += 1
      current = OBJMeshBuilder(name: tokens.dropFirst().map(text).joined(separator: " "),
                               ordinal: objectOrdinal)
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
    // Plain decimals (nearly every number an exporter writes) are decoded
    // from the bytes; anything else goes through `Float(String)`.
    if let value = DecimalFloat.parse(bytes, token) { return value }
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
      let key: OBJVertexKey
      if let plain = plainVertexKey(corner) { key = plain } else { key = try vertexKey(corner) }
      faceCorners.append(current.vertexIndex(
        for: key, latestOfPosition: &latestVertexOfPosition[key.position],
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

  /// The common case of ``vertexKey(_:)`` in one pass over the bytes: a
  /// corner of positive indices in range, unsigned decimal digits between
  /// slashes. Anything else (negative indices, errors) gives `nil`, and
  /// ``vertexKey(_:)`` decides it.
  private func plainVertexKey(_ corner: Range<Int>) -> OBJVertexKey? {
    bytes.withUnsafeBufferPointer { bytes -> OBJVertexKey? in
      var i = corner.lowerBound
      let end = corner.upperBound
      /// The 0-based index written from `i` to the next slash or the end,
      /// which must be 1 to `count`; -1 if nothing is written there.
      func part(count: Int) -> Int? {
        var value = 0
        var digits = 0
        while i < end && bytes[i] != UInt8(ascii: "/") {
          let digit = bytes[i] &- UInt8(ascii: "0")
          guard digit < 10, digits < 10 else { return nil }
          value = value * 10 + Int(digit)
          digits += 1
          i += 1
        }
        if digits == 0 { return -1 }
        return value <= count && value > 0 ? value - 1 : nil
      }
      guard let position = part(count: positions.count), position >= 0 else { return nil }
      if i == end { return OBJVertexKey(position: position, uv: nil, normal: nil) }
      i += 1  // the first slash
      guard let uv = part(count: uvs.count) else { return nil }
      var normal = -1
      if i < end {
        i += 1  // the second slash
        guard let n = part(count: normals.count), i == end else { return nil }
        normal = n
      }
      return OBJVertexKey(position: position, uv: uv >= 0 ? uv : nil, normal: normal >= 0 ? normal : nil)
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
///
/// Finding a corner's vertex needs no hashing: the vertices made from one
/// position form a chain, newest first, that starts at the position's entry
/// in the parser's table (``PositionUse``) and continues through
/// `previousWithSamePosition`. Nearly every position is used with one uv and
/// normal, so the search is one comparison. Cost: 12 bytes per vertex here
/// and 8 per position in the parser, against about 50 per vertex for a
/// dictionary from keys to vertices.
struct OBJMeshBuilder {
  let name: String
  /// Which object of the file this is (0 for the faces before any `o`).
  let ordinal: UInt32
  var positions: [Point3] = []
  var uvs: [Point2] = []
  var normals: [Normal3] = []
  var indices: [UInt32] = []
  /// Per vertex: the uv and normal indices of its key (-1 for none), and the
  /// previous vertex made from the same position.
  private var vertexKeys: [VertexKey] = []
  // A mesh has normals (or uvs) only if every corner names one. The alternative,
  // computing the missing ones, would invent data; the geometric normal is a
  // faithful fallback, and a texture lookup without uvs has no meaning anyway.
  private var everyCornerHasUV = true
  private var everyCornerHasNormal = true

  /// The newest vertex an object made from one position, and which object
  /// made it: entries of earlier objects are stale.
  struct PositionUse {
    var object: UInt32
    var vertex: UInt32
    /// No object has used the position.
    static let unused = PositionUse(object: .max, vertex: .max)
  }

  private struct VertexKey {
    var uv: Int32
    var normal: Int32
    var previousWithSamePosition: UInt32
  }

  init(name: String, ordinal: UInt32) {
    self.name = name
    self.ordinal = ordinal
  }

  /// The index of the vertex for `key`, created from the given attributes the
  /// first time the key is seen. `latestOfPosition` is the parser's entry for
  /// `key.position`. Usually one comparison; a position used with `k`
  /// different uvs or normals takes up to `k`.
  mutating func vertexIndex(for key: OBJVertexKey, latestOfPosition: inout PositionUse,
                            position: Point3, uv: Point2?, normal: Normal3?) -> UInt32 {
    everyCornerHasUV = everyCornerHasUV && uv != nil
    everyCornerHasNormal = everyCornerHasNormal && normal != nil
    let uvIndex = key.uv.map { Int32($0) } ?? -1
    let normalIndex = key.normal.map { Int32($0) } ?? -1
    var candidate = latestOfPosition.object == ordinal ? latestOfPosition.vertex : .max
    while candidate != .max {
      let k = vertexKeys[Int(candidate)]
      if k.uv == uvIndex && k.normal == normalIndex { return candidate }
      candidate = k.previousWithSamePosition
    }
    let index = UInt32(positions.count)
    positions.append(position)
    uvs.append(uv ?? .zero)
    normals.append(normal ?? .zero)
    let previous = latestOfPosition.object == ordinal ? latestOfPosition.vertex : .max
    vertexKeys.append(VertexKey(uv: uvIndex, normal: normalIndex, previousWithSamePosition: previous))
    latestOfPosition = PositionUse(object: ordinal, vertex: index)
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
