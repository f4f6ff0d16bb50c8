/// A file path split into its folder and its last component, purely as text:
/// nothing here touches the file system.
///
/// The one place that knows how paths are written, for error messages (which
/// name only the file), for files a scene refers to (relative to the scene's
/// folder), for the temporary file written beside an image, and for the
/// tracer's default output name.
///
///     scenes/cornell.json   directoryPrefix "scenes/"  name "cornell.json"  directory "scenes"  stem "cornell"
///     cornell.json          directoryPrefix ""         name "cornell.json"  directory "."
///     /cornell.json         directoryPrefix "/"        name "cornell.json"  directory "/"
///     models/               directoryPrefix ""         name "models"        (trailing separators name the same file)
///
/// Cost: one scan of the path from its end; no allocation until a `String`
/// property is read.
public struct FilePathComponents: Sendable, Equatable {
  /// The separator between components. `/` on every platform this package
  /// builds for (POSIX systems); this is the one place to change for another.
  public static let separator: Character = "/"

  /// Everything before ``name``, its trailing separator included:
  /// `"scenes/"` for `"scenes/cornell.json"`, `""` when the path has no folder.
  public let directoryPrefix: Substring
  /// The last component, without trailing separators: `"cornell.json"`. A path
  /// made only of separators (`"/"`) is its own name; `""` gives `""`.
  public let name: Substring

  /// Splits `path` at its last separator (ignoring trailing ones).
  public init(_ path: String) {
    var end = path.endIndex
    while end > path.startIndex && path[path.index(before: end)] == Self.separator {
      end = path.index(before: end)
    }
    guard end > path.startIndex else {  // "" or only separators: the root
      directoryPrefix = ""
      name = path[...]
      return
    }
    let withoutTrailing = path[..<end]
    let nameStart = withoutTrailing.lastIndex(of: Self.separator).map(path.index(after:)) ?? path.startIndex
    directoryPrefix = path[..<nameStart]
    name = withoutTrailing[nameStart...]
  }

  /// The file name of `path`, as error messages show it: `"scenes/cornell.json"`
  /// gives `"cornell.json"`.
  public static func fileName(of path: String) -> String {
    String(FilePathComponents(path).name)
  }

  /// The folder holding the file, usable as a path: `"scenes"`, `"/"` for a
  /// file in the root, `"."` when the path has no folder.
  public var directory: String {
    var folder = directoryPrefix
    while folder.count > 1 && folder.last == Self.separator { folder.removeLast() }
    return folder.isEmpty ? "." : String(folder)
  }

  /// ``name`` without its extension: `"cornell"` for `"cornell.json"`,
  /// `"archive.tar"` for `"archive.tar.gz"`. A leading dot starts a hidden
  /// name, not an extension: `".hidden"` stays `".hidden"`.
  public var stem: Substring {
    guard let dot = name.lastIndex(of: "."), dot > name.startIndex else { return name }
    return name[..<dot]
  }

  /// True if `path` starts at the root rather than at the current folder.
  public static func isAbsolute(_ path: String) -> Bool {
    path.first == separator
  }

  /// `path` as seen from `directory`: `path` itself when it is absolute,
  /// otherwise `directory/path`. `resolve("models/cube.obj", in: "scenes")`
  /// is `"scenes/models/cube.obj"`.
  public static func resolve(_ path: String, in directory: String) -> String {
    if isAbsolute(path) { return path }
    return directory.last == separator ? directory + path : directory + String(separator) + path
  }
}
