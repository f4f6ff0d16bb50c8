import Foundation
import Testing
@testable import PathTracer

/// Issue 11, item 4: `-o` never replaces anything but a regular file or a
/// symlink's target, keeps an existing file's permission bits, refuses what
/// it cannot write before rendering, and an interrupted write leaves no
/// temporary file behind.
@Suite("Image outputs")
struct ImageOutputTests {
  let folder: TextureFolder
  init() throws { folder = try TextureFolder() }

  /// A small render, in linear colours, and its PNG pixels.
  static let colors = (0..<6).map { Color(Float($0) / 5, 0.5, 1 - Float($0) / 5) }
  static let image = SRGB.image(colors, width: 3, height: 2)

  /// Writes the small render to `output`.
  static func write(to output: ImageOutput, temporaryFiles: TemporaryFiles? = nil) throws {
    try output.write(linear: colors, width: 3, height: 2, temporaryFiles: temporaryFiles)
  }

  /// The files in the test folder, hidden ones included.
  func entries() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test("a new file is created; an existing one is replaced and keeps its permission bits")
  func regularFile() throws {
    let path = folder.path + "/out.png"
    let fresh = try ImageOutput(path: path)
    #expect(fresh.destination == .file(path: path, mode: nil))
    try Self.write(to: fresh)
    #expect(try RGB8Image.readPNG(from: path) == Self.image)

    chmod(path, 0o640)
    let existing = try ImageOutput(path: path)
    #expect(existing.destination == .file(path: path, mode: 0o640))
    try existing.write(linear: [Color(1, 1, 1)], width: 1, height: 1)
    #expect(try RGB8Image.readPNG(from: path) == SRGB.image([Color(1, 1, 1)], width: 1, height: 1))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o640)
    #expect(try entries() == ["out.png"])  // no temporary file left
  }

  @Test("a symlink is followed: its target is replaced and the link stays a link")
  func symlink() throws {
    let target = folder.path + "/renders/final.png"
    try FileManager.default.createDirectory(atPath: folder.path + "/renders", withIntermediateDirectories: true)
    try Data("previous".utf8).write(to: URL(fileURLWithPath: target))
    chmod(target, 0o600)
    // A relative link, resolved against the link's own folder.
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/latest.png", withDestinationPath: "renders/final.png")

    let output = try ImageOutput(path: folder.path + "/latest.png")
    #expect(output.destination == .file(path: target, mode: 0o600))
    try Self.write(to: output)

    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/latest.png") == "renders/final.png")
    #expect(try RGB8Image.readPNG(from: target) == Self.image)
  }

  @Test("devices, FIFOs and directories are refused, named, before anything is written",
        arguments: ["device", "fifo", "directory", "link to device"])
  func notRegular(_ kind: String) throws {
    let path: String
    let expected: String
    switch kind {
    case "device":
      path = "/dev/null"
      expected = "it is a character device; only a regular file is replaced (use - for standard output)"
    case "fifo":
      path = folder.path + "/pipe.png"
      #expect(mkfifo(path, 0o600) == 0)
      expected = "it is a FIFO (named pipe); only a regular file is replaced (use - for standard output)"
    case "directory":
      path = folder.path + "/folder.png"
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      expected = "it is a directory; only a regular file is replaced (use - for standard output)"
    default:
      path = folder.path + "/null.png"
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/null")
      expected = "its target /dev/null is a character device; only a regular file is replaced (use - for standard output)"
    }
    #expect(throws: ImageOutputError(path: path, problem: expected)) { try ImageOutput(path: path) }
  }

  @Test("an extension the tracer cannot write and a missing folder are errors before rendering")
  func unwritable() throws {
    let jpeg = folder.path + "/out.jpg"
    #expect(throws: ImageOutputError(path: jpeg, problem: "the file name must end in .png or .exr (the format is chosen by the extension)")) {
      try ImageOutput(path: jpeg)
    }
    let bare = folder.path + "/out"
    #expect(throws: ImageOutputError(path: bare, problem: "the file name must end in .png or .exr (the format is chosen by the extension)")) {
      try ImageOutput(path: bare)
    }
    let lost = folder.path + "/missing/out.png"
    #expect(throws: ImageOutputError(path: lost, problem: "the folder \(folder.path)/missing does not exist")) {
      try ImageOutput(path: lost)
    }
    #expect(try ImageOutput(path: folder.path + "/OUT.PNG").format == .png)
    #expect(try ImageOutput(path: folder.path + "/out.exr").format == .exr)
    #expect(try ImageOutput(path: "-").destination == .standardOutput)
  }

  @Test("an image wider or taller than libpng writes is refused before rendering")
  func formatLimits() throws {
    let output = try ImageOutput(path: folder.path + "/wide.png")
    try output.check(width: RGB8Image.maximumPNGSize, height: 1)
    #expect(throws: ImageOutputError.self) { try output.check(width: RGB8Image.maximumPNGSize + 1, height: 1) }
    #expect(throws: ImageOutputError.self) { try output.check(width: 1, height: RGB8Image.maximumPNGSize + 1) }
  }

  @Test("an EXR output holds the render's linear colours; its sRGB encoding is the PNG output")
  func exr() throws {
    try Self.write(to: ImageOutput(path: folder.path + "/out.exr"))
    try Self.write(to: ImageOutput(path: folder.path + "/out.png"))
    let linear = try EXRImage.read(from: folder.path + "/out.exr")
    let (r, g, b) = (linear.channelIndex("R")!, linear.channelIndex("G")!, linear.channelIndex("B")!)
    let colors = (0..<6).map { Color(linear[$0 % 3, $0 / 3, r], linear[$0 % 3, $0 / 3, g], linear[$0 % 3, $0 / 3, b]) }
    #expect(colors == Self.colors)
    #expect(SRGB.image(colors, width: 3, height: 2) == (try RGB8Image.readPNG(from: folder.path + "/out.png")))
  }

  @Test("an interrupt during a write removes the temporary file and keeps the previous output")
  func interruptedWrite() throws {
    let path = folder.path + "/out.png"
    try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
    let temporaryFiles = TemporaryFiles()
    var sawTemporary = false

    // What a SIGINT handler does, here from inside the write itself.
    let error = #expect(throws: PNGError.self) {
      try replaceFileAtomically(at: path, temporaryFiles: temporaryFiles) { file throws(PNGError) in
        fputs("half an image", file)
        sawTemporary = (try? entries().contains { $0.hasPrefix(".out.png.tmp-") }) ?? false
        temporaryFiles.removeAllAndClose()
      }
    }
    #expect(sawTemporary)
    #expect(error?.description.contains("renaming the temporary file into place") == true, "\(String(describing: error))")
    #expect(try entries() == ["out.png"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("previous".utf8))

    // Once closed, no new temporary file is created.
    let refused = #expect(throws: PNGError.self) {
      try Self.write(to: ImageOutput(path: path), temporaryFiles: temporaryFiles)
    }
    #expect(refused == .fileSystem(path: path, operation: "creating a temporary file", errno: EINTR))
    #expect(try entries() == ["out.png"])
  }
}
