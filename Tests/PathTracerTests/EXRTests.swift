import Foundation
import Testing
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
    #expect(read.attributes["tracer.scene"] == "cornell.json")
    #expect(read.attributes["tracer.part"] == "2/7")
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
}
