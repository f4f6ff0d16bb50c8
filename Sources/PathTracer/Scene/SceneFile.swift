// MARK: Platform. The C library, for POSIX file calls, errno and strerror:
// its module has a different name on each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading scene files (JSON, OBJ, …) into memory, with errors a user can act on.
public enum SceneFile {
  /// The whole content of the file at `path`.
  /// Throws a ``SceneError`` naming the file and the system's reason, e.g.
  /// `cornell.json: cannot read file: No such file or directory`.
  /// Costs one `read` call per 64 KiB and a copy into the returned array.
  public static func readBytes(atPath path: String) throws(SceneError) -> [UInt8] {
    // Plain POSIX calls rather than Foundation, because they report *why* a
    // read failed (errno), which `Data(contentsOf:)` hides behind a generic error.
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw cannotRead(path, errorNumber: errno) }
    defer { close(descriptor) }

    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { return bytes }
      if count < 0 {
        if errno == EINTR { continue }  // interrupted by a signal: just try again
        throw cannotRead(path, errorNumber: errno)
      }
      bytes.append(contentsOf: chunk[..<count])
    }
  }

  private static func cannotRead(_ path: String, errorNumber: Int32) -> SceneError {
    SceneError(file: path, message: "cannot read file: \(String(cString: strerror(errorNumber)))")
  }
}
