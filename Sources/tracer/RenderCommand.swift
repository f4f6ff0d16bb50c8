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

  @Option(help: "The first frame to render (from 0), overriding the scene's film.start_frame.")
  var startFrame: Int?

  @Option(help: "The last frame to render (inclusive), overriding the scene's film.end_frame.")
  var endFrame: Int?

  @Option(help: ArgumentHelp(
    "Render one instant of the scene, at this time in seconds, instead of its frames.",
    discussion: "A still of an animated scene; the output is named as for one frame."))
  var time: Float?

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
    if let time {
      guard time.isFinite else { throw ValidationError("--time must be a finite number") }
      guard startFrame == nil, endFrame == nil else {
        throw ValidationError("--time renders one instant: it cannot be given with --start-frame or --end-frame")
      }
    }
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
    let baseOptions = RenderOptions(threads: threads, seed: seed, scratchMemory: scratchMemory)

    // What to render: the frames in range (each over its shutter interval,
    // for motion blur), or the one instant --time names.
    let frames: [(number: Int?, shutter: ClosedRange<Float>)]
    do throws(FrameTimingError) {
      let timing = film.timing
      let range = try FrameTiming(frames: timing.frames, sceneTime: timing.sceneTime,
                                  startFrame: startFrame ?? timing.startFrame,
                                  endFrame: endFrame ?? (startFrame.map { max($0, timing.endFrame) } ?? timing.endFrame),
                                  shutterSize: timing.shutterSize)
      film.timing = range
      frames = time.map { [(nil, $0...$0)] } ?? range.frameRange.map { ($0, range.shutterInterval($0)) }
    } catch {
      let flag = error.field == .startFrame ? "--start-frame" : error.field == .endFrame ? "--end-frame" : error.field.rawValue
      throw ExitCode.failure(printing: "error: \(flag): \(error.problem)")
    }

    // Everything that can be known before rendering is checked before it:
    // what the run needs against the limits and the machine's memory, and
    // that every output can be written in a format that takes the image's size.
    let naming: FrameOutputNaming
    let destinations: [ImageOutput]
    do {
      try RenderLimits.check(scene, film: film, options: baseOptions)
      if let early = frames.first(where: { $0.number.map { scene.camera(forFrame: $0, of: film.timing) == nil } ?? false }) {
        throw ValidationError("no camera of the scene's \"cameras\" is active at frame \(early.number!)")
      }
      naming = try FrameOutputNaming(
        output: output ?? Self.defaultOutput(for: self.scene, part: part), frameCount: frames.count,
        defaultExtension: part == nil ? "png" : "exr")
      destinations = try frames.map { frame throws in
        let destination = try ImageOutput(path: naming.path(forFrame: frame.number))
        try destination.check(width: film.width, height: film.height)
        if part != nil, destination.format != .exr || destination.destination == .standardOutput {
          throw ValidationError("--part writes OpenEXR part files: -o must name an .exr file, not \(destination.requestedPath)")
        }
        return destination
      }
    } catch {
      throw ExitCode.failure(printing: "error: \(error)")
    }
    let sceneFile = part == nil ? [] : (try? SceneFile.readBytes(atPath: self.scene)) ?? []
    let interruption = Interruption()
    let progress = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) != 0)

    // One set of threads and arenas for every frame.
    let workers = RenderWorkers(threads: baseOptions.threads)
    for (index, (frame, destination)) in zip(frames, destinations).enumerated() {
      var options = baseOptions
      options.shutter = frame.shutter
      options.frame = frame.number
      let identity = RenderIdentity(sceneFile: sceneFile, film: film, options: options)
      let label = frames.count > 1 ? "frame \(frame.number!) (\(index + 1) of \(frames.count)) " : ""
      if skipExisting, case .file(let path, _) = destination.destination,
         let kept = Self.existingOutput(at: path, format: destination.format, film: film, part: part, identity: identity)
      {
        if !quiet { FileHandle.standardError.write(Data("\(label)\(destination.requestedPath): \(kept), skipped\n".utf8)) }
        continue
      }
      progress.label = label
      let report: RenderReport
      do {
        report = try render(scene, film: film, options: options, identity: identity, to: destination,
                            on: workers, temporaryFiles: interruption.temporaryFiles, progress: progress)
      } catch {
        throw ExitCode.failure(printing: "error: \(error)")
      }
      if !quiet {
        let summary = String(
          format: "%@%@: %dx%d%@, %@, %.2f s, %.2f M samples/s, arena peak %d bytes/pixel in %d block(s), %d dropped sample(s)",
          label, destination.requestedPath, film.width, film.height, part.map { " part \($0)" } ?? "",
          SamplerOptions.summary(of: report, film: film), report.seconds, report.samplesPerSecond / 1e6,
          report.arenaPeakBytesPerPixel, report.arenaBlocks, report.droppedSamples)
        FileHandle.standardError.write(Data((summary + "\n").utf8))
      }
    }
  }

  /// Renders one instant (the whole image, or the part asked for) and writes it.
  func render(_ scene: Scene, film: FilmDescription, options: RenderOptions, identity: RenderIdentity,
              to destination: ImageOutput, on workers: RenderWorkers, temporaryFiles: TemporaryFiles,
              progress: ProgressBar) throws -> RenderReport {
    if let part {
      // A part: its tiles' buffers and the render's identity, for `tracer merge`.
      let (partImage, report) = Renderer.renderTiles(scene, film: film, options: options, part: part, on: workers,
                                                     progress: { progress.update($0) }) { film, report in
        (RenderPartFile.image(of: film, part: part, identity: identity), report)
      }
      progress.finish()
      guard case .file(let path, let mode) = destination.destination else { fatalError("checked before rendering") }
      try partImage.write(to: path, mode: mode, temporaryFiles: temporaryFiles)
      return report
    }
    let (image, report) = Renderer.render(scene, film: film, options: options, on: workers) { progress.update($0) }
    progress.finish()
    try destination.write(linear: image, width: film.width, height: film.height,
                          pixelType: half ? .half : .float, temporaryFiles: temporaryFiles)
    return report
  }

  /// Why the file at `path` already is the output asked for (for
  /// `--skip-existing`), or `nil` when it is missing or is not: it must read
  /// back in its format at the film's size, and a part must be the same part
  /// of the same render.
  static func existingOutput(at path: String, format: ImageOutput.Format, film: FilmDescription, part: RenderPart?,
                             identity: RenderIdentity) -> String? {
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
      guard let image = try? EXRImage.read(from: path),
            image.attributes[RenderPartFile.partAttribute] == part.description,
            RenderIdentity.keysMatch(image.attributes, identity)
      else { return nil }
      return "part \(part) of this render exists"
    }
  }

  /// The scene's name with `.png`, or `-part-K-of-N.exr` for a part (with
  /// the frame number before the extension when there are several frames).
  static func defaultOutput(for scenePath: String, part: RenderPart?) -> String {
    let stem = FilePathComponents(scenePath).stem
    return part.map { "\(stem)-part-\($0.index)-of-\($0.count).exr" } ?? stem + ".png"
  }
}

