import ArgumentParser
import Foundation
import PathTracer

/// `tracer merge`: joins the parts of one render into its image.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Join the parts of a render (written with `tracer render --part K/N`) into its image.",
    discussion: """
      Every part of the render must be given once. The merged image is the one a single \\
      process renders, bit for bit, whatever the number of parts and the threads each used.
      """)

  @Argument(help: "The part files (.exr), in any order.")
  var parts: [String]

  @Option(name: .shortAndLong, help: "The image to write: .png or .exr, or - for a PNG on standard output.")
  var output: String

  @Flag(help: "Write an .exr output as 16-bit half floats rather than 32-bit floats.")
  var half = false

  func validate() throws {
    guard !parts.isEmpty else { throw ValidationError("give the part files to merge") }
  }

  func run() throws {
    do {
      let destination = try ImageOutput(path: output)
      let files = try parts.map { path throws(EXRError) in (path: path, image: try EXRImage.read(from: path)) }
      let merged = try RenderPartFile.merge(files)
      try destination.check(width: merged.width, height: merged.height)
      let interruption = Interruption()
      try destination.write(linear: merged.image, width: merged.width, height: merged.height,
                            pixelType: half ? .half : .float, temporaryFiles: interruption.temporaryFiles)
    } catch {
      throw ExitCode.failure(printing: "error: \(error)")
    }
  }
}
