// MARK: Platform. The C library, for POSIX file calls, errno and strerror:
// its module has a different name on each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Musl)
/// A C `FILE *`. musl declares `FILE` without its fields, so Swift imports
/// the pointer as opaque there.
typealias CFilePointer = OpaquePointer
#else
/// A C `FILE *`.
typealias CFilePointer = UnsafeMutablePointer<FILE>
#endif

/// Creates or replaces the file at `path` so that it is never seen half-written.
///
/// The content goes first into a new temporary file in the same directory
/// (same directory, hence same file system, which `rename(2)` needs). Only when
/// it is complete and flushed to disk does `rename(2)` put it in place, which
/// replaces any previous file in one step. If anything fails, the temporary
/// file is removed and a previous file at `path` is left exactly as it was.
/// `path` must name a regular file or nothing (``ImageOutput`` resolves
/// symlinks and refuses anything else before rendering).
///
/// Cost: the writes `writeContent` makes, plus an `fsync` of the new file.
///
/// - Parameters:
///   - mode: The permission bits the file gets (those of the file it
///     replaces); `nil` for a new file's default (0666 less the umask).
///   - temporaryFiles: Where the temporary file is recorded while it exists,
///     so that a signal handler can remove it; `nil` to record it nowhere.
///   - writeContent: writes the whole content to the open file; it should
///     throw if it cannot.
/// - Throws: whatever `writeContent` throws, or `PNGError.fileSystem` naming
///   `path` if creating, writing, flushing or renaming fails.
func replaceFileAtomically(
  at path: String, mode: mode_t? = nil, temporaryFiles: TemporaryFiles? = nil,
  writingWith writeContent: (CFilePointer) throws(PNGError) -> Void
) throws(PNGError) {
  let temporaryPath = temporaryPath(besides: path)
  let registry = temporaryFiles ?? TemporaryFiles()

  // O_EXCL: never reuse (or follow a symlink planted at) an existing name.
  // Mode 0666 less the umask gives the permissions an ordinary new file gets.
  var descriptor: Int32 = -1
  var code: Int32 = 0
  let created = registry.register(temporaryPath) {
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    code = errno
    return descriptor >= 0
  }
  guard created else {
    throw .fileSystem(path: path, operation: "creating a temporary file", errno: registry.isClosed ? EINTR : code)
  }
  func removeTemporary() { registry.unregister(temporaryPath) { unlink(temporaryPath) } }
  // The replaced file's permission bits (fchmod ignores the umask).
  if let mode, fchmod(descriptor, mode & 0o7777) != 0 {
    let code = errno
    close(descriptor)
    removeTemporary()
    throw .fileSystem(path: path, operation: "setting the permissions of a temporary file", errno: code)
  }
  guard let file = fdopen(descriptor, "wb") else {
    let code = errno
    close(descriptor)
    removeTemporary()
    throw .fileSystem(path: path, operation: "opening a temporary file", errno: code)
  }

  var isOpen = true
  do throws(PNGError) {
    try writeContent(file)
    guard fflush(file) == 0, ferror(file) == 0 else {
      throw .fileSystem(path: path, operation: "writing", errno: errno)
    }
    // Without fsync, a crash soon after the rename could leave an empty file
    // under the final name on some file systems.
    guard fsync(descriptor) == 0 else {
      throw .fileSystem(path: path, operation: "flushing to disk", errno: errno)
    }
    isOpen = false
    guard fclose(file) == 0 else {
      throw .fileSystem(path: path, operation: "closing", errno: errno)
    }
    // Renamed under the registry's lock: an interrupt either removed the
    // temporary file before (and the rename fails) or comes after it.
    var renamed = false
    var code: Int32 = 0
    registry.unregister(temporaryPath) {
      renamed = rename(temporaryPath, path) == 0
      code = errno
    }
    guard renamed else {
      throw .fileSystem(path: path, operation: "renaming the temporary file into place", errno: code)
    }
  } catch {
    if isOpen { fclose(file) }
    removeTemporary()
    throw error
  }
}
/// A fresh hidden name next to `path`: `dir/name` becomes
/// `dir/.name.tmp-<process id>-<random>`. The random part keeps two threads
/// writing the same target from colliding.
private func temporaryPath(besides path: String) -> String {
  let components = FilePathComponents(path)
  let unique = String(UInt32.random(in: .min ... .max), radix: 16)
  return "\(components.directoryPrefix).\(components.name).tmp-\(getpid())-\(unique)"
}

/// Writes all of `bytes` to the open file `descriptor`, retrying after
/// interrupted and partial writes; returns `nil`, or the `errno` of the
/// write that failed.
func writeAll(_ bytes: [UInt8], toDescriptor descriptor: Int32) -> Int32? {
  var offset = 0
  while offset < bytes.count {
    let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
    if count < 0 {
      if errno == EINTR { continue }
      return errno
    }
    offset += count
  }
  return nil
}
