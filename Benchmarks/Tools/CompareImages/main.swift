// compare-images REFERENCE IMAGE...
//
// How far each IMAGE is from REFERENCE (PNG files of one size, as the tracer
// writes them), over all pixels and channels: the root-mean-square error and
// the mean difference of their linear values (the PNGs' sRGB bytes decoded, so
// errors are in the units light adds up in), and the root-mean-square error of
// the sRGB values themselves (closer to what the eye sees: an error in a dark
// pixel counts for more). Values above 1 were clipped when the images were
// written, in the reference as in the others.
import Foundation
import PathTracer

/// The image's sRGB values in [0, 1], as stored.
func encodedValues(_ path: String) throws -> (values: [Float], width: Int, height: Int) {
  let image = try RGB8Image.readPNG(from: path)
  return (image.pixels.map { Float($0) / 255 }, image.width, image.height)
}

/// Root-mean-square and mean of `image - reference`, element by element.
func errors(_ image: [Float], _ reference: [Float]) -> (rmse: Double, meanDifference: Double) {
  var squares = 0.0, differences = 0.0
  for (value, expected) in zip(image, reference) {
    let difference = Double(value - expected)
    squares += difference * difference
    differences += difference
  }
  let count = Double(reference.count)
  return ((squares / count).squareRoot(), differences / count)
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let referencePath = arguments.first else {
  FileHandle.standardError.write(Data("usage: compare-images REFERENCE IMAGE...\n".utf8))
  exit(2)
}
do {
  let reference = try encodedValues(referencePath)
  let referenceLinear = reference.values.map(SRGB.decode)
  for path in arguments.dropFirst() {
    let image = try encodedValues(path)
    guard image.width == reference.width, image.height == reference.height else {
      FileHandle.standardError.write(Data("\(path): \(image.width)x\(image.height), but the reference is \(reference.width)x\(reference.height)\n".utf8))
      exit(1)
    }
    let linear = errors(image.values.map(SRGB.decode), referenceLinear)
    let encoded = errors(image.values, reference.values)
    print(String(format: "%@: RMSE %.4f, mean difference %+.4f (linear); RMSE %.4f (sRGB)",
                 path, linear.rmse, linear.meanDifference, encoded.rmse))
  }
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
