/// Why an OBJ file could not be read, and where.
///
/// Printed as `cube.obj:12: expected a number, found "x"`, or as
/// `cube.obj: No such file or directory` when the problem is not tied to a line.
public struct OBJError: Error, CustomStringConvertible, Sendable {
  /// The file's name: the last component of the path it was read from.
  public let file: String
  /// The 1-based line of the offending statement, or `nil` for whole-file problems.
  public let line: Int?
  /// What went wrong, in words.
  public let message: String

  /// Creates an error; `file` may be a whole path, only its last component is kept.
  public init(file: String, line: Int?, message: String) {
    self.file = FilePathComponents.fileName(of: file)
    self.line = line
    self.message = message
  }

  public var description: String {
    if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
  }
}
