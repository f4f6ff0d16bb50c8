/// Scrambled low-discrepancy point sets, as tray_rust's low-discrepancy sampler
/// makes them (after Kollig and Keller, "Efficient Multidimensional Sampling", 2002).
///
/// The 2D points are the first `n` points of the (0,2)-sequence: the van der
/// Corput radical inverse in x and the Sobol' generator in y. Each set is
/// randomized by XOR-ing a random 32-bit scramble into both coordinates, which
/// keeps it stratified in every elementary interval, and its order is
/// shuffled so that different dimensions of one camera sample are not correlated.
///
/// The fills can also start further along the sequence (`firstIndex`) with a
/// given scramble: the adaptive sampler's later batches continue the sequence
/// of the earlier ones (see ``LowDiscrepancyBatch``).
public enum LowDiscrepancy {
  /// The van der Corput sequence in base 2, scrambled: bit-reverse `index`, XOR `scramble`.
  @inlinable
  public static func vanDerCorput(_ index: UInt32, scramble: UInt32) -> Float {
    toUnitFloat(index.bitReversed ^ scramble)
  }

  /// The second coordinate of the (0,2)-sequence (the Sobol' generator matrix for dimension 2), scrambled.
  @inlinable
  public static func sobol2(_ index: UInt32, scramble: UInt32) -> Float {
    var bits = scramble
    var i = index
    var v: UInt32 = 1 << 31
    while i != 0 {
      if i & 1 != 0 { bits ^= v }
      i >>= 1
      v ^= v >> 1
    }
    return toUnitFloat(bits)
  }

  /// The top 24 bits of `bits` as a float in [0, 1): never exactly 1.
  @inlinable
  static func toUnitFloat(_ bits: UInt32) -> Float {
    Float(bits >> 8) * 0x1p-24
  }

  /// Fills `coordinates` with a scrambled, shuffled (0,2)-sequence, stored as
  /// x, y pairs: point `i` is `coordinates[2 * i]`, `coordinates[2 * i + 1]`.
  /// The scramble is drawn from `rng` first. Cost: O(n) plus a shuffle; no allocation.
  public static func fill2D(_ coordinates: UnsafeMutableBufferPointer<Float>, rng: inout PCG32) {
    let scramble = SIMD2(rng.nextUInt32(), rng.nextUInt32())
    fill2D(coordinates, scramble: scramble, firstIndex: 0, rng: &rng)
  }

  /// Fills `coordinates` with points `firstIndex ..< firstIndex + n` of the
  /// (0,2)-sequence scrambled by `scramble`, in an order shuffled with `rng`.
  ///
  /// A block of 2^k points that starts at a multiple of 2^k is itself a
  /// (0,k,2)-net, so consecutive batches keep the whole sequence's stratification.
  public static func fill2D(_ coordinates: UnsafeMutableBufferPointer<Float>, scramble: SIMD2<UInt32>,
                            firstIndex: UInt32, rng: inout PCG32) {
    let count = coordinates.count / 2
    for i in 0..<count {
      let index = firstIndex + UInt32(i)
      coordinates[2 * i] = vanDerCorput(index, scramble: scramble.x)
      coordinates[2 * i + 1] = sobol2(index, scramble: scramble.y)
    }
    // Shuffle whole points, so that each keeps its two coordinates.
    guard count > 1 else { return }
    for i in stride(from: count - 1, to: 0, by: -1) {
      let j = randomIndex(upTo: i, rng: &rng)
      let point = (coordinates[2 * i], coordinates[2 * i + 1])
      coordinates[2 * i] = coordinates[2 * j]
      coordinates[2 * i + 1] = coordinates[2 * j + 1]
      (coordinates[2 * j], coordinates[2 * j + 1]) = point
    }
  }

  /// Fills `values` with a scrambled, shuffled van der Corput sequence; the
  /// scramble is drawn from `rng` first.
  public static func fill1D(_ values: UnsafeMutableBufferPointer<Float>, rng: inout PCG32) {
    let scramble = rng.nextUInt32()
    fill1D(values, scramble: scramble, firstIndex: 0, rng: &rng)
  }

  /// Fills `values` with points `firstIndex ..< firstIndex + n` of the van der
  /// Corput sequence scrambled by `scramble`, shuffled with `rng`.
  public static func fill1D(_ values: UnsafeMutableBufferPointer<Float>, scramble: UInt32,
                            firstIndex: UInt32, rng: inout PCG32) {
    for i in values.indices {
      values[i] = vanDerCorput(firstIndex + UInt32(i), scramble: scramble)
    }
    shuffle(values, rng: &rng)
  }

  /// Fisher-Yates shuffle driven by our own generator, so results do not depend on the standard library's.
  static func shuffle(_ values: UnsafeMutableBufferPointer<Float>, rng: inout PCG32) {
    guard values.count > 1 else { return }
    // Plain loads and stores: `swapAt` is not always inlined here, and it is
    // called for every sample of every dimension of every pixel.
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      let j = randomIndex(upTo: i, rng: &rng)
      let value = values[i]
      values[i] = values[j]
      values[j] = value
    }
  }

  /// A random index in `0...last`, by multiply-and-shift (Lemire) rather than a division.
  static func randomIndex(upTo last: Int, rng: inout PCG32) -> Int {
    Int((UInt64(rng.nextUInt32()) &* UInt64(last + 1)) >> 32)
  }
}

extension UInt32 {
  /// The bits in reverse order.
  @inlinable
  var bitReversed: UInt32 {
    var v = self
    v = (v << 16) | (v >> 16)
    v = ((v & 0x00ff_00ff) << 8) | ((v & 0xff00_ff00) >> 8)
    v = ((v & 0x0f0f_0f0f) << 4) | ((v & 0xf0f0_f0f0) >> 4)
    v = ((v & 0x3333_3333) << 2) | ((v & 0xcccc_cccc) >> 2)
    v = ((v & 0x5555_5555) << 1) | ((v & 0xaaaa_aaaa) >> 1)
    return v
  }
}
