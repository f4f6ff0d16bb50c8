import ArgumentParser
import Foundation

/// Where each frame's image goes, from `-o`, as tray_rust names them:
///
/// - one frame: the path as given (`-o out.png`);
/// - several frames: the frame number in five digits before the extension
///   (`-o out.png` writes `out00300.png`, …);
/// - `-o` naming a folder, or a new path without an extension: `frame00300.png`
///   files in that folder (created if it is missing, one level).
struct FrameOutputNaming {
  /// The path for a single frame, or the pattern's folder and name parts.
  private let folder: String?
  private let stem: String
  private let fileExtension: String
  private let single: String?

  init(output: String, frameCount: Int, defaultExtension: String) throws {
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
    let name = (output as NSString).lastPathComponent
    // A folder: one that exists, or a new path ending in / or without an extension.
    if output != "-", exists ? isFolder.boolValue : output.hasSuffix("/") || !name.contains(".") {
      // A folder of frameNNNNN files.
      if !exists {
        do {
          try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        } catch {
          throw ValidationError("\(output): cannot create the folder for the frames: \(error.localizedDescription)")
        }
      }
      folder = output
      stem = "frame"
      fileExtension = defaultExtension
      single = nil
    } else if frameCount == 1 {
      folder = nil
      stem = ""
      fileExtension = ""
      single = output
    } else {
      guard output != "-" else { throw ValidationError("-o - writes one image: render one frame (--start-frame N --end-frame N)") }
      folder = nil
      let dot = output.lastIndex(of: ".")!
      stem = String(output[..<dot])
      fileExtension = String(output[output.index(after: dot)...])
      single = nil
    }
  }

  /// The output path of frame `number` (`nil`: the only instant, `--time`).
  func path(forFrame number: Int?) -> String {
    if let single { return single }
    let digits = String(format: "%05d", number ?? 0)
    if let folder {
      return (folder as NSString).appendingPathComponent("\(stem)\(digits).\(fileExtension)")
    }
    return "\(stem)\(digits).\(fileExtension)"
  }
}
