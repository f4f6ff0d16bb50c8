/// Reading scene files (JSON, OBJ, …) into memory, with errors a user can act on.
public enum SceneFile {
  /// The whole content of the file at `path`, which must be a regular file.
  /// Throws a ``SceneError`` naming the file and the system's reason, e.g.
  /// `cornell.json: cannot read file: No such file or directory`, or what
  /// the path is instead (`/dev/zero: cannot read file: is a character
  /// device, not a regular file`). Cost: one allocation of the file's size
  /// and the `read` calls to fill it.
  public static func readBytes(atPath path: String) throws(SceneError) -> [UInt8] {
    do {
      return try InputFile.readAll(atPath: path)
    } catch {
      throw SceneError(file: path, message: "cannot read file: \(error.reason)")
    }
  }
}
