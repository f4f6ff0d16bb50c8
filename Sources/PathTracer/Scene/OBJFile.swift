/// A Wavefront OBJ file read as triangle meshes, one per named object (`o Name`).
///
/// Supported: `v x y z [w]`, `vt u [v [w]]`, `vn x y z`, `f` with corners written
/// `i`, `i/j`, `i//k` or `i/j/k`, negative (relative) indices, polygons of any
/// size (split into fans), `o` to start an object, `#` comments, `\r\n` line
/// endings and `\` line continuation. Groups (`g`) stay part of the current
/// object, because scenes select meshes by object name. Materials, smoothing
/// groups, lines, points and unknown statements are ignored.
///
/// Face indices are resolved when the face is read, so they may only refer to
/// vertex data written above the face, which is how exporters write OBJ.
public struct OBJFile: Sendable {
  /// The objects that have at least one face, in file order.
  public var meshes: [OBJMesh]
  /// The name of the file the meshes came from, for error messages.
  public var fileName: String

  /// Reads and parses the OBJ file at `path`.
  ///
  /// Cost: one pass over the file's bytes, read in chunks of 1 MiB (see
  /// ``parse(_:fileName:)``); the text is never all in memory at once.
  /// - Throws: ``OBJError`` when the file cannot be read (with the system's
  ///   reason) or is malformed (with the line number).
  public static func load(path: String) throws(OBJError) -> OBJFile {
    let fileName = FilePathComponents.fileName(of: path)
    let input = try open(path)
    var parser = OBJParser(fileName: fileName)
    let meshes = try parser.parse { (buffer) throws(OBJError) -> Int in
      do throws(InputFile.Failure) {
        return try input.read(into: buffer)
      } catch {
        throw OBJError(file: path, line: nil, message: "cannot \(error.operation): \(error.reason)")
      }
    }
    return OBJFile(meshes: meshes, fileName: fileName)
  }

  /// Parses OBJ text that has already been read; `fileName` only labels errors.
  ///
  /// Cost: linear in the length of the text, plus one short search per face
  /// corner to share vertices (see ``OBJMeshBuilder``); about 0.4 s for a
  /// million triangles.
  /// - Throws: ``OBJError`` naming the line of the first malformed statement.
  public static func parse(_ text: String, fileName: String) throws(OBJError) -> OBJFile {
    var parser = OBJParser(fileName: FilePathComponents.fileName(of: fileName))
    var remaining = Array(text.utf8)[...]
    let meshes = try parser.parse { buffer in
      let count = Swift.min(buffer.count, remaining.count)
      buffer.copyBytes(from: remaining.prefix(count))
      remaining = remaining.dropFirst(count)
      return count
    }
    return OBJFile(meshes: meshes, fileName: parser.fileName)
  }

  /// The first mesh whose object name is `name`. O(number of meshes).
  /// - Throws: ``OBJError`` listing the available object names when none matches.
  public func mesh(named name: String) throws(OBJError) -> OBJMesh {
    if let mesh = meshes.first(where: { $0.name == name }) { return mesh }
    let available = meshes.isEmpty
      ? "the file has no objects with faces"
      : "available models: " + meshes.map { "\"\($0.name)\"" }.joined(separator: ", ")
    throw OBJError(file: fileName, line: nil, message: "no model named \"\(name)\"; \(available)")
  }

  /// The file at `path`, open for reading, if it is a regular file.
  private static func open(_ path: String) throws(OBJError) -> InputFile {
    do throws(InputFile.Failure) {
      return try InputFile(path: path)
    } catch {
      throw OBJError(file: path, line: nil, message: "cannot \(error.operation): \(error.reason)")
    }
  }
}
