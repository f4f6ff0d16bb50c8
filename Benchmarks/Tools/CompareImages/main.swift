// compare-images REFERENCE IMAGE...
//
// How far each IMAGE is from REFERENCE (PNG files of one size, as the tracer
// writes them): the root-mean-square error and the mean difference of their
// linear values, over all pixels and channels. The PNGs' sRGB bytes are decoded
// to linear first, so errors are in the units light adds up in. Values above 1
// were clipped when the images were written, in the reference as in the others.
import Foundation
import PathTracer

func linearValues(_ path: String) throws -> (values: [Float], width: Int, height: Int) {
  let image = try RGB8Image.readPNG(from: path)
  return (image.pixels.map { SRGB.decode(Float($0) / 255) }, image.width, image.height)
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let referencePath = arguments.first else {
  FileHandle.standardError.write(Data("usage: compare-images REFERENCE IMAGE...\n".utf8))
  exit(2)
}
do {
  let reference = try linearValues(referencePath)
  for path in arguments.dropFirst() {
    let image = try linearValues(path)
    guard image.width == reference.width, image.height == reference.height else {
      FileHandle.standardError.write(Data("\(path): \(image.width)x\(image.height), but the reference is \(reference.width)x\(reference.height)\n".utf8))
      exit(1)
    }
    var squares = 0.0, differences = 0.0
    for (value, expected) in zip(image.values, reference.values) {
      let difference = Double(value - expected)
      squares += difference * difference
      differences += difference
    }
    let count = Double(reference.values.count)
    print(String(format: "%@: RMSE %.4f, mean difference %+.4f", path, (squares / count).squareRoot(), differences / count))
  }
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
