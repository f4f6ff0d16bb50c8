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
///
/// Cost: the writes `writeContent` makes, plus an `fsync` of the new file.
///
/// - Parameter writeContent: writes the whole content to the open file; it
///   should throw if it cannot.
/// - Throws: whatever `writeContent` throws, or `PNGError.fileSystem` naming
///   `path` if creating, writing, flushing or renaming fails.
func replaceFileAtomically(
  at path: String,
  writingWith writeContent: (CFilePointer) throws(PNGError) -> Void
) throws(PNGError) {
  let temporaryPath = temporaryPath(besides: path)

  // O_EXCL: never reuse (or follow a symlink planted at) an existing name.
  // Mode 0666 less the umask gives the permissions an ordinary new file gets.
  let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
  guard descriptor >= 0 else {
    throw .fileSystem(path: path, operation: "creating a temporary file", errno: errno)
  }
  guard let file = fdopen(descriptor, "wb") else {
    let code = errno
    close(descriptor)
    unlink(temporaryPath)
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
    guard rename(temporaryPath, path) == 0 else {
      throw .fileSystem(path: path, operation: "renaming the temporary file into place", errno: errno)
    }
  } catch {
    if isOpen { fclose(file) }
    unlink(temporaryPath)
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
