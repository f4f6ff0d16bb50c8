import Foundation
import Testing
@testable import PathTracer

/// Issue 11, item 3: paths that never end (`/dev/zero`) or never open (a FIFO
/// with no writer) are refused at once, by every reader of input files; and
/// item 2: a PNG header's claimed size allocates nothing it cannot back.
@Suite("input files that are not regular files")
struct InputFileTests {
  /// A fresh folder holding a FIFO with no writer, `pipe`.
  static func folderWithFIFO() throws -> TextureFolder {
    let folder = try TextureFolder()
    guard mkfifo(folder.path + "/pipe", 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
    return folder
  }

  @Test("a scene file that is a device or a FIFO is refused, not read forever or waited on")
  func sceneFile() throws {
    let folder = try Self.folderWithFIFO()
    #expect(throws: SceneError(file: "/dev/zero", message: "cannot read file: is a character device, not a regular file")) {
      try SceneLoader.load(path: "/dev/zero")
    }
    #expect(throws: SceneError(file: folder.path + "/pipe",
                               message: "cannot read file: is a FIFO (named pipe), not a regular file")) {
      try SceneLoader.load(path: folder.path + "/pipe")
    }
  }

  @Test("an OBJ model, a texture and a MERL table that are devices or FIFOs are refused with the JSON path",
        arguments: ["/dev/zero", "pipe"])
  func referencedFiles(_ name: String) throws {
    let folder = try Self.folderWithFIFO()
    let what = name == "pipe" ? "is a FIFO (named pipe), not a regular file" : "is a character device, not a regular file"
    let mesh = """
      { "name": "m", "type": "receiver", "material": "floor",
        "geometry": { "type": "mesh", "file": "\(name)", "model": "x" }, "transform": [] }
      """
    #expect(loadError(floorScene(albedo: 0.5, emitters: [pointEmitter(intensity: 1, height: 1), mesh]), in: folder)
            == "scene.json: objects[2].geometry.file: \(FilePathComponents.fileName(of: name)): cannot read: \(what)")

    let texture = try textureScene(file: name)
    #expect(loadError(texture, in: folder) == "scene.json: textures[0].file: cannot read \"\(name)\": \(what)")

    let merl = floorScene(albedo: 0.5, emitters: [pointEmitter(intensity: 1, height: 1)])
      .replacingOccurrences(of: #""type": "matte""#, with: #""type": "merl", "file": "\#(name)""#)
    let error = loadError(merl, in: folder)
    #expect(error.contains("cannot be read: \(what)"), "\(error)")
  }

  @Test("a PNG whose 57-byte header claims a million by a million pixels is refused before anything is allocated")
  func impossiblePNGSize() throws {
    let folder = try TextureFolder()
    let path = folder.path + "/huge.png"
    try Data(Self.pngHeaderOnly(width: 1_000_000, height: 1_000_000)).write(to: URL(fileURLWithPath: path))
    #expect(throws: PNGError.invalidImage(
      path: path, reason: "its header claims 1000000×1000000 pixels, more than a PNG file of 57 bytes can hold")) {
      try RGB8Image.readPNG(from: path)
    }
  }

  /// A PNG file with an IHDR for `width` × `height` 8-bit RGB and no image data.
  static func pngHeaderOnly(width: UInt32, height: UInt32) -> [UInt8] {
    func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
      let typed = Array(type.utf8) + data
      return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }
    let header = bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", [])
      + chunk("IEND", [])
  }

  /// The CRC-32 PNG chunks end with (polynomial 0xEDB88320, bit by bit).
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  func textureScene(file: String) throws -> String {
    floorScene(albedo: 0.5, emitters: [pointEmitter(intensity: 1, height: 1)])
      .replacingOccurrences(of: #""materials""#, with: #""textures": [{ "name": "t", "type": "image", "file": "\#(file)" }], "materials""#)
      .replacingOccurrences(of: #""diffuse": [0.5, 0.5, 0.5]"#, with: #""diffuse": "t""#)
  }

  /// The error loading `json` as `scene.json` in `folder` gives, as text.
  func loadError(_ json: String, in folder: TextureFolder) -> String {
    do {
      _ = try SceneLoader.parse(json, fileName: "scene.json", directory: folder.path)
      return "no error"
    } catch {
      return error.description
    }
  }
}
