import CPNG
import Foundation
import Testing

@testable import PathTracer

@Suite("PNG files")
struct PNGTests {
  // MARK: Round trip

  @Test("a written image reads back byte for byte")
  func roundTrip() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/gradient.png"
    let original = gradient(width: 7, height: 5)  // odd width: rows are not 4-byte aligned

    try original.writePNG(to: path)
    let readBack = try RGB8Image.readPNG(from: path)

    #expect(readBack.width == 7)
    #expect(readBack.height == 5)
    #expect(readBack.pixels == original.pixels)
    #expect(try directory.entries() == ["gradient.png"])  // no temporary file left over
  }

  @Test("writing over an existing file replaces it")
  func overwrite() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/image.png"
    try gradient(width: 4, height: 4).writePNG(to: path)
    let second = RGB8Image(width: 3, height: 2, pixels: Array(repeating: 99, count: 18))

    try second.writePNG(to: path)

    #expect(try RGB8Image.readPNG(from: path) == second)
  }

  @Test("the pixel subscript addresses (x, y) with the top row first")
  func subscriptLayout() {
    var image = RGB8Image(width: 3, height: 2)
    image[2, 1] = SIMD3(10, 20, 30)
    #expect(Array(image.pixels[15..<18]) == [10, 20, 30])
    #expect(image[2, 1] == SIMD3(10, 20, 30))
    #expect(image.pixels.filter { $0 != 0 }.count == 3)
  }

  @Test("a grey PNG with alpha is converted to RGB, composited over black")
  func convertsGreyAlpha() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/grey-alpha.png"
    // Two pixels of (grey, alpha): opaque grey 200, then fully transparent white.
    try writeWithLibpng([200, 255, 255, 0], width: 2, height: 1, format: PNG_FORMAT_GA, to: path)

    let image = try RGB8Image.readPNG(from: path)

    #expect(image.width == 2 && image.height == 1)
    #expect(image.pixels == [200, 200, 200, 0, 0, 0])
  }

  // MARK: Failed writes

  @Test("writing into a missing directory throws, naming the path, and creates nothing")
  func missingDirectory() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/no/such/dir/out.png"

    let error = #expect(throws: PNGError.self) { try gradient(width: 2, height: 2).writePNG(to: path) }

    #expect(error?.path == path)
    #expect(error == .fileSystem(path: path, operation: "creating a temporary file", errno: ENOENT))
    #expect(error?.description.contains(path) == true)
    #expect(try directory.entries() == [])
  }

  @Test("an image with no pixels is rejected and leaves an existing file intact")
  func emptyImageKeepsExistingFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/keep.png"
    try gradient(width: 3, height: 3).writePNG(to: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))

    let error = #expect(throws: PNGError.self) {
      try RGB8Image(width: 0, height: 3, pixels: []).writePNG(to: path)
    }

    guard case .invalidImage(let errorPath, _) = error else {
      Issue.record("expected .invalidImage, got \(String(describing: error))")
      return
    }
    #expect(errorPath == path)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try directory.entries() == ["keep.png"])
  }

  @Test("pixels that do not match the dimensions are rejected")
  func mismatchedPixelCount() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/short.png"
    let image = RGB8Image(width: 4, height: 4, pixels: Array(repeating: 1, count: 47))

    let error = #expect(throws: PNGError.self) { try image.writePNG(to: path) }

    guard case .invalidImage(_, let reason) = error else {
      Issue.record("expected .invalidImage, got \(String(describing: error))")
      return
    }
    #expect(reason.contains("47"))
    #expect(try directory.entries() == [])
  }

  @Test("a directory as the target throws and is left alone, with no temporary file")
  func directoryAsTarget() throws {
    let directory = try TemporaryDirectory()
    let target = directory.path + "/occupied"
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
    try #require(FileManager.default.createFile(atPath: target + "/inside", contents: Data([1, 2, 3])))

    let error = #expect(throws: PNGError.self) { try gradient(width: 2, height: 2).writePNG(to: target) }

    guard case .fileSystem(let errorPath, let operation, _) = error else {
      Issue.record("expected .fileSystem, got \(String(describing: error))")
      return
    }
    #expect(errorPath == target)
    #expect(operation.contains("renaming"))
    #expect(try directory.entries() == ["occupied"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["inside"])
  }

  @Test("a write that fails halfway leaves the previous file byte-identical")
  func failureMidWriteKeepsExistingFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/precious.png"
    try gradient(width: 5, height: 5).writePNG(to: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))

    // Writes some bytes, then fails, as libpng would on a full disk.
    let error = #expect(throws: PNGError.self) {
      try replaceFileAtomically(at: path) { (file) throws(PNGError) in
        fputs("half a PNG", file)
        throw .libpng(path: path, message: "simulated failure")
      }
    }

    #expect(error == .libpng(path: path, message: "simulated failure"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try directory.entries() == ["precious.png"])
  }

  // MARK: Failed reads

  @Test("reading a file that is not a PNG reports libpng's message")
  func notAPNG() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/text.png"
    try #require(FileManager.default.createFile(atPath: path, contents: Data("just some text, long enough".utf8)))

    let error = #expect(throws: PNGError.self) { try RGB8Image.readPNG(from: path) }

    guard case .libpng(let errorPath, let message) = error else {
      Issue.record("expected .libpng, got \(String(describing: error))")
      return
    }
    #expect(errorPath == path)
    #expect(message.localizedCaseInsensitiveContains("PNG"))
  }

  @Test("reading a missing file throws, naming the path")
  func missingFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/absent.png"

    let error = #expect(throws: PNGError.self) { try RGB8Image.readPNG(from: path) }

    #expect(error == .unreadable(path: path, reason: "No such file or directory"))
  }

  @Test("a truncated PNG is rejected")
  func truncated() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/cut.png"
    try noise(width: 32, height: 32).writePNG(to: path)
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))

    let error = #expect(throws: PNGError.self) { try RGB8Image.readPNG(from: path) }

    guard case .libpng(let errorPath, let message) = error else {
      Issue.record("expected .libpng, got \(String(describing: error))")
      return
    }
    #expect(errorPath == path)
    #expect(!message.isEmpty)
  }
}

// MARK: - Helpers

/// A smooth image: red grows to the right, green downwards, blue along the diagonal.
private func gradient(width: Int, height: Int) -> RGB8Image {
  var image = RGB8Image(width: width, height: height)
  for y in 0..<height {
    for x in 0..<width {
      image[x, y] = SIMD3(
        UInt8(255 * x / max(width - 1, 1)),
        UInt8(255 * y / max(height - 1, 1)),
        UInt8(255 * (x + y) / max(width + height - 2, 1)))
    }
  }
  return image
}

/// An incompressible image, so that half of its file is missing image data.
private func noise(width: Int, height: Int) -> RGB8Image {
  var generator = SystemRandomNumberGenerator()
  let pixels = (0..<(3 * width * height)).map { _ in UInt8.random(in: 0...255, using: &generator) }
  return RGB8Image(width: width, height: height, pixels: pixels)
}

/// Writes raw samples in any simplified-API format, to make test inputs that
/// `writePNG` (RGB only) cannot.
private func writeWithLibpng(
  _ samples: [UInt8], width: Int, height: Int, format: UInt32, to path: String
) throws {
  var image = png_image()
  image.version = png_uint_32(PNG_IMAGE_VERSION)
  image.width = png_uint_32(width)
  image.height = png_uint_32(height)
  image.format = format
  let succeeded = samples.withUnsafeBytes { bytes in
    png_image_write_to_file(&image, path, 0, bytes.baseAddress, 0, nil)
  }
  png_image_free(&image)
  try #require(succeeded != 0)
}

/// A fresh directory under /tmp, removed when the value goes away.
/// Each test gets its own, so tests can run in parallel.
private final class TemporaryDirectory {
  let path: String

  init() throws {
    var template = Array("/tmp/png-tests-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else {
      throw CocoaError(.fileWriteUnknown)
    }
    path = String(cString: created)
  }

  /// The names in the directory, sorted.
  func entries() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
