/// An error found while loading a scene: unreadable files, malformed JSON or
/// OBJ, and values that parse but make no sense (a negative radius, a missing key).
///
/// Every error names the file and a location inside it, in one of three forms:
///
///     cornell.json:12:5: expected ',' or '}' after object member, found ']'
///     cornell.json: objects[2].geometry.radius: expected a number, found "5"
///     bunny.obj:117: face refers to vertex 9000, but only 8000 are defined
///
/// The first is for syntax errors (1-based line and column), the second for
/// semantic errors in a JSON document (the path of the offending value), the
/// third for line-oriented formats such as OBJ. Only the file's last path
/// component is shown, so messages stay short whatever directory the scene is in.
public struct SceneError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The last path component of the file the error is about, e.g. `cornell.json`.
  public let file: String
  /// The 1-based line, when the error has one.
  public let line: Int?
  /// The 1-based column (counted in Unicode scalars), when the error has one.
  public let column: Int?
  /// The JSON path of the offending value (`objects[2].geometry`), when the error has one.
  /// The empty string is the document's root.
  public let path: String?
  /// What went wrong, without the location: `expected a number, found "5"`.
  public let problem: String

  /// A syntax error at a line and column: `file:line:column: problem`.
  public init(file: String, line: Int, column: Int, message: String) {
    self.init(file: file, line: line, column: column, path: nil, problem: message)
  }

  /// An error at a line of a line-oriented file such as OBJ: `file:line: problem`.
  public init(file: String, line: Int, message: String) {
    self.init(file: file, line: line, column: nil, path: nil, problem: message)
  }

  /// An error about the value at `path` in a JSON document: `file: path: problem`.
  /// The root's path is `""` and is shown as `(root)`.
  public init(file: String, path: String, message: String) {
    self.init(file: file, line: nil, column: nil, path: path, problem: message)
  }

  /// An error about a file as a whole, e.g. one that cannot be read: `file: problem`.
  public init(file: String, message: String) {
    self.init(file: file, line: nil, column: nil, path: nil, problem: message)
  }

  private init(file: String, line: Int?, column: Int?, path: String?, problem: String) {
    self.file = FilePathComponents.fileName(of: file)
    self.line = line
    self.column = column
    self.path = path
    self.problem = problem
  }

  /// The full message, location first, as a compiler would print it.
  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
      return "\(location): \(problem)"
    }
    if let path { location += ": \(path.isEmpty ? "(root)" : path)" }
    return "\(location): \(problem)"
  }

  /// `scenes/cornell.json` → `cornell.json`: ``FilePathComponents/fileName(of:)``,
  /// under the name the object loader still calls.
  static func lastPathComponent(of path: String) -> String {
    FilePathComponents.fileName(of: path)
  }
}
