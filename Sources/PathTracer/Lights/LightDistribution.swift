/// Chooses one light per path vertex, each with probability proportional to
/// its power, and reports that probability so the estimate can divide by it
/// (which tray_rust forgets, making scenes with several lights too dark).
public struct LightDistribution: Sendable {
  /// `probabilities[i]`: the chance of choosing light `i`.
  public let probabilities: [Float]
  /// Running sums of `probabilities`, clamped to 1, and exactly 1 from the
  /// last light of nonzero probability on.
  let cumulative: [Float]
  /// The last light of nonzero probability: no sample chooses a light after it.
  /// 0 when there are no lights.
  let lastLikely: Int

  /// Chooses among `lights` in proportion to their ``Light/power``. O(n).
  public init(lights: [Light]) {
    self.init(powers: lights.map(\.power))
  }

  /// Chooses light `i` in proportion to `powers[i]`; negative powers count as 0,
  /// and if no power is positive and finite every light is equally likely. O(n).
  /// A scene with animated lights passes their power averaged over the
  /// frame's shutter (``LightAnimation/averagePower(over:)``), so a light
  /// that emits at any time in the shutter has a nonzero probability.
  public init(powers: [Float]) {
    var powers = powers.map { max($0, 0) }
    let total = powers.reduce(0, +)
    if total <= 0 || !total.isFinite {
      powers = Array(repeating: 1, count: powers.count)  // all dark: choose uniformly
    }
    let sum = powers.reduce(0, +)
    let probabilities = powers.map { $0 / sum }
    let lastLikely = probabilities.lastIndex { $0 > 0 } ?? 0
    self.probabilities = probabilities
    self.lastLikely = lastLikely
    // Rounded, the running sum may end just below 1 (at 1.nextDown for powers
    // [1, 0.7, 0]): a u beyond it would fall on the dark lights at the end.
    // Ending the sums at exactly 1 closes that gap; clamping keeps them
    // non-decreasing when they overshoot. A dark light adds exactly 0, so its
    // sum equals its predecessor's and the search below never stops on it.
    var running: Float = 0
    cumulative = probabilities.indices.map { index in
      running += probabilities[index]
      return index >= lastLikely ? 1 : min(running, 1)
    }
  }

  /// The light chosen by the uniform sample `u` in [0, 1), and its
  /// probability, which is never 0; `nil` only when there are no lights.
  /// A `u` outside [0, 1) (or NaN) still gives a light of nonzero probability.
  /// O(log n).
  public func choose(_ u: Float) -> (index: Int, probability: Float)? {
    guard !cumulative.isEmpty else { return nil }
    let u = max(u, 0)  // a negative u would otherwise pick light 0 even if it is dark
    // The first light whose running sum exceeds u. Searching no further than
    // `lastLikely` also sends u ≥ 1 and NaN (which exceeds nothing) there.
    var low = 0, high = lastLikely
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] > u { high = middle } else { low = middle + 1 }
    }
    return (low, probabilities[low])
  }
}
