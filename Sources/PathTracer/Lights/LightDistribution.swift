/// Chooses one light per path vertex, each with probability proportional to
/// its power, and reports that probability so the estimate can divide by it
/// (which tray_rust forgets, making scenes with several lights too dark).
public struct LightDistribution: Sendable {
  /// `probabilities[i]`: the chance of choosing light `i`.
  public let probabilities: [Float]
  /// Running sums of `probabilities`, ending at 1.
  let cumulative: [Float]

  public init(lights: [Light]) {
    var powers = lights.map { max($0.power, 0) }
    let total = powers.reduce(0, +)
    if total <= 0 || !total.isFinite {
      powers = Array(repeating: 1, count: lights.count)  // all dark: choose uniformly
    }
    let sum = powers.reduce(0, +)
    probabilities = powers.map { $0 / sum }
    var running: Float = 0
    cumulative = probabilities.map { running += $0; return running }
  }

  /// The light chosen by the uniform sample `u`, and its probability. O(log n).
  public func choose(_ u: Float) -> (index: Int, probability: Float)? {
    guard !cumulative.isEmpty else { return nil }
    var low = 0, high = cumulative.count - 1
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] > u { high = middle } else { low = middle + 1 }
    }
    // Skip lights of zero probability that a sample exactly on a boundary could pick.
    while probabilities[low] == 0 && low + 1 < probabilities.count { low += 1 }
    return (low, probabilities[low])
  }
}
