import ArgumentParser
import Foundation
import PathTracer

/// The command line: `tracer render` (the default: `tracer SCENE` renders it)
/// and `tracer merge`, which joins render parts.
@main
struct Tracer: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tracer",
    abstract: "Render a scene in tray_rust's JSON format with a path tracer that allocates from one arena per pixel.",
    discussion: """
      `tracer SCENE` is `tracer render SCENE`. A render can be split into parts that any job \
      scheduler runs: `tracer render SCENE --part K/N -o part-K.exr` for K = 1…N, then \
      `tracer merge part-*.exr -o out.png`.
      """,
    subcommands: [RenderCommand.self, MergeCommand.self],
    defaultSubcommand: RenderCommand.self)
}

/// `WIDTHxHEIGHT`, e.g. `640x480`.
struct Resolution: ExpressibleByArgument {
  var width: Int
  var height: Int

  init?(argument: String) {
    let parts = argument.lowercased().split(separator: "x")
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else { return nil }
    width = w
    height = h
  }
}

extension ExitCode {
  /// Exit status 1, after printing `message` to standard error.
  static func failure(printing message: String) -> ExitCode {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return ExitCode.failure
  }
}

extension ScratchMemory: ExpressibleByArgument {}

extension RenderPart: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
}
