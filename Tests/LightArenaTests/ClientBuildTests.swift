import Foundation
import Testing

/// Misuse stops the program *with its message* in a release build too.
///
/// The standard library's `precondition`, inlined into optimized code, stops
/// the program without a word ("Illegal instruction"). LightArena's checks
/// call a non-inlined failure function instead. To see what a user of a
/// release build sees, this suite compiles LightArena's sources and a small
/// client with `swiftc -O` (as `swift build -c release` builds a package and
/// its dependencies), runs the client on each kind of misuse and reads its
/// standard error.
@Suite("Release builds of a client print why they stopped")
struct ClientBuildTests {
  static let client = #"""
    import LightArena
    protocol Shape: BitwiseCopyable { func area() -> Float }
    struct Circle: Shape { var radius: Float; func area() -> Float { 3 * radius * radius } }
    struct Dot: Shape { func area() -> Float { 0 } }

    // The index comes from the command line so that the optimizer cannot see the misuse.
    let offset = CommandLine.arguments.count - 2
    var arena = MemoryArena(blockSize: 1024, budget: 1024)
    arena.withAllocator { alloc in
      switch CommandLine.arguments[1] {
      case "poisoning":
        print("poisons by default: \(MemoryArena().poisonsReleasedMemory)")
      case "outer allocator":
        let alias = alloc
        alloc.withScope { _ in _ = alias.allocate(1) }
      case "array index":
        let values = alloc.allocateArray(repeating: 0, count: 4)
        print(values[4 + offset])
      case "existential index":
        var shapes = alloc.makeExistentialArray(capacity: 2, of: (any Shape.Type).self)
        shapes.append(Dot()) { $0 }
        print(shapes[1 + offset].metatype)
      case "full existential array":
        var shapes = alloc.makeExistentialArray(capacity: 1 + offset, of: (any Shape.Type).self)
        shapes.append(Dot()) { $0 }
        shapes.append(Dot()) { $0 }
      case "wrong metatype":
        let types: [any Shape.Type] = [Circle.self, Dot.self]
        _ = alloc.allocate(Circle(radius: 1)) { _ in types[1 + offset] }
      case "wrong load":
        let shape = alloc.allocate(Circle(radius: 1)) { $0 as any Shape.Type }
        print(shape.load(as: Dot.self))
      case "budget":
        _ = alloc.allocateBytes(byteCount: 2048 + offset, alignment: 8)
      default:
        print("unknown case")
      }
    }
    """#

  /// Builds LightArena and the client with `-O`, as `swift build -c release` would.
  static let builtClient = build(library: "-O", client: "-O")

  /// LightArena built without optimization (a debug build of it) and the client with `-O`:
  /// how a prebuilt debug library would be used. Only the poisoning test needs it.
  static let debugLibraryReleaseClient = build(library: "-Onone", client: "-O")

  /// Compiles LightArena's sources with `library` optimization and the client
  /// with `client` optimization, in a temporary folder; returns the client's path.
  static func build(library libraryOptimization: String, client clientOptimization: String) -> Result<URL, BuildFailure> {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightarena-client-\(UUID().uuidString)")
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Sources/LightArena").standardized
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let librarySources = try FileManager.default.contentsOfDirectory(atPath: sources.path)
        .filter { $0.hasSuffix(".swift") }.map { sources.appendingPathComponent($0).path }
      let library = try run("swiftc", [libraryOptimization, "-wmo", "-parse-as-library", "-module-name", "LightArena",
                                       "-enable-experimental-feature", "Lifetimes",
                                       "-emit-module", "-emit-module-path", folder.appendingPathComponent("LightArena.swiftmodule").path,
                                       "-c", "-o", folder.appendingPathComponent("LightArena.o").path] + librarySources)
      guard library.status == 0 else { return .failure(BuildFailure(output: library.error)) }
      let clientSource = folder.appendingPathComponent("main.swift")
      try client.write(to: clientSource, atomically: true, encoding: .utf8)
      let executable = folder.appendingPathComponent("client")
      let client = try run("swiftc", [clientOptimization, "-I", folder.path, clientSource.path,
                                      folder.appendingPathComponent("LightArena.o").path, "-o", executable.path])
      guard client.status == 0 else { return .failure(BuildFailure(output: client.error)) }
      return .success(executable)
    } catch {
      return .failure(BuildFailure(output: "\(error)"))
    }
  }

  struct BuildFailure: Error, CustomStringConvertible {
    var output: String
    var description: String { output }
  }

  /// Runs `tool` (found on the `PATH`) with `arguments`; returns its status, output and error output.
  static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    // A crash report would only slow the child down; its message comes before it.
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    // Files rather than pipes: a child that fills a pipe nobody reads yet would block.
    let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("lightarena-\(UUID().uuidString).out")
    let errorFile = outputFile.appendingPathExtension("err")
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outputFile)
      try? FileManager.default.removeItem(at: errorFile)
    }
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus,
            try String(contentsOf: outputFile, encoding: .utf8),
            try String(contentsOf: errorFile, encoding: .utf8))
  }

  @Test("each kind of misuse stops a release build with its message",
        arguments: [
          ("outer allocator", "ArenaAllocator used while a nested scope is open"),
          ("array index", "ArenaArray index 4 out of range 0..<4"),
          ("existential index", "ArenaExistentialArray index 1 out of range 0..<1"),
          ("full existential array", "ArenaExistentialArray is full (capacity 1)"),
          ("wrong metatype", "does not name Circle"),
          ("wrong load", "does not name Dot"),
          ("budget", "arena budget exceeded: a request for 2048 bytes"),
        ])
  func misuseIsReported(misuse: String, message: String) throws {
    let client = try Self.builtClient.get()
    let result = try Self.run(client.path, [misuse])
    #expect(result.status != 0, "\(misuse) did not stop the program")
    #expect(result.error.contains("Fatal error: ") && result.error.contains(message), "\(result.error)")
  }

  @Test("the poisoning default follows how LightArena was compiled, not the client")
  func poisoningFollowsTheLibrary() throws {
    let client = try Self.debugLibraryReleaseClient.get()
    let result = try Self.run(client.path, ["poisoning"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("poisons by default: true"))
  }

  @Test("a release build does not poison by default")
  func noPoisoningByDefault() throws {
    let client = try Self.builtClient.get()
    let result = try Self.run(client.path, ["poisoning"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("poisons by default: false"))
  }
}
