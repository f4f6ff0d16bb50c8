import Foundation
import Testing

/// The compiler, not the program, rejects references that would outlive their
/// scope. These tests type-check small client programs against the built
/// LightArena module with `swiftc` and check which ones it refuses.
@Suite("References cannot escape their scope (compile-time checks)")
struct LifetimeCompileTests {
  /// The folder of the test executable holds `Modules/LightArena.swiftmodule`.
  static let modulesFolder: String = {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
    // On Linux the test executable is `<build>/<Package>PackageTests.xctest`.
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Modules/LightArena.swiftmodule").path),
          folder.path != "/" {
      folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("Modules").path
  }()

  /// Compiles `source` as a client of LightArena as far as SIL, where lifetime
  /// diagnostics run (`-typecheck` alone would miss them); returns the exit
  /// status and the compiler's output.
  static func typeCheck(_ source: String) throws -> (status: Int32, output: String) {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("lightarena-client-\(UUID().uuidString).swift")
    try source.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swiftc", "-emit-sil", "-o", "/dev/null", "-swift-version", "6", "-I", modulesFolder, file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  static let prelude = """
    import LightArena
    var arena = MemoryArena()

    """

  @Test("correct use type-checks (the control case)")
  func correctUse() throws {
    let result = try Self.typeCheck(Self.prelude + """
      let total = arena.withAllocator { alloc in
        let values = alloc.allocateArray(count: 4) { Float($0) }
        let one = alloc.allocate(Float(1))
        return alloc.withScope { inner in
          let scratch = inner.allocate(values[3])
          return scratch.value + one.value
        }
      }
      print(total)
      """)
    #expect(result.status == 0, "\(result.output)")
  }

  @Test("the README's 20-line example compiles")
  func readmeExample() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../README.md").standardized
    let text = try String(contentsOf: readme, encoding: .utf8)
    let start = try #require(text.range(of: "```swift\nimport LightArena"))
    let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
    let example = String(text[text.index(start.lowerBound, offsetBy: "```swift\n".count)..<end.lowerBound])
    let result = try Self.typeCheck(example)
    #expect(result.status == 0, "\(result.output)")
  }

  @Test("rejected: code that lets an arena reference outlive its scope",
        arguments: [
          ("returning a reference from the scope", """
            let escaped = arena.withAllocator { alloc in
              let reference = alloc.allocate(1)
              return reference
            }
            print(escaped.value)
            """),
          ("storing a reference in an outer variable", """
            func f(_ arena: inout MemoryArena, _ seed: ArenaRef<Int>) {
              var outside = seed
              arena.withAllocator { alloc in outside = alloc.allocate(2) }
              print(outside.value)
            }
            """),
          ("keeping a reference in a class", """
            final class Cache { var values: ArenaArray<Int>? }
            """),
          ("capturing the allocator in an escaping closure", """
            var later: (() -> Void)? = nil
            arena.withAllocator { alloc in
              later = { _ = alloc.allocate(1) }
            }
            """),
          ("returning an array from a nested scope", """
            arena.withAllocator { alloc in
              let inner = alloc.withScope { inner in
                let values = inner.allocateArray(repeating: 0, count: 4)
                return values
              }
              print(inner.count)
            }
            """),
        ])
  func escapeIsRejected(description: String, body: String) throws {
    let result = try Self.typeCheck(Self.prelude + body)
    #expect(result.status != 0, "\(description) compiled")
    #expect(result.output.contains("escapes its scope") || result.output.contains("Escapable"),
            "\(result.output)")
  }
}
