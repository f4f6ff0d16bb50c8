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
    toUnitFloat(sobol2Bits(index) ^ scramble)
  }

  /// The unscrambled bits of ``sobol2(_:scramble:)``: the XOR of the generator
  /// matrix's columns `v[j]` for the set bits `j` of `index`, where `v[0]` is
  /// the top bit and `v[j + 1] = v[j] ^ (v[j] >> 1)` (Pascal's triangle mod 2).
  @inlinable
  static func sobol2Bits(_ index: UInt32) -> UInt32 {
    var bits: UInt32 = 0
    var i = index
    var v: UInt32 = 1 << 31
    while i != 0 {
      if i & 1 != 0 { bits ^= v }
      i >>= 1
      v ^= v >> 1
    }
    return bits
  }

  // Stepping through a sequence. Both sequences are linear over GF(2): point
  // `i` is the XOR of the generator matrix's columns picked by the bits of `i`.
  // Going from `i` to `i + 1` flips bits 0...k of `i`, k the trailing zeros of
  // `i + 1`, so the point changes by the XOR of columns 0...k: one XOR per
  // point instead of a loop over the bits of the index. The fills walk the
  // sequence this way; the values are exactly those of the direct formulas.

  /// The unscrambled bits of the sequence's first ``firstPoints`` points:
  /// van der Corput in x, Sobol' in y. Every set a pixel fills starts at
  /// index 0 unless it continues an adaptive batch, and scrambling is an XOR,
  /// so one table serves them all: a fill is a load, an XOR and a conversion
  /// per coordinate (sets that reach past the table step through the
  /// sequence instead). An immutable table, made on first use: 8 KiB.
  static let firstPoints: [SIMD2<UInt32>] = (0..<UInt32(1024)).map { SIMD2($0.bitReversed, sobol2Bits($0)) }

  /// The k for the step from point `index` to `index + 1`: bits 0...k of the index flip.
  @inlinable
  static func flippedColumns(after index: UInt32) -> Int {
    min((index &+ 1).trailingZeroBitCount, 31)
  }

  /// The XOR of the van der Corput columns 0...k (column j is bit 31 - j): the top k + 1 bits.
  @inlinable
  static func vanDerCorputFlip(_ k: Int) -> UInt32 {
    UInt32.max &<< UInt32(truncatingIfNeeded: 31 &- k)
  }

  /// The XOR of the Sobol' columns 0...k, which is `v[k + 1] << 1`: the sum
  /// over j ≤ k of C(j, r) is C(k + 1, r + 1) (mod 2 too). k is 0 for half
  /// the steps and 1 for a quarter, so the loop is short.
  @inlinable
  static func sobol2Flip(_ k: Int) -> UInt32 {
    var v: UInt32 = 1 << 31
    for _ in 0...k { v ^= v >> 1 }
    return v << 1
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
    // Viewed as whole points, so that the shuffle moves each with both its coordinates.
    coordinates.withMemoryRebound(to: (Float, Float).self) { points in
      let first = Int(firstIndex)
      if first + points.count <= firstPoints.count {
        // The usual case: the points are among the first ones, which are
        // the same for every set; only the scramble differs.
        firstPoints.withUnsafeBufferPointer { table in
          for i in points.indices {
            let bits = table[first &+ i] ^ scramble
            points[i] = (toUnitFloat(bits.x), toUnitFloat(bits.y))
          }
        }
      } else {
        var x = firstIndex.bitReversed ^ scramble.x
        var y = sobol2Bits(firstIndex) ^ scramble.y
        var index = firstIndex
        for i in points.indices {
          points[i] = (toUnitFloat(x), toUnitFloat(y))
          // Step to the next point with two XORs instead of evaluating both radical inverses afresh.
          let flipped = flippedColumns(after: index)
          x ^= vanDerCorputFlip(flipped)
          y ^= sobol2Flip(flipped)
          index &+= 1
        }
      }
      shuffle(points, rng: &rng)
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
    let first = Int(firstIndex)
    if first + values.count <= firstPoints.count {
      firstPoints.withUnsafeBufferPointer { table in
        for i in values.indices { values[i] = toUnitFloat(table[first &+ i].x ^ scramble) }
      }
    } else {
      var x = firstIndex.bitReversed ^ scramble
      var index = firstIndex
      for i in values.indices {
        values[i] = toUnitFloat(x)
        x ^= vanDerCorputFlip(flippedColumns(after: index))
        index &+= 1
      }
    }
    shuffle(values, rng: &rng)
  }

  /// Fisher-Yates shuffle driven by our own generator, so results do not depend on the standard library's.
  static func shuffle<Element: BitwiseCopyable>(_ values: UnsafeMutableBufferPointer<Element>, rng: inout PCG32) {
    // Plain loads and stores (`swapAt` is not always inlined here) in a
    // countdown loop with no overflow checks: this runs for every sample of
    // every dimension of every pixel.
    var i = values.count &- 1
    while i > 0 {
      let j = randomIndex(upTo: i, rng: &rng)
      let value = values[i]
      values[i] = values[j]
      values[j] = value
      i &-= 1
    }
  }

  /// A random index in `0...last`, by multiply-and-shift (Lemire) rather than a division.
  static func randomIndex(upTo last: Int, rng: inout PCG32) -> Int {
    Int(truncatingIfNeeded: (UInt64(rng.nextUInt32()) &* UInt64(truncatingIfNeeded: last &+ 1)) &>> 32)
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
