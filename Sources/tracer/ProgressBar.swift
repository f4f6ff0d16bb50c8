import Foundation
import PathTracer

/// A one-line progress bar on standard error: percent done, samples per second, time left.
final class ProgressBar {
  let enabled: Bool
  /// Printed before the bar, e.g. `frame 3 of 40 `.
  var label = ""
  private var lastWidth = 0

  init(enabled: Bool) {
    self.enabled = enabled
  }

  func update(_ progress: Renderer.Progress) {
    guard enabled else { return }
    let fraction = progress.fraction
    let barWidth = 30
    let filled = Int(fraction * Double(barWidth))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
    let rate = Double(progress.completedSamples) / max(progress.elapsedSeconds, 1e-9)
    let remaining = fraction > 0 ? progress.elapsedSeconds * (1 - fraction) / fraction : 0
    let line = String(format: "\r%@[%@] %5.1f%%  %.2f M samples/s  ETA %.0f s", label, bar, fraction * 100, rate / 1e6, remaining)
    lastWidth = line.count
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish() {
    guard enabled, lastWidth > 0 else { return }
    FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: lastWidth) + "\r").utf8))
  }
}
