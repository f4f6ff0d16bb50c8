import Foundation
import Testing

/// Runs the `tracer` executable that `swift build` / `swift test` put next to the test bundle.
enum TracerCommand {
  static let executable: URL? = {
    guard let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    let candidate = URL(fileURLWithPath: test).deletingLastPathComponent().appendingPathComponent("tracer")
    return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
  }()

  static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, errorOutput: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardError = pipe
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
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
}
