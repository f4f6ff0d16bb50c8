import Testing
@testable import PathTracer

/// Parses `text` as `test.json`, failing the test on a syntax error.
private func parse(_ text: String) throws -> JSONValue {
  try JSONParser.parse(text, fileName: "test.json")
}

/// The full message of the error that parsing `text` throws, or nil if it parses.
private func parseError(_ text: String) -> String? {
  do {
    _ = try JSONParser.parse(text, fileName: "dir/test.json")
    return nil
  } catch {
    return error.description
  }
}

/// The message of the error `body` throws on the root node of `text`, or nil
/// if it returns (its result is ignored: it only exists to silence "unused" warnings).
private func accessError(_ text: String, _ body: (JSONNode) throws -> Any) throws -> String? {
  let root = try JSONNode.parse(text, fileName: "scenes/test.json")
  do {
    _ = try body(root)
    return nil
  } catch let error as SceneError {
    return error.description
  } catch {
    return "not a SceneError: \(error)"
  }
}

/// A small document shaped like tray_rust's scene files.
private let trayRustLikeScene = """
  {
    "film": { "width": 800, "height": 600, "samples": 4, "frames": 1,
              "filter": { "type": "mitchell_netravali", "width": 2.0, "b": 0.333333333333333333 } },
    "camera": { "fov": 30, "transform": [ { "type": "translate", "translation": [0, 12, -60] } ] },
    "integrator": { "type": "pathtracer", "min_depth": 4, "max_depth": 8 },
    "materials": [
      { "type": "matte", "name": "white_wall", "diffuse": [0.740063, 0.742313, 0.733934], "roughness": 1.0 }
    ],
    "objects": [
      { "name": "back_wall", "type": "receiver", "material": "white_wall",
        "geometry": { "type": "plane" },
        "transform": [ { "type": "scale", "scaling": [15, 12, 1] } ] },
      { "name": "light", "type": "emitter", "material": "white_wall", "emitter": "area",
        "emission": [0.780131, 0.780409, 0.775833, 60],
        "geometry": { "type": "sphere", "radius": 1.5e0 },
        "transform": [ { "type": "translate", "translation": [0.0, 22, 0] } ] }
    ]
  }
  """

@Suite("JSON parsing")
struct JSONParsingTests {
  @Test("literals, numbers and strings parse to the matching JSONValue cases")
  func scalars() throws {
    #expect(try parse("null") == .null)
    #expect(try parse("true") == .bool(true))
    #expect(try parse(" false ") == .bool(false))
    #expect(try parse("0") == .number(0))
    #expect(try parse("-0") == .number(0))
    #expect(try parse("42") == .number(42))
    #expect(try parse("-2.5e-3") == .number(-0.0025))
    #expect(try parse("1E+2") == .number(100))
    #expect(try parse("0.333333333333333333") == .number(0.333333333333333333))
    #expect(try parse("\"plain\"") == .string("plain"))
  }

  @Test("string escapes, including \\u escapes and surrogate pairs, are decoded")
  func stringEscapes() throws {
    #expect(try parse(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) == .string("a\"b\\c/d\u{08}e\u{0C}f\ng\rh\ti"))
    #expect(try parse(#""caf\u00e9 \u00E9""#) == .string("café é"))
    #expect(try parse(#""\uD83D\uDE00""#) == .string("😀"))
    #expect(try parse(#""\u0000""#) == .string("\u{0}"))
    #expect(try parse("\"raw UTF-8: é😀\"") == .string("raw UTF-8: é😀"))
  }

  @Test("arrays and objects nest, and objects keep their keys in document order")
  func containers() throws {
    #expect(try parse("[]") == .array([]))
    #expect(try parse("{}") == .object([]))
    #expect(try parse("[1, [true, null], {\"a\": \"b\"}]")
      == .array([.number(1), .array([.bool(true), .null]), .object([(key: "a", value: .string("b"))])]))

    let object = try parse(#"{"zeta": 1, "alpha": 2, "mid": {"x": []}}"#)
    guard case .object(let members) = object else {
      Issue.record("expected an object")
      return
    }
    #expect(members.map(\.key) == ["zeta", "alpha", "mid"])
    #expect(object["alpha"] == .number(2))
    #expect(object["mid"]?["x"] == .array([]))
    #expect(object["missing"] == nil)
    // Order matters for equality.
    #expect(try parse(#"{"a":1,"b":2}"#) != parse(#"{"b":2,"a":1}"#))
  }

  @Test("a tray_rust-like document survives printing and parsing again")
  func roundTrip() throws {
    let document = try parse(trayRustLikeScene)
    let printed = document.description
    #expect(try parse(printed) == document)
    #expect(printed.hasPrefix(#"{"film":{"width":800,"height":600,"#))
    #expect(document["objects"].map { value in
      if case .array(let objects) = value { objects.count } else { 0 }
    } == 2)
  }

  @Test("awkward strings and numbers print as JSON that reads back the same")
  func roundTripOfEscapesAndNumbers() throws {
    let value = JSONValue.array([
      .string("quote \" backslash \\ newline \n tab \t bell \u{07} é 😀"),
      .number(0.1), .number(-5), .number(1e300), .number(.leastNonzeroMagnitude), .number(1.2345678901234568e17),
    ])
    #expect(try parse(value.description) == value)
    #expect(JSONValue.number(5).description == "5")
    #expect(JSONValue.string("\u{07}").description == #""\u0007""#)
  }

  @Test("the tray_rust example scenes in the shared folder parse",
        .enabled(if: sharedTrayRustScenesExist()))
  func sharedTrayRustScenes() throws {
    for name in ["cornell_box.json", "smallpt.json"] {
      let root = try JSONNode.load(path: "/work/shared/tray_rust/\(name)")
      #expect(try root.required("film").required("width").positiveInt() == 800)
      #expect(try root.required("objects").elements().count > 0)
      #expect(try parse(root.value.description) == root.value)
    }
  }
}

private func sharedTrayRustScenesExist() -> Bool {
  (try? SceneFile.readBytes(atPath: "/work/shared/tray_rust/smallpt.json")) != nil
}

@Suite("JSON syntax errors")
struct JSONSyntaxErrorTests {
  @Test("errors give the file's last path component, 1-based line and column, and what was found")
  func lineAndColumn() {
    let text = """
      {
        "a": 1,
        "b": [1, 2}
      }
      """
    #expect(parseError(text) == "test.json:3:13: expected ',' or ']' after array element, found '}'")
    #expect(parseError("{\n  \"a\": 1\n  ]") == "test.json:3:3: expected ',' or '}' after object member, found ']'")
    // Columns count characters, not UTF-8 bytes.
    #expect(parseError("[\"é\" x]") == "test.json:1:6: expected ',' or ']' after array element, found 'x'")
  }

  @Test("malformed documents are rejected with a message saying why",
        arguments: [
          ("", "test.json:1:1: expected a value, found end of input"),
          ("[1, 2", "test.json:1:6: expected ',' or ']' after array element, found end of input"),
          ("{\"a\" 1}", "test.json:1:6: expected ':' after object key, found '1'"),
          ("{\"a\": 1,}", "test.json:1:9: expected a string key, found '}'"),
          ("{a: 1}", "test.json:1:2: expected a string key, found 'a'"),
          ("[1,]", "test.json:1:4: expected a value, found ']'"),
          ("{} {}", "test.json:1:4: expected end of input after the JSON value, found '{'"),
          ("[1] x", "test.json:1:5: expected end of input after the JSON value, found 'x'"),
          ("tru", "test.json:1:1: expected a value, found 'tru'"),
          ("'a'", "test.json:1:1: expected a value, found '''"),
          ("\"abc", "test.json:1:1: unterminated string (missing closing '\"')"),
          ("[\"ab\ncd\"]", "test.json:1:5: line break inside a string (missing closing '\"'?)"),
          ("\"a\u{07}b\"", "test.json:1:3: control character U+0007 must be escaped inside a string"),
          (#""\x""#, #"test.json:1:2: invalid escape '\x' in string; valid escapes are \" \\ \/ \b \f \n \r \t \uXXXX"#),
          (#""\u12G4""#, #"test.json:1:2: invalid \u escape: expected four hexadecimal digits"#),
          (#""\uD83D""#, #"test.json:1:2: unpaired surrogate \uD83D: a high surrogate must be followed by a low one (\uDC00 to \uDFFF)"#),
          (#""\uD83D\u0041""#, #"test.json:1:2: unpaired surrogate \uD83D: a high surrogate must be followed by a low one (\uDC00 to \uDFFF), found \u0041"#),
          (#""\uDE00""#, #"test.json:1:2: unpaired surrogate \uDE00: a low surrogate must follow a high one"#),
          ("01", "test.json:1:1: invalid number '01': leading zeros are not allowed"),
          ("[-01]", "test.json:1:2: invalid number '-01': leading zeros are not allowed"),
          ("1.", "test.json:1:1: invalid number '1.': expected a digit after '.'"),
          ("[1.e5]", "test.json:1:2: invalid number '1.e5': expected a digit after '.'"),
          ("-", "test.json:1:1: invalid number '-': expected a digit after '-'"),
          ("1e", "test.json:1:1: invalid number '1e': expected a digit in the exponent"),
          ("1e+", "test.json:1:1: invalid number '1e+': expected a digit in the exponent"),
          (".5", "test.json:1:1: expected a value, found '.'"),
          ("+1", "test.json:1:1: expected a value, found '+'"),
          ("1e400", "test.json:1:1: number 1e400 is too large"),
          ("{\"r\": 1, \"r\": 2}", "test.json:1:10: duplicate key \"r\" in object"),
        ])
  func malformed(text: String, expected: String) {
    #expect(parseError(text) == expected)
  }

  @Test("NaN and Infinity literals are not JSON", arguments: ["NaN", "Infinity", "-Infinity", "[1, NaN]", "-NaN", "inf"])
  func nonFiniteLiterals(text: String) {
    #expect(parseError(text)?.hasSuffix("NaN and Infinity are not valid JSON numbers") == true)
  }

  @Test("invalid UTF-8 inside a string is rejected")
  func invalidUTF8() {
    let bytes: [UInt8] = Array("[\"ab".utf8) + [0xFF] + Array("\"]".utf8)
    #expect(throws: SceneError(file: "x.json", line: 1, column: 2, message: "string is not valid UTF-8")) {
      try JSONParser.parse(bytes, fileName: "x.json")
    }
  }

  @Test("a UTF-8 byte order mark at the start is skipped")
  func byteOrderMark() throws {
    #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8), fileName: "bom.json") == .array([.number(1)]))
  }

  @Test("nesting up to the limit parses; one level more is an error, not a crash")
  func nestingLimit() throws {
    let limit = JSONParser.defaultMaxDepth
    let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(throws: Never.self) { try JSONParser.parse(deepest, fileName: "deep.json") }

    let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
    #expect(parseError(tooDeep) == "test.json:1:513: arrays and objects are nested more than 512 levels deep")

    // Far beyond any stack: still a clean error.
    let absurd = String(repeating: "{\"a\":", count: 200_000)
    #expect(parseError(absurd)?.hasSuffix("arrays and objects are nested more than 512 levels deep") == true)
  }
}

@Suite("JSON nodes")
struct JSONNodeTests {
  @Test("paths name keys with dots, indexes with brackets and odd keys in quotes")
  func paths() throws {
    let root = try JSONNode.parse(trayRustLikeScene, fileName: "/some/dir/cornell.json")
    #expect(root.path == "")
    #expect(root.file == "cornell.json")
    let objects = try root.required("objects").elements()
    let geometry = try objects[1].required("geometry")
    #expect(geometry.path == "objects[1].geometry")
    #expect(try geometry.required("radius").positiveFloat() == 1.5)
    #expect(try objects[1].required("emission").floatArray(counts: [3, 4]) == [0.780131, 0.780409, 0.775833, 60])
    #expect(try root.required("camera").required("transform").elements()[0].required("translation").vector3()
      == SIMD3(0, 12, -60))
    #expect(JSONNode.path("", appendingKey: "film") == "film")
    #expect(JSONNode.path("materials", appendingKey: "white wall") == #"materials["white wall"]"#)
    #expect(JSONNode.path("a", appendingKey: "2d") == #"a["2d"]"#)

    let members = try root.required("integrator").members()
    #expect(members.map(\.key) == ["type", "min_depth", "max_depth"])
    #expect(members[2].node.path == "integrator.max_depth")
    #expect(try members[2].node.int() == 8)
  }

  @Test("optional keys: absent gives nil, null is present")
  func optionalKeys() throws {
    let root = try JSONNode.parse(#"{"a": null, "b": 2}"#, fileName: "t.json")
    #expect(root.optional("missing") == nil)
    #expect(root.optional("a")?.isNull == true)
    #expect(try root.optional("b")?.int() == 2)
    #expect(try root.required("b").optional("x") == nil)
  }

  @Test("typed accessors accept matching values")
  func typedValues() throws {
    let root = try JSONNode.parse(#"{"n": -2.5, "i": 7, "s": "sphere", "t": true, "z": 0}"#, fileName: "t.json")
    #expect(try root.required("n").number() == -2.5)
    #expect(try root.required("n").float() == -2.5)
    #expect(try root.required("i").int() == 7)
    #expect(try root.required("i").positiveInt() == 7)
    #expect(try root.required("z").nonNegativeFloat() == 0)
    #expect(try root.required("s").string() == "sphere")
    #expect(try root.required("t").bool() == true)
  }

  @Test("typed accessors report the file, the path and the value found",
        arguments: [
          (#"{"objects":[{},{},{"geometry":{"radius":"5"}}]}"#,
           "test.json: objects[2].geometry.radius: expected a number, found \"5\""),
          (#"{"objects":[{},{},{"geometry":{"radius":[1]}}]}"#,
           "test.json: objects[2].geometry.radius: expected a number, found an array"),
          (#"{"objects":[{},{},{"geometry":{"radius":null}}]}"#,
           "test.json: objects[2].geometry.radius: expected a number, found null"),
          (#"{"objects":[{},{},{"geometry":{"radius":{}}}]}"#,
           "test.json: objects[2].geometry.radius: expected a number, found an object"),
          (#"{"objects":[{},{},{"geometry":{"radius":true}}]}"#,
           "test.json: objects[2].geometry.radius: expected a number, found true"),
          (#"{"objects":[{},{},{"geometry":{"radius":"a string far too long to print in full"}}]}"#,
           "test.json: objects[2].geometry.radius: expected a number, found \"a string far too long to print i…\""),
        ])
  func numberErrors(text: String, expected: String) throws {
    let message = try accessError(text) { root in
      try root.required("objects").elements()[2].required("geometry").required("radius").number()
    }
    #expect(message == expected)
  }

  @Test("each accessor's error message")
  func accessorMessages() throws {
    let text = #"""
      {"neg": -1, "zero": 0, "half": 2.5, "huge": 1e39, "big": 1e30, "five": "5", "num": 5,
       "rgb": [1, 2], "bad": [1, "x", 3], "arr": [1], "obj": {"k": 1}}
      """#
    func message(_ body: (JSONNode) throws -> Any) throws -> String? {
      try accessError(text, body)
    }
    #expect(try message { try $0.required("geometry") }
      == #"test.json: (root): missing required key "geometry""#)
    #expect(try message { try $0.required("obj").required("radius") }
      == #"test.json: obj: missing required key "radius""#)
    #expect(try message { try $0.required("arr").required("radius") }
      == "test.json: arr: expected an object, found an array")
    #expect(try message { try $0.required("obj").elements() }
      == "test.json: obj: expected an array, found an object")
    #expect(try message { try $0.required("arr").members() }
      == "test.json: arr: expected an object, found an array")
    #expect(try message { try $0.required("huge").float() }
      == "test.json: huge: expected a number that fits in a 32-bit float, found 1e+39")
    #expect(try message { try $0.required("neg").positiveFloat() }
      == "test.json: neg: must be greater than zero, found -1")
    #expect(try message { try $0.required("zero").positiveFloat() }
      == "test.json: zero: must be greater than zero, found 0")
    #expect(try message { try $0.required("neg").nonNegativeFloat() }
      == "test.json: neg: must not be negative, found -1")
    #expect(try message { try $0.required("half").int() }
      == "test.json: half: expected an integer, found 2.5")
    #expect(try message { try $0.required("big").int() }
      == "test.json: big: expected an integer, found 1e+30")
    #expect(try message { try $0.required("zero").positiveInt() }
      == "test.json: zero: must be greater than zero, found 0")
    #expect(try message { try $0.required("num").string() }
      == "test.json: num: expected a string, found 5")
    #expect(try message { try $0.required("five").bool() }
      == #"test.json: five: expected true or false, found "5""#)
    #expect(try message { try $0.required("rgb").vector3() }
      == "test.json: rgb: expected an array of 3 numbers, found an array of 2")
    #expect(try message { try $0.required("num").floatArray(counts: [3, 4]) }
      == "test.json: num: expected an array of 3 or 4 numbers, found 5")
    #expect(try message { try $0.required("bad").floatArray(count: 3) }
      == #"test.json: bad[1]: expected a number, found "x""#)
    #expect(try message { throw try $0.required("obj").unsupported("geometry type \"mesh\"") }
      == #"test.json: obj: geometry type "mesh" is not supported yet"#)
    #expect(try message { throw try $0.required("obj").required("k").error("must be one of a, b") }
      == "test.json: obj.k: must be one of a, b")
  }

  @Test("a missing file is reported with the system's reason")
  func missingFile() {
    #expect(throws: SceneError(file: "nope.json", message: "cannot read file: No such file or directory")) {
      try JSONNode.load(path: "/definitely/not/here/nope.json")
    }
  }
}

@Suite("Scene errors")
struct SceneErrorTests {
  @Test("each initializer produces its documented message format")
  func formats() {
    #expect(SceneError(file: "a/b/cornell.json", line: 12, column: 5, message: "oops").description
      == "cornell.json:12:5: oops")
    #expect(SceneError(file: "models/bunny.obj", line: 117, message: "bad face").description
      == "bunny.obj:117: bad face")
    #expect(SceneError(file: "cornell.json", path: "objects[2].geometry.radius", message: "bad").description
      == "cornell.json: objects[2].geometry.radius: bad")
    #expect(SceneError(file: "cornell.json", path: "", message: "bad").description
      == "cornell.json: (root): bad")
    #expect(SceneError(file: "x.json", message: "cannot read file").description == "x.json: cannot read file")
  }
}
