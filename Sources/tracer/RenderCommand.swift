import ArgumentParser
import Foundation
import PathTracer

/// `tracer render` (the default subcommand): read a scene, render it or one
/// part of it, write the image.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Render a scene in tray_rust's JSON format, or one part of it (--part K/N).",
    discussion: """
      The image is written as an 8-bit sRGB PNG or, for an .exr output, as linear OpenEXR. Rendering is deterministic: the same \
      scene, settings and --seed give the same image whatever the number of threads.

      Example:
        tracer scenes/cornell.json -o cornell.png --spp 64 --threads 2
      """)

  @Argument(help: "The scene file (tray_rust JSON format).")
  var scene: String

  @Option(name: .shortAndLong, help: ArgumentHelp(
    "The image to write: .png (8-bit sRGB) or .exr (linear RGB floats), or - for a PNG on standard output. Default: the scene's name with .png, in the current folder.",
    discussion: "A symlink is followed and its target replaced; anything but a regular file (a device, a FIFO) is refused."))
  var output: String?

  @Flag(help: "Write an .exr output as 16-bit half floats rather than 32-bit floats.")
  var half = false

  @Option(help: ArgumentHelp(
    "Render only part K of N (K from 1 to N) and write it as an .exr part file, for `tracer merge`.",
    discussion: "Part K takes every N-th tile from tile K - 1 on; the merged parts are the one-process image, bit for bit.",
    valueName: "K/N"))
  var part: RenderPart?

  @Option(help: "Worker threads. Default: one per core.")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Samples per pixel, overriding the scene's film.samples.")
  var spp: Int?

  @Option(help: "Image size as WIDTHxHEIGHT, overriding the scene's film.width and film.height.")
  var resolution: Resolution?

  @Option(help: "Seed for the random numbers.")
  var seed: UInt64 = 0

  @Option(help: "The scene time of the frame, which animated textures show.")
  var time: Float = 0

  @Option(help: ArgumentHelp(
    "Where pixels keep samples and BSDFs: arena (the default) or heap.",
    discussion: "heap makes the same data as Swift arrays and [any BxDF] existentials, to measure what the arena saves."))
  var scratchMemory: ScratchMemory = .arena

  @OptionGroup(title: "Sampler")
  var samplerOptions: SamplerOptions

  @Flag(help: ArgumentHelp(
    "Do nothing when the output already exists and reads back as this render's image (or part).",
    discussion: "For reruns after preemption: an output of the right size (a part: of this render and part) is kept; anything else is rendered again."))
  var skipExisting = false

  @Flag(name: .shortAndLong, help: "Print nothing but errors.")
  var quiet = false

  func validate() throws {
    guard (1...RenderLimits.maximumThreads).contains(threads) else {
      throw ValidationError("--threads must be from 1 to \(RenderLimits.maximumThreads)")
    }
    if let spp, spp <= 0 { throw ValidationError("--spp must be at least 1") }
    guard time.isFinite else { throw ValidationError("--time must be a finite number") }
  }

  func run() throws {
    let scene: Scene
    do {
      scene = try SceneLoader.load(path: self.scene)
    } catch {
      throw ExitCode.failure(printing: "error: \(error)")
    }
    // The film the scene asks for, as the command line changes it.
    var film = scene.film
    if let spp { film.samplesPerPixel = spp }
    try samplerOptions.apply(to: &film)
    if let resolution {
      film.width = resolution.width
      film.height = resolution.height
    }
    let options = RenderOptions(threads: threads, seed: seed, scratchMemory: scratchMemory, time: time)
    let part = self.part ?? .whole
    let outputPath = output ?? Self.defaultOutput(for: self.scene, part: self.part)

    // Everything that can be known before rendering is checked before it:
    // what the run needs against the limits and the machine's memory, and
    // that the output can be written in a format that takes the image's size.
    let destination: ImageOutput
    do {
      try RenderLimits.check(scene, film: film, options: options)
      destination = try ImageOutput(path: outputPath)
      try destination.check(width: film.width, height: film.height)
      if self.part != nil, destination.format != .exr || destination.destination == .standardOutput {
        throw ValidationError("--part writes an OpenEXR part file: -o must name an .exr file, not \(outputPath)")
      }
    } catch {
      throw ExitCode.failure(printing: "error: \(error)")
    }
    if skipExisting, case .file(let path, _) = destination.destination,
       let kept = Self.existingOutput(at: path, format: destination.format, film: film, part: self.part,
                                      identity: { RenderIdentity(sceneFile: try SceneFile.readBytes(atPath: self.scene),
                                                                 film: film, options: options) })
    {
      if !quiet { FileHandle.standardError.write(Data("\(outputPath): \(kept), skipped\n".utf8)) }
      return
    }
    let interruption = Interruption()

    let progress = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) != 0)
    let report: RenderReport
    do {
      if let part = self.part {
        // A part: its tiles' buffers and the render's identity, for `tracer merge`.
        let identity = RenderIdentity(sceneFile: try SceneFile.readBytes(atPath: self.scene), film: film, options: options)
        let (partImage, partReport) = Renderer.renderTiles(scene, film: film, options: options, part: part,
                                                           progress: { progress.update($0) }) { film, report in
          (RenderPartFile.image(of: film, part: part, identity: identity), report)
        }
        progress.finish()
        guard case .file(let path, let mode) = destination.destination else { fatalError("checked above") }
        try partImage.write(to: path, mode: mode, temporaryFiles: interruption.temporaryFiles)
        report = partReport
      } else {
        let (image, imageReport) = Renderer.render(scene, film: film, options: options) { progress.update($0) }
        progress.finish()
        try destination.write(linear: image, width: film.width, height: film.height,
                              pixelType: half ? .half : .float, temporaryFiles: interruption.temporaryFiles)
        report = imageReport
      }
    } catch {
      throw ExitCode.failure(printing: "error: \(error)")
    }
    if !quiet {
      let summary = String(
        format: "%@: %dx%d%@, %@, %.2f s, %.2f M samples/s, arena peak %d bytes/pixel in %d block(s), %d dropped sample(s)",
        outputPath, film.width, film.height, self.part.map { " part \($0)" } ?? "", SamplerOptions.summary(of: report, film: film), report.seconds,
        report.samplesPerSecond / 1e6, report.arenaPeakBytesPerPixel, report.arenaBlocks, report.droppedSamples)
      FileHandle.standardError.write(Data((summary + "\n").utf8))
    }
  }

  /// Why the file at `path` already is the output asked for (for
  /// `--skip-existing`), or `nil` when it is missing or is not: it must read
  /// back in its format at the film's size, and a part must be the same part
  /// of the same render.
  static func existingOutput(at path: String, format: ImageOutput.Format, film: FilmDescription, part: RenderPart?,
                             identity: () throws -> RenderIdentity) -> String? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    switch (format, part) {
    case (.png, _):
      guard let image = try? RGB8Image.readPNG(from: path), image.width == film.width, image.height == film.height
      else { return nil }
      return "a valid \(film.width)x\(film.height) PNG exists"
    case (.exr, nil):
      guard let image = try? EXRImage.read(from: path), image.width == film.width, image.height == film.height,
            image.attributes[RenderPartFile.partAttribute] == nil
      else { return nil }
      return "a valid \(film.width)x\(film.height) OpenEXR image exists"
    case (.exr, let part?):
      guard let image = try? EXRImage.read(from: path), let identity = try? identity(),
            image.attributes[RenderPartFile.partAttribute] == part.description,
            RenderIdentity.keysMatch(image.attributes, identity)
      else { return nil }
      return "part \(part) of this render exists"
    }
  }

  /// The scene's name with `.png`, or `-part-K-of-N.exr` for a part.
  static func defaultOutput(for scenePath: String, part: RenderPart?) -> String {
    let stem = FilePathComponents(scenePath).stem
    return part.map { "\(stem)-part-\($0.index)-of-\($0.count).exr" } ?? stem + ".png"
  }
}

