// MARK: Platform. The C library, for fwrite and strerror.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension EXRImage {
  /// Writes the image as an OpenEXR file at `path`, atomically (see
  /// ``replaceFileAtomically(at:mode:temporaryFiles:writingWith:)``):
  /// an existing file is replaced in one step or left as it was.
  ///
  /// Cost: the encoded file in memory, then one write and an `fsync`.
  /// - Parameters:
  ///   - mode: The permission bits of the file it replaces, `nil` for a new file.
  ///   - temporaryFiles: Where the temporary file is recorded while it exists.
  public func write(to path: String, as pixelType: EXRPixelType = .float, mode: mode_t? = nil,
                    temporaryFiles: TemporaryFiles? = nil) throws(EXRError) {
    let bytes = try encoded(as: pixelType, name: path)
    do {
      try replaceFileAtomically(at: path, mode: mode, temporaryFiles: temporaryFiles) { (file) throws(PNGError) in
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw .fileSystem(path: path, operation: "writing", errno: errno) }
      }
    } catch {
      throw Self.fileSystemError(error, path: path)
    }
  }

  /// Writes the image as an OpenEXR file to the open file `descriptor`
  /// (standard output, say); `name` labels errors.
  public func write(toDescriptor descriptor: Int32, name: String, as pixelType: EXRPixelType = .float) throws(EXRError) {
    let bytes = try encoded(as: pixelType, name: name)
    if let code = writeAll(bytes, toDescriptor: descriptor) {
      throw EXRError(path: name, message: "writing failed: \(String(cString: strerror(code)))")
    }
  }

  /// Reads the OpenEXR file at `path` (see ``decode(_:path:)``), which must
  /// be a regular file.
  public static func read(from path: String) throws(EXRError) -> EXRImage {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.readAll(atPath: path)
    } catch {
      throw EXRError(path: path, message: "cannot read: \(error.reason)")
    }
    return try decode(bytes, path: path)
  }

  /// The file system's part of a write's error, for an OpenEXR file.
  private static func fileSystemError(_ error: PNGError, path: String) -> EXRError {
    guard case .fileSystem(_, let operation, let code) = error else {
      return EXRError(path: path, message: error.description)
    }
    return EXRError(path: path, message: "\(operation) failed: \(String(cString: strerror(code)))")
  }
}
