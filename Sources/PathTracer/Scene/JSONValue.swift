/// A parsed JSON document: the six kinds of JSON value, nothing more.
///
/// Objects keep their members in document order, so that error messages and
/// re-serialised output list keys the way the author wrote them. A document
/// produced by ``JSONParser`` never has two members with the same key (the
/// parser rejects duplicates) and never holds a NaN or infinite number.
///
/// To read a scene, wrap the value in a ``JSONNode``, which remembers where each
/// value came from and turns type mismatches into ``SceneError``s.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  /// Members in document order.
  case object([(key: String, value: JSONValue)])

  /// The value of the member named `key`, or `nil` when there is none or when
  /// this is not an object. Costs a linear scan: scene objects have a handful of keys.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    // The last match wins, so hand-built objects with repeated keys behave
    // like a dictionary that was assigned twice.
    return members.last(where: { $0.key == key })?.value
  }

  /// Structural equality. Objects compare member by member, in order:
  /// `{"a":1,"b":2}` differs from `{"b":2,"a":1}`.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count
        && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }
}

// MARK: - Rendering

extension JSONValue: CustomStringConvertible {
  /// Compact JSON text for the value, e.g. `{"radius":1,"type":"sphere"}`.
  /// Parsing it again gives back an equal value. Costs time linear in the document.
  public var description: String {
    var text = ""
    write(to: &text)
    return text
  }

  private func write(to text: inout String) {
    switch self {
    case .null: text += "null"
    case .bool(let flag): text += flag ? "true" : "false"
    case .number(let number): text += JSONValue.render(number: number)
    case .string(let string): text += JSONValue.quoted(string)
    case .array(let elements):
      text += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { text += "," }
        element.write(to: &text)
      }
      text += "]"
    case .object(let members):
      text += "{"
      for (index, member) in members.enumerated() {
        if index > 0 { text += "," }
        text += JSONValue.quoted(member.key)
        text += ":"
        member.value.write(to: &text)
      }
      text += "}"
    }
  }

  /// A few words naming the value for an error message's "found …" part:
  /// `"5"` (strings quoted, cut short after 32 characters), `5`, `true`,
  /// `null`, `an array`, `an object`.
  public var briefDescription: String {
    switch self {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return JSONValue.render(number: number)
    case .string(let string):
      let limit = 32
      guard string.count > limit else { return JSONValue.quoted(string) }
      return JSONValue.quoted(String(string.prefix(limit)) + "…")
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// Numbers the way people write them: `5` rather than `5.0`, and the shortest
  /// text that reads back as the same `Double` otherwise (`0.1`, `1e+30`).
  static func render(number: Double) -> String {
    // Whole numbers below 2^53 are printed as integers; beyond that the
    // exponent form is shorter and still exact.
    if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
      return String(Int64(number))
    }
    return String(describing: number)
  }

  /// `text` as a JSON string literal: quoted, with `"`, `\` and control
  /// characters escaped. Everything else, including non-ASCII, is kept as is.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case "\u{00}"..."\u{1F}":
        let hex = String(scalar.value, radix: 16, uppercase: true)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
