// MARK: Platform. The C library, for POSIX file calls, errno and strerror:
// its module has a different name on each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why reading or writing a PNG file failed. Every case names the file, so the
/// message can be shown to a user as it is.
public enum PNGError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The in-memory image cannot be written (empty, or the pixel count does
  /// not match its dimensions). Detected before any file is touched.
  case invalidImage(path: String, reason: String)

  /// libpng refused the data; `message` is libpng's own explanation, such as
  /// "Not a PNG file" or "Read Error" for a truncated file.
  case libpng(path: String, message: String)

  /// The file to read cannot be opened or read, or is not a regular file;
  /// `reason` says why (`No such file or directory`, `is a FIFO (named pipe),
  /// not a regular file`).
  case unreadable(path: String, reason: String)

  /// A file-system call failed: `operation` says which, `errno` says why.
  case fileSystem(path: String, operation: String, errno: Int32)

  /// The file the failed operation was about.
  public var path: String {
    switch self {
    case .invalidImage(let path, _), .libpng(let path, _), .unreadable(let path, _), .fileSystem(let path, _, _):
      return path
    }
  }

  /// A one-line message of the form `<path>: <what went wrong>`.
  public var description: String {
    switch self {
    case .invalidImage(let path, let reason):
      return "\(path): invalid image: \(reason)"
    case .libpng(let path, let message):
      return "\(path): libpng: \(message)"
    case .unreadable(let path, let reason):
      return "\(path): cannot read: \(reason)"
    case .fileSystem(let path, let operation, let code):
      return "\(path): \(operation) failed: \(String(cString: strerror(code)))"
    }
  }
}
