/// One batch of an adaptive pixel's samples: points `firstIndex ..< firstIndex + count`
/// of the very scrambled (0,2)-sequences the pixel's earlier batches used.
///
/// Why continue the sequences instead of scrambling every batch afresh: the
/// samples of all batches together are then a prefix of one scrambled
/// (0,2)-sequence, stratified as a whole. With batches that double the total
/// (first batch `n`, then `n`, `2n`, `4n`, ...), each batch is an aligned block
/// of the sequence, and when `n` is a power of two the union after every batch
/// is a (0,m,2)-net: one point in every elementary interval. Fresh scrambles
/// would make each batch a net on its own, but the batches would land in each
/// other's strata, so the union would only be as good as independent batches.
///
/// Each set keeps its scramble across batches because the scrambles come from
/// `scrambles`, a generator made once per pixel and copied into every batch:
/// the k-th set a batch fills (film positions first, then bounce 0's light
/// samples, and so on, always in the same order) draws the same scramble. The
/// shuffles, which only reorder points within a batch, come from the pixel's
/// main generator.
public struct LowDiscrepancyBatch: Sendable {
  /// Replays the pixel's scrambles, one (or two, for 2D sets) per set filled.
  var scrambles: PCG32
  /// The sequence index of this batch's first point: the samples taken before it.
  public let firstIndex: Int

  /// A batch starting at sequence index `firstIndex`, whose scrambles are drawn
  /// from a copy of `scrambles` (the same value for every batch of a pixel).
  public init(scrambles: PCG32, firstIndex: Int) {
    self.scrambles = scrambles
    self.firstIndex = firstIndex
  }

  /// Fills the next 2D set of the batch (x, y pairs).
  mutating func fill2D(_ coordinates: UnsafeMutableBufferPointer<Float>, rng: inout PCG32) {
    let scramble = SIMD2(scrambles.nextUInt32(), scrambles.nextUInt32())
    LowDiscrepancy.fill2D(coordinates, scramble: scramble, firstIndex: UInt32(firstIndex), rng: &rng)
  }

  /// Fills the next 1D set of the batch.
  mutating func fill1D(_ values: UnsafeMutableBufferPointer<Float>, rng: inout PCG32) {
    LowDiscrepancy.fill1D(values, scramble: scrambles.nextUInt32(), firstIndex: UInt32(firstIndex), rng: &rng)
  }
}
