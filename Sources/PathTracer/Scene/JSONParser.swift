/// A recursive-descent parser for JSON (RFC 8259) over UTF-8 bytes.
///
/// It exists, rather than Foundation's `JSONSerialization`, so that every syntax
/// error says exactly where it is (`cornell.json:12:5: …`) and what was expected.
///
/// Strict where the format is strict, with these documented choices:
/// - **Duplicate keys** in one object are an error (`duplicate key "radius"`):
///   in a hand-written scene the second one is almost always a mistake.
/// - **Numbers** must fit in a `Double`: `1e400` is an error rather than
///   infinity, and `NaN` / `Infinity` literals are rejected, so a parsed
///   document only ever holds finite numbers.
/// - **Nesting** deeper than `maxDepth` (512 by default) is an error, so a
///   pathological file cannot overflow the stack.
/// - A UTF-8 byte order mark at the very start is skipped.
///
/// Columns are counted in Unicode scalars, so a line with `"é"` before the error
/// is not off by one. Each grammar rule is one method; the document is read once,
/// front to back, and parsing costs time linear in its size.
public struct JSONParser {
  /// How deeply arrays and objects may nest before parsing stops with an error.
  public static let defaultMaxDepth = 512

  private let bytes: [UInt8]
  private let fileName: String
  private let maxDepth: Int
  /// Index of the next unread byte.
  private var position = 0

  private init(bytes: [UInt8], fileName: String, maxDepth: Int) {
    self.bytes = bytes
    self.fileName = fileName
    self.maxDepth = maxDepth
  }

  /// Parses one complete JSON document from UTF-8 `bytes`.
  /// `fileName` is only used in error messages (its last path component is shown).
  /// Throws a ``SceneError`` with line and column at the first syntax error.
  public static func parse(
    _ bytes: [UInt8], fileName: String, maxDepth: Int = defaultMaxDepth
  ) throws(SceneError) -> JSONValue {
    var parser = JSONParser(bytes: bytes, fileName: fileName, maxDepth: maxDepth)
    return try parser.parseDocument()
  }

  /// Parses one complete JSON document from a string, like the `[UInt8]` overload.
  public static func parse(
    _ text: String, fileName: String, maxDepth: Int = defaultMaxDepth
  ) throws(SceneError) -> JSONValue {
    try parse(Array(text.utf8), fileName: fileName, maxDepth: maxDepth)
  }

  // MARK: - Grammar

  /// document = ws value ws end-of-input
  private mutating func parseDocument() throws(SceneError) -> JSONValue {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    skipWhitespace()
    let value = try parseValue(depth: 0)
    skipWhitespace()
    guard position == bytes.count else {
      throw unexpected("expected end of input after the JSON value")
    }
    return value
  }

  /// value = object | array | string | number | true | false | null
  /// `depth` counts the arrays and objects that enclose this value.
  private mutating func parseValue(depth: Int) throws(SceneError) -> JSONValue {
    guard let byte = peek() else { throw unexpected("expected a value") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    case _ where isWordByte(byte): return try parseLiteral()
    default: throw unexpected("expected a value")
    }
  }

  /// object = '{' ws [ member ( ws ',' ws member )* ] ws '}'
  /// member = string ws ':' ws value
  private mutating func parseObject(depth: Int) throws(SceneError) -> JSONValue {
    try checkDepth(depth)
    position += 1  // '{'
    var members: [(key: String, value: JSONValue)] = []
    var seenKeys = Set<String>()
    skipWhitespace()
    if consume("}") { return .object(members) }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else { throw unexpected("expected a string key") }
      let keyStart = position
      let key = try parseString()
      guard seenKeys.insert(key).inserted else {
        throw error("duplicate key \(JSONValue.quoted(key)) in object", at: keyStart)
      }
      skipWhitespace()
      guard consume(":") else { throw unexpected("expected ':' after object key") }
      skipWhitespace()
      members.append((key: key, value: try parseValue(depth: depth)))
      skipWhitespace()
      if consume(",") { continue }
      if consume("}") { return .object(members) }
      throw unexpected("expected ',' or '}' after object member")
    }
  }

  /// array = '[' ws [ value ( ws ',' ws value )* ] ws ']'
  private mutating func parseArray(depth: Int) throws(SceneError) -> JSONValue {
    try checkDepth(depth)
    position += 1  // '['
    var elements: [JSONValue] = []
    skipWhitespace()
    if consume("]") { return .array(elements) }
    while true {
      skipWhitespace()
      elements.append(try parseValue(depth: depth))
      skipWhitespace()
      if consume(",") { continue }
      if consume("]") { return .array(elements) }
      throw unexpected("expected ',' or ']' after array element")
    }
  }

  private func checkDepth(_ depth: Int) throws(SceneError) {
    guard depth <= maxDepth else {
      throw error("arrays and objects are nested more than \(maxDepth) levels deep", at: position)
    }
  }

  /// string = '"' ( unescaped-character | escape )* '"'
  /// Control characters (below U+0020) must be escaped; the bytes must be valid UTF-8.
  private mutating func parseString() throws(SceneError) -> String {
    let start = position
    position += 1  // opening '"'
    var utf8: [UInt8] = []
    while true {
      guard let byte = peek() else {
        throw error("unterminated string (missing closing '\"')", at: start)
      }
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        guard let string = String(validating: utf8, as: UTF8.self) else {
          throw error("string is not valid UTF-8", at: start)
        }
        return string
      case UInt8(ascii: "\\"):
        try parseEscape(into: &utf8)
      case UInt8(ascii: "\n"):
        throw error("line break inside a string (missing closing '\"'?)", at: position)
      case 0..<0x20:
        throw error("\(describeControlCharacter(at: position)) must be escaped inside a string", at: position)
      default:
        utf8.append(byte)
        position += 1
      }
    }
  }

  /// escape = '\' ( '"' | '\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u' hex hex hex hex )
  /// Appends the escaped character's UTF-8 encoding to `utf8`.
  private mutating func parseEscape(into utf8: inout [UInt8]) throws(SceneError) {
    let escapeStart = position
    position += 1  // '\'
    guard let letter = peek() else {
      throw error("unterminated string (missing closing '\"')", at: escapeStart)
    }
    switch letter {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
      utf8.append(letter)
    case UInt8(ascii: "b"): utf8.append(0x08)
    case UInt8(ascii: "f"): utf8.append(0x0C)
    case UInt8(ascii: "n"): utf8.append(0x0A)
    case UInt8(ascii: "r"): utf8.append(0x0D)
    case UInt8(ascii: "t"): utf8.append(0x09)
    case UInt8(ascii: "u"):
      let scalar = try parseUnicodeEscape()
      utf8.append(contentsOf: String(Character(scalar)).utf8)
      return  // parseUnicodeEscape has moved past the hex digits
    default:
      let shown = (0x21...0x7E).contains(letter)
        ? "'\\\(Character(Unicode.Scalar(letter)))'"
        : "'\\' followed by \(describeCharacter(at: position))"
      throw error(
        "invalid escape \(shown) in string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
        at: escapeStart)
    }
    position += 1  // the escape letter
  }

  /// Reads the `uXXXX` after a backslash, and the low half `\uXXXX` of a
  /// surrogate pair when the first one is a high surrogate (UTF-16 encodes
  /// characters beyond U+FFFF as two escapes, e.g. `\uD83D\uDE00` for 😀).
  private mutating func parseUnicodeEscape() throws(SceneError) -> Unicode.Scalar {
    let escapeStart = position - 1  // the backslash
    position += 1  // 'u'
    let first = try readFourHexDigits(escapeStart: escapeStart)
    switch first {
    case 0xD800...0xDBFF:
      let secondStart = position
      guard consume("\\"), consume("u") else {
        throw error(
          "unpaired surrogate \(unicodeEscapeText(first)): a high surrogate must be"
            + " followed by a low one (\\uDC00 to \\uDFFF)",
          at: escapeStart)
      }
      let second = try readFourHexDigits(escapeStart: secondStart)
      guard (0xDC00...0xDFFF).contains(second) else {
        throw error(
          "unpaired surrogate \(unicodeEscapeText(first)): a high surrogate must be"
            + " followed by a low one (\\uDC00 to \\uDFFF), found \(unicodeEscapeText(second))",
          at: escapeStart)
      }
      let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
      return Unicode.Scalar(combined)!  // always in U+10000...U+10FFFF
    case 0xDC00...0xDFFF:
      throw error(
        "unpaired surrogate \(unicodeEscapeText(first)): a low surrogate must follow a high one",
        at: escapeStart)
    default:
      return Unicode.Scalar(first)!  // not a surrogate, so a valid scalar
    }
  }

  private mutating func readFourHexDigits(escapeStart: Int) throws(SceneError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek(), let digit = hexDigitValue(byte) else {
        throw error("invalid \\u escape: expected four hexadecimal digits", at: escapeStart)
      }
      value = value * 16 + digit
      position += 1
    }
    return value
  }

  /// `\uD83D`: a UTF-16 code unit written as a JSON escape.
  private func unicodeEscapeText(_ codeUnit: UInt32) -> String {
    "\\u" + fourHexDigits(codeUnit)
  }

  /// number = [ '-' ] ( '0' | [1-9] digit* ) [ '.' digit+ ] [ ( 'e' | 'E' ) [ '+' | '-' ] digit+ ]
  private mutating func parseNumber() throws(SceneError) -> Double {
    let start = position
    _ = consume("-")
    guard let first = peek(), isDigit(first) else {
      if peek() == UInt8(ascii: "I") || peek() == UInt8(ascii: "N") { throw nonFiniteLiteral(at: start) }
      throw invalidNumber(startingAt: start, "expected a digit after '-'")
    }
    position += 1
    if first == UInt8(ascii: "0") {
      if let next = peek(), isDigit(next) {
        throw invalidNumber(startingAt: start, "leading zeros are not allowed")
      }
    } else {
      skipDigits()
    }
    if consume(".") {
      guard let next = peek(), isDigit(next) else {
        throw invalidNumber(startingAt: start, "expected a digit after '.'")
      }
      skipDigits()
    }
    if consume("e") || consume("E") {
      if !consume("+") { _ = consume("-") }
      guard let next = peek(), isDigit(next) else {
        throw invalidNumber(startingAt: start, "expected a digit in the exponent")
      }
      skipDigits()
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    // The text matches the grammar above, which `Double.init` accepts; only
    // magnitude can fail, and overflow would give infinity.
    guard let value = Double(text), value.isFinite else {
      throw error("number \(text) is too large", at: start)
    }
    return value
  }

  /// `true`, `false` or `null`. Any other word is an error, with a specific
  /// message for the non-standard `NaN` and `Infinity`.
  private mutating func parseLiteral() throws(SceneError) -> JSONValue {
    let start = position
    while let byte = peek(), isWordByte(byte) { position += 1 }
    let word = String(decoding: bytes[start..<position], as: UTF8.self)
    switch word {
    case "true": return .bool(true)
    case "false": return .bool(false)
    case "null": return .null
    case "NaN", "nan", "Infinity", "infinity", "inf": throw nonFiniteLiteral(at: start)
    default:
      let shown = word.count > 20 ? String(word.prefix(20)) + "…" : word
      throw error("expected a value, found '\(shown)'", at: start)
    }
  }

  // MARK: - Errors

  private func error(_ message: String, at offset: Int) -> SceneError {
    let (line, column) = lineAndColumn(of: offset)
    return SceneError(file: fileName, line: line, column: column, message: message)
  }

  /// "`expectation`, found `what is here`" at the current position.
  private func unexpected(_ expectation: String) -> SceneError {
    error("\(expectation), found \(describeCharacter(at: position))", at: position)
  }

  private func invalidNumber(startingAt start: Int, _ reason: String) -> SceneError {
    var end = start
    let numberBytes = Set("0123456789+-.eE".utf8)
    while end < bytes.count, end - start < 24, numberBytes.contains(bytes[end]) { end += 1 }
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    return error("invalid number '\(text)': \(reason)", at: start)
  }

  private func nonFiniteLiteral(at start: Int) -> SceneError {
    error("NaN and Infinity are not valid JSON numbers", at: start)
  }

  /// 1-based line and column of a byte offset. Only computed when an error is
  /// reported, so the parser itself never tracks lines.
  private func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for byte in bytes[..<min(offset, bytes.count)] {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0b1100_0000 != 0b1000_0000 {
        // Count the first byte of each UTF-8 sequence, not continuation bytes.
        column += 1
      }
    }
    return (line, column)
  }

  /// How the character at `offset` appears in a message: `']'`, `'é'`,
  /// `end of input`, `control character U+0007` or `byte 0xFF`.
  private func describeCharacter(at offset: Int) -> String {
    guard offset < bytes.count else { return "end of input" }
    var iterator = bytes[offset...].makeIterator()
    var decoder = UTF8()
    guard case .scalarValue(let scalar) = decoder.decode(&iterator) else {
      return "byte 0x" + String(bytes[offset], radix: 16, uppercase: true)
    }
    if scalar.value < 0x20 || scalar.value == 0x7F { return describeControlCharacter(at: offset) }
    return "'\(Character(scalar))'"
  }

  private func describeControlCharacter(at offset: Int) -> String {
    "control character U+" + fourHexDigits(UInt32(bytes[offset]))
  }

  /// `7` → `0007`, `0xD83D` → `D83D`.
  private func fourHexDigits(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  // MARK: - Reading bytes

  private func peek() -> UInt8? {
    position < bytes.count ? bytes[position] : nil
  }

  /// Steps over `character` if it is next; says whether it did.
  private mutating func consume(_ character: Unicode.Scalar) -> Bool {
    guard peek() == UInt8(ascii: character) else { return false }
    position += 1
    return true
  }

  private mutating func skipWhitespace() {
    while let byte = peek(),
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
        || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    {
      position += 1
    }
  }

  private mutating func skipDigits() {
    while let byte = peek(), isDigit(byte) { position += 1 }
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  /// Letters, digits and `_`: the bytes of a bare word such as `true` or `NaN`.
  private func isWordByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || byte == UInt8(ascii: "_")
      || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
  }

  private func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }
}
