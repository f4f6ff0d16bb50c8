// MARK: Platform. The C library, for POSIX file calls, errno and strerror:
// its module has a different name on each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file the renderer reads as input (a scene, an OBJ model, a texture, a
/// MERL table), open for reading, and certainly a regular file.
///
/// Why not just `open` and read to the end: a scene may name any path, and
/// not every path is a file that ends or opens. `/dev/zero` never ends, so
/// reading it to the end fills memory; a FIFO with no writer blocks `open`
/// forever. An input file is therefore opened without blocking
/// (`O_NONBLOCK`, which for a FIFO returns at once) and checked with `fstat`
/// before a byte is read: anything but a regular file is refused with an
/// error that says what it is.
///
/// Cost: `open` and `fstat`; ``readAll()`` then reads the file in one
/// allocation of its size. The descriptor is closed when the value ends.
struct InputFile: ~Copyable {
  /// The open descriptor, read-only.
  let descriptor: Int32
  /// The file's size when it was opened.
  let byteCount: Int

  /// Why a file could not be used as input: what was being done and why it failed.
  struct Failure: Error, Equatable {
    /// `"open"` or `"read"`.
    var operation: String
    /// The system's reason (`No such file or directory`), or what the file is
    /// instead of a regular file (`is a FIFO, not a regular file`).
    var reason: String
  }

  /// Opens `path` for reading if it is a regular file (a symlink to one is fine).
  /// - Throws: ``Failure`` if it cannot be opened, or is a directory, a device,
  ///   a FIFO or a socket.
  init(path: String) throws(Failure) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    // It changes nothing for the regular files that pass the check below.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(operation: "open", reason: Self.systemReason(errno)) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let code = errno
      close(descriptor)
      throw Failure(operation: "open", reason: Self.systemReason(code))
    }
    let kind = status.st_mode & S_IFMT
    guard kind == S_IFREG else {
      close(descriptor)
      // A directory keeps the system's own words, as every other reader says it.
      let reason = kind == S_IFDIR ? Self.systemReason(EISDIR) : "is \(Self.describe(kind)), not a regular file"
      throw Failure(operation: "read", reason: reason)
    }
    self.descriptor = descriptor
    byteCount = Int(status.st_size)
  }

  deinit { close(descriptor) }

  /// Reads up to `count` bytes into `buffer`, retrying after signals; returns
  /// how many were read (fewer only at the end of the file).
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
    var filled = 0
    while filled < buffer.count {
      let count = systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
      if count == 0 { break }  // end of file
      if count < 0 {
        if errno == EINTR { continue }  // interrupted by a signal: just try again
        throw Failure(operation: "read", reason: Self.systemReason(errno))
      }
      filled += count
    }
    return filled
  }

  /// The whole content of the file: as many bytes as it had when opened
  /// (a file that shrinks since gives what is left; one that grows gives its
  /// first ``byteCount`` bytes). Cost: one allocation and `read` calls.
  func readAll() throws(Failure) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: byteCount)
    var failure: Failure?
    let count = bytes.withUnsafeMutableBytes { buffer in
      do throws(Failure) { return try read(into: buffer) } catch { failure = error; return 0 }
    }
    if let failure { throw failure }
    bytes.removeLast(byteCount - count)
    return bytes
  }

  /// The whole content of the regular file at `path`.
  static func readAll(atPath path: String) throws(Failure) -> [UInt8] {
    try InputFile(path: path).readAll()
  }

  /// `strerror`'s text for `code`.
  static func systemReason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }

  /// A file kind from `stat`'s `st_mode`, in words.
  private static func describe(_ kind: mode_t) -> String {
    switch kind {
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFSOCK: "a socket"
    default: "not a file"
    }
  }
}

/// The C library's `read`, under a name that does not clash with ``InputFile/read(into:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}
