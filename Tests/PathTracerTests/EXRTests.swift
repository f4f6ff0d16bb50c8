import Foundation
import Testing
import CEXR
@testable import PathTracer

/// OpenEXR output through OpenEXR's C API (issue 10, item 1).
@Suite("OpenEXR files")
struct EXRTests {
  /// An image whose values are all different, over a range PNG cannot hold,
  /// tall enough to take several of OpenEXR's ZIP chunks (16 rows each).
  static func sample(width: Int = 7, height: Int = 37, channels: [String] = ["R", "G", "B"]) -> EXRImage {
    var image = EXRImage(width: width, height: height, channels: channels)
    for index in image.pixels.indices { image.pixels[index] = Float(index) * 0.37 - 20 + 1e-3 * Float(index % 7) }
    return image
  }

  @Test("floats written and read back are the same bits, channels and string attributes included")
  func roundTrip() throws {
    let folder = try TextureFolder()
    var image = Self.sample(channels: ["R", "G", "B", "W"])
    image.attributes = ["tracer.scene": "cornell.json", "tracer.part": "2/7"]
    try image.write(to: folder.path + "/a.exr")
    let read = try EXRImage.read(from: folder.path + "/a.exr")
    #expect(read.width == image.width && read.height == image.height)
    #expect(read.channels.sorted() == image.channels.sorted())
    for channel in image.channels {
      let (a, b) = (image.channelIndex(channel)!, read.channelIndex(channel)!)
      for y in 0..<image.height {
        for x in 0..<image.width {
          #expect(read[x, y, b].bitPattern == image[x, y, a].bitPattern)
        }
      }
    }
    #expect(read.attributes == image.attributes)  // the part's own name and type are not the image's
    // An image read back can be written again.
    #expect(try EXRImage.decode(try read.encoded(name: "b.exr"), path: "b.exr").holdsTheSameValues(as: image))
  }

  @Test("half floats keep about three digits")
  func half() throws {
    let image = Self.sample()
    let read = try EXRImage.decode(try image.encoded(as: .half, name: "h.exr"), path: "h.exr")
    let full = try image.encoded(as: .float, name: "f.exr")
    let halved = try image.encoded(as: .half, name: "h.exr")
    #expect(halved.count < full.count)
    for (index, value) in image.pixels.enumerated() {
      let channel = image.channels[index % 3]
      let pixel = index / 3
      let got = read[pixel % image.width, pixel / image.width, read.channelIndex(channel)!]
      #expect(abs(got - value) <= abs(value) * 1e-3 + 1e-4)
    }
  }

  @Test("what is not an OpenEXR file, or is cut short, is an error naming the file, not a crash")
  func badFiles() throws {
    #expect(throws: EXRError.self) { try EXRImage.decode(Array("not an image".utf8), path: "x.exr") }
    let whole = try Self.sample().encoded(name: "w.exr")
    for length in [0, 4, 100, whole.count / 2, whole.count - 1] {
      let error = #expect(throws: EXRError.self) { try EXRImage.decode(Array(whole.prefix(length)), path: "cut.exr") }
      #expect(error?.path == "cut.exr")
      #expect(error?.message.isEmpty == false)
    }
    let folder = try TextureFolder()
    #expect(throws: EXRError(path: folder.path + "/none.exr", message: "cannot read: No such file or directory")) {
      try EXRImage.read(from: folder.path + "/none.exr")
    }
  }

  @Test("noisy images of every size come back exactly, where OpenEXR 3.1.5's ZIP compression alone does not")
  func noisyImages() throws {
    var state: UInt64 = 42
    func next() -> Float {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Float(state >> 40) / Float(1 << 24)
    }
    var zipFailures = 0
    for trial in 0..<300 {
      var image = EXRImage(width: 8 + Int(next() * 40), height: 8 + Int(next() * 80), channels: ["R", "G", "B", "W"])
      let noise = next()
      for i in image.pixels.indices { image.pixels[i] = (next() - 0.3) * noise + Float(i % 97) * 0.01 * (1 - noise) }
      if trial % 3 == 0 { for i in image.pixels.indices where next() < 0.2 { image.pixels[i] = 0 } }
      let back = try EXRImage.decode(try image.encoded(name: "n.exr"), path: "n.exr")
      #expect(back.holdsTheSameValues(as: image), "trial \(trial)")
      let zipped = try EXRImage.decode(try image.encoded(as: .float, compression: EXR_COMPRESSION_ZIP, name: "z.exr"),
                                       path: "z.exr")
      if !zipped.holdsTheSameValues(as: image) { zipFailures += 1 }
    }
    // Not an expectation on OpenEXR, which a fixed version may pass: a record of why the check exists.
    print("OpenEXR ZIP round trips that changed values: \(zipFailures) of 300")
  }

  @Test("a header claiming an image of 17 GB in a 1,649-byte file is refused, not allocated (found by FuzzEXR)")
  func claimedSize() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/FuzzEXR/oom-claimed-data-window.exr")
    let bytes = Array(try Data(contentsOf: file))
    #expect(bytes.count == 1649)
    let error = #expect(throws: EXRError.self) { try EXRImage.decode(bytes, path: "oom.exr") }
    #expect(error?.path == "oom.exr")
  }
}
