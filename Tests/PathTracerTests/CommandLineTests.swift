import Foundation
import Testing
@testable import PathTracer

/// Runs the `tracer` executable that `swift build` / `swift test` put next to the test bundle.
enum TracerCommand {
  static let executable: URL? = {
    guard let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    let candidate = URL(fileURLWithPath: test).deletingLastPathComponent().appendingPathComponent("tracer")
    return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
  }()

  static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, errorOutput: String) {
    let result = try runCapturingOutput(arguments, in: folder)
    return (result.status, result.errorOutput)
  }

  /// Runs the tracer and returns its exit status, standard error as text
  /// and standard output as bytes.
  static func runCapturingOutput(_ arguments: [String], in folder: URL) throws
    -> (status: Int32, errorOutput: String, output: Data)
  {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let errors = Pipe()
    let output = Pipe()
    process.standardError = errors
    process.standardOutput = output
    try process.run()
    // Standard output is read on another thread, so that neither pipe fills up and blocks the tracer.
    final class Bytes: @unchecked Sendable { var data = Data() }
    let outputBytes = Bytes()
    let done = DispatchSemaphore(value: 0)
    let reading = output.fileHandleForReading
    Thread.detachNewThread {
      outputBytes.data = reading.readDataToEndOfFile()
      done.signal()
    }
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    done.wait()
    process.waitUntilExit()
    return (process.terminationStatus, errorText, outputBytes.data)
  }
}

@Suite("The tracer command", .enabled(if: TracerCommand.executable != nil, "the tracer executable was not built"))
struct CommandLineTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracer-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  @Test("a valid scene renders to the default output name, the scene's name with .png")
  func rendersScene() throws {
    try validSceneText.write(to: folder.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
    let result = try TracerCommand.run(["tiny.json", "--threads", "2", "--quiet"], in: folder)
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tiny.png").path))
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("a bad scene exits with status 1, names the problem, and leaves an existing output untouched")
  func badScene() throws {
    let broken = validSceneText.replacingOccurrences(of: "\"radius\": 1 }", with: "\"radius\": \"5\" }")
    try broken.write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("out.png")
    try Data("previous image".utf8).write(to: output)
    let result = try TracerCommand.run(["bad.json", "-o", "out.png"], in: folder)
    #expect(result.status == 1)
    #expect(result.errorOutput.contains("bad.json: objects[0].geometry.radius: expected a number, found \"5\""),
            "\(result.errorOutput)")
    #expect(try Data(contentsOf: output) == Data("previous image".utf8))
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("a missing scene file is an error, not a crash")
  func missingScene() throws {
    let result = try TracerCommand.run(["nowhere.json"], in: folder)
    #expect(result.status == 1)
    #expect(result.errorOutput.contains("nowhere.json"), "\(result.errorOutput)")
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("-o - writes the PNG to standard output and nothing else there")
  func standardOutput() throws {
    try validSceneText.write(to: folder.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
    let result = try TracerCommand.runCapturingOutput(["tiny.json", "-o", "-", "--quiet"], in: folder)
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(result.output.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    let copy = folder.appendingPathComponent("copy.png")
    try result.output.write(to: copy)
    let image = try RGB8Image.readPNG(from: copy.path)
    #expect(image.width == 8 && image.height == 6)
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("what cannot be rendered or written is an error before rendering, with status 1 and a message",
        arguments: [
          (["-o", "out.jpg"], "out.jpg: the file name must end in .png or .exr"),
          (["-o", "missing/out.png"], "missing/out.png: the folder missing does not exist"),
          (["-o", "/dev/null"], "/dev/null: it is a character device"),
          (["--resolution", "9223372036854775807x1"], "needs more than 8.0 EiB of memory"),
          (["--resolution", "100000x100000"], "a 100000×100000 image needs "),
          (["--resolution", "1000001x1"], "larger than PNG allows"),
          (["--spp", "1000000000000"], "1000000000000 samples per pixel: the limit is 1 to 4294967295"),
          (["--threads", "100000"], "--threads must be from 1 to 4096"),
        ])
  func refusedBeforeRendering(arguments: [String], expected: String) throws {
    try validSceneText.write(to: folder.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
    let result = try TracerCommand.run(["tiny.json", "--quiet"] + arguments, in: folder)
    #expect(result.status != 0)
    #expect(result.status < 128, "ended by a signal: \(result.errorOutput)")
    #expect(result.errorOutput.contains(expected), "\(result.errorOutput)")
    #expect(!result.errorOutput.contains("Fatal error"), "\(result.errorOutput)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("tiny.png").path))
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("SIGINT during a render ends the tracer by that signal, leaving the previous output and no temporary file")
  func interrupted() throws {
    try validSceneText.write(to: folder.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
    try Data("previous".utf8).write(to: folder.appendingPathComponent("out.png"))
    let process = Process()
    process.executableURL = TracerCommand.executable
    // Far more samples than the test waits for.
    process.arguments = ["tiny.json", "-o", "out.png", "--spp", "100000000", "--threads", "1", "--quiet"]
    process.currentDirectoryURL = folder
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: 0.5)
    process.interrupt()
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGINT)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["out.png", "tiny.json"])
    #expect(try Data(contentsOf: folder.appendingPathComponent("out.png")) == Data("previous".utf8))
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("-o x.exr writes the render's linear colours: the PNG of the same render is their sRGB encoding")
  func exrOutput() throws {
    try validSceneText.write(to: folder.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
    for output in ["a.exr", "a.png"] {
      let result = try TracerCommand.run(["tiny.json", "-o", output, "--quiet", "--threads", "2"], in: folder)
      #expect(result.status == 0, "\(result.errorOutput)")
    }
    let linear = try EXRImage.read(from: folder.appendingPathComponent("a.exr").path)
    let (r, g, b) = (linear.channelIndex("R")!, linear.channelIndex("G")!, linear.channelIndex("B")!)
    var colors: [Color] = []
    for y in 0..<linear.height {
      for x in 0..<linear.width { colors.append(Color(linear[x, y, r], linear[x, y, g], linear[x, y, b])) }
    }
    #expect(colors.contains { !$0.isBlack })
    let png = try RGB8Image.readPNG(from: folder.appendingPathComponent("a.png").path)
    #expect(SRGB.image(colors, width: linear.width, height: linear.height) == png)
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("tracer render --part K/N and tracer merge give the one-process PNG, byte for byte; merge names what is wrong")
  func partsAndMerge() throws {
    try validSceneText.write(to: folder.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
    var result = try TracerCommand.run(["tiny.json", "-o", "one.png", "--quiet", "--resolution", "40x24"], in: folder)
    #expect(result.status == 0, "\(result.errorOutput)")
    for k in 1...3 {
      result = try TracerCommand.run(["render", "tiny.json", "--part", "\(k)/3", "-o", "p\(k).exr", "--quiet",
                                      "--resolution", "40x24", "--threads", "\(k)"], in: folder)
      #expect(result.status == 0, "\(result.errorOutput)")
    }
    result = try TracerCommand.run(["merge", "p2.exr", "p3.exr", "p1.exr", "-o", "merged.png"], in: folder)
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(try Data(contentsOf: folder.appendingPathComponent("merged.png"))
            == Data(contentsOf: folder.appendingPathComponent("one.png")))

    result = try TracerCommand.run(["merge", "p1.exr", "p3.exr", "-o", "bad.png"], in: folder)
    #expect(result.status == 1)
    #expect(result.errorOutput.contains("part 2 of 3 missing"), "\(result.errorOutput)")
    result = try TracerCommand.run(["merge", "p1.exr", "one.png", "-o", "bad.png"], in: folder)
    #expect(result.status == 1)
    #expect(result.errorOutput.contains("one.png"), "\(result.errorOutput)")
    result = try TracerCommand.run(["tiny.json", "--part", "1/3", "-o", "part.png"], in: folder)
    #expect(result.status == 1)
    #expect(result.errorOutput.contains("-o must name an .exr file"), "\(result.errorOutput)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.png").path))
    try? FileManager.default.removeItem(at: folder)
  }

  @Test("--skip-existing keeps a valid output of this render and renders again over anything else")
  func skipExisting() throws {
    try validSceneText.write(to: folder.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
    let image = folder.appendingPathComponent("out.png")
    func run(_ extra: [String]) throws -> (status: Int32, errorOutput: String) {
      try TracerCommand.run(["tiny.json", "-o", "out.png", "--skip-existing"] + extra, in: folder)
    }
    var result = try run([])
    #expect(result.status == 0 && !result.errorOutput.contains("skipped"), "\(result.errorOutput)")
    result = try run([])
    #expect(result.status == 0 && result.errorOutput.contains("out.png: a valid 8x6 PNG exists, skipped"), "\(result.errorOutput)")
    result = try run(["--resolution", "4x4"])  // another size: rendered again
    #expect(result.status == 0 && !result.errorOutput.contains("skipped"), "\(result.errorOutput)")
    try Data("half a PNG".utf8).write(to: image)  // damaged: rendered again
    result = try run(["--quiet"])
    #expect(result.status == 0)
    #expect(try RGB8Image.readPNG(from: image.path).width == 8)

    result = try TracerCommand.run(["tiny.json", "--part", "2/3", "-o", "p.exr", "--quiet"], in: folder)
    #expect(result.status == 0, "\(result.errorOutput)")
    result = try TracerCommand.run(["tiny.json", "--part", "2/3", "-o", "p.exr", "--skip-existing"], in: folder)
    #expect(result.errorOutput.contains("p.exr: part 2/3 of this render exists, skipped"), "\(result.errorOutput)")
    result = try TracerCommand.run(["tiny.json", "--part", "2/3", "--seed", "5", "-o", "p.exr", "--skip-existing"], in: folder)
    #expect(result.status == 0 && !result.errorOutput.contains("skipped"), "another seed is another render: \(result.errorOutput)")
    try? FileManager.default.removeItem(at: folder)
  }
}
