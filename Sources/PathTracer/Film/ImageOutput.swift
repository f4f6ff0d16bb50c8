// MARK: Platform. The C library, for lstat, readlink, access and write.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a rendered image goes, checked before rendering so that a render
/// is never wasted on an output that cannot be written, and so that writing
/// never replaces anything but a regular file.
///
/// - `-` is standard output: the image is written there (for pipes).
/// - A symlink is followed to the file it names, which is replaced; the link stays.
/// - An existing regular file is replaced atomically and keeps its permission bits.
/// - Anything else that exists (a directory, a device such as `/dev/null`, a
///   FIFO, a socket) is refused, as is a path whose folder is missing or not
///   writable, and an extension the tracer cannot write.
public struct ImageOutput: Sendable, Equatable {
  /// The file formats the tracer writes, chosen by the output's extension.
  public enum Format: String, Sendable, CaseIterable {
    /// 8-bit sRGB, through libpng.
    case png
    /// Linear RGB floats (or half floats), through OpenEXR.
    case exr
  }

  /// Where the bytes go.
  public enum Destination: Sendable, Equatable {
    /// The process's standard output (`-o -`).
    case standardOutput
    /// A file: `path` after following symlinks, and the permission bits of
    /// the file there now (`nil` when there is none yet).
    case file(path: String, mode: mode_t?)
  }

  /// The path as the user gave it, for messages.
  public let requestedPath: String
  /// The format written: chosen by `requestedPath`'s extension (PNG for `-`).
  public let format: Format
  /// Where the image is written.
  public let destination: Destination

  /// Checks `path` as an output. Cost: a few `lstat` and `access` calls.
  /// - Throws: ``ImageOutputError`` naming the path and what is wrong with it.
  public init(path: String) throws(ImageOutputError) {
    requestedPath = path
    if path == "-" {
      format = .png
      destination = .standardOutput
      return
    }
    func refuse(_ problem: String) -> ImageOutputError { ImageOutputError(path: path, problem: problem) }

    let target = try Self.followingSymlinks(path)
    var status = stat()
    if lstat(target, &status) == 0 {
      let kind = status.st_mode & S_IFMT
      guard kind == S_IFREG else {
        throw refuse("\(target == path ? "it" : "its target \(target)") is \(Self.describe(kind)); "
                     + "only a regular file is replaced (use - for standard output)")
      }
      destination = .file(path: target, mode: status.st_mode & 0o7777)
    } else if errno == ENOENT {
      destination = .file(path: target, mode: nil)
    } else {
      throw refuse("cannot be examined: \(InputFile.systemReason(errno))")
    }

    // The format is the one the name the user typed asks for.
    let fileExtension = FilePathComponents(path).name.split(separator: ".", omittingEmptySubsequences: false)
    guard fileExtension.count > 1, let format = Format(rawValue: fileExtension.last!.lowercased()) else {
      let known = Format.allCases.map { ".\($0.rawValue)" }.joined(separator: " or ")
      throw refuse("the file name must end in \(known) (the format is chosen by the extension)")
    }
    self.format = format

    // The image is written beside the target and renamed, so the folder must be writable.
    let folder = FilePathComponents(target).directory
    var folderStatus = stat()
    guard stat(folder, &folderStatus) == 0, folderStatus.st_mode & S_IFMT == S_IFDIR else {
      throw refuse("the folder \(folder) does not exist")
    }
    guard access(folder, W_OK | X_OK) == 0 else {
      throw refuse("the folder \(folder) is not writable: \(InputFile.systemReason(errno))")
    }
  }

  /// Checks that an image of `width` × `height` pixels can be written in the format.
  public func check(width: Int, height: Int) throws(ImageOutputError) {
    let limit = switch format {
    case .png: RGB8Image.maximumPNGSize
    case .exr: Int(Int32.max)  // OpenEXR's data window is 32-bit
    }
    guard width <= limit, height <= limit else {
      let library = format == .png ? "libpng" : "OpenEXR"
      throw ImageOutputError(
        path: requestedPath,
        problem: "a \(width)×\(height) image is larger than \(format.rawValue.uppercased()) allows: "
          + "\(library) writes at most \(limit) pixels in width and height")
    }
  }

  /// Writes a render, given as linear colours row by row from the top: as
  /// 8-bit sRGB for PNG, as linear floats (or `pixelType`) for OpenEXR; to
  /// standard output, or atomically to the file (see
  /// ``replaceFileAtomically(at:mode:temporaryFiles:writingWith:)``),
  /// recording the temporary file in `temporaryFiles` while it exists.
  /// - Throws: `PNGError` or `EXRError`, naming the file.
  public func write(linear colors: [Color], width: Int, height: Int, pixelType: EXRPixelType = .float,
                    temporaryFiles: TemporaryFiles? = nil) throws {
    switch (format, destination) {
    case (.png, .standardOutput):
      try SRGB.image(colors, width: width, height: height).writePNG(toDescriptor: STDOUT_FILENO, name: "standard output")
    case (.png, .file(let path, let mode)):
      try SRGB.image(colors, width: width, height: height).writePNG(to: path, mode: mode, temporaryFiles: temporaryFiles)
    case (.exr, .standardOutput):
      try EXRImage(width: width, height: height, colors: colors)
        .write(toDescriptor: STDOUT_FILENO, name: "standard output", as: pixelType)
    case (.exr, .file(let path, let mode)):
      try EXRImage(width: width, height: height, colors: colors)
        .write(to: path, as: pixelType, mode: mode, temporaryFiles: temporaryFiles)
    }
  }

  /// `path` with every symlink along its last component followed (at most 40,
  /// as the system allows), resolved against the link's folder when relative.
  static func followingSymlinks(_ path: String) throws(ImageOutputError) -> String {
    var current = path
    for _ in 0..<40 {
      var status = stat()
      guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count >= 0 else {
        throw ImageOutputError(path: path, problem: "cannot read the symlink: \(InputFile.systemReason(errno))")
      }
      let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = FilePathComponents.resolve(target, in: FilePathComponents(current).directory)
    }
    throw ImageOutputError(path: path, problem: "too many levels of symbolic links")
  }

  private static func describe(_ kind: mode_t) -> String {
    switch kind {
    case S_IFDIR: "a directory"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFSOCK: "a socket"
    default: "not a regular file"
    }
  }
}

/// An output path that cannot be written; found before rendering.
public struct ImageOutputError: Error, Sendable, Equatable, CustomStringConvertible {
  public let path: String
  public let problem: String
  public var description: String { "\(path): \(problem)" }
}
