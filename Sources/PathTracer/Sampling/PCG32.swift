/// A small, fast, deterministic random number generator: PCG32 (O'Neill 2014,
/// "PCG: A Family of Simple Fast Space-Efficient Statistically Good Algorithms").
///
/// 16 bytes of state, a 64-bit linear congruential step and a permutation of the
/// old state for output. Two generators with the same `seed` but different
/// `stream`s produce independent sequences, which is how each pixel (or each test)
/// gets its own reproducible sequence.
///
/// ```swift
/// var rng = PCG32(seed: 42, stream: 54)
/// let u = rng.nextFloat()      // in [0, 1)
/// let uv = rng.nextPoint2()    // a 2D sample for a warp or a BxDF
/// ```
///
/// Cost: a multiply, an add and a few shifts per 32 bits; no allocation.
public struct PCG32: RandomNumberGenerator, Sendable, BitwiseCopyable {
  /// The LCG state, advanced by every call.
  @usableFromInline var state: UInt64
  /// The LCG increment; always odd. It selects the stream.
  @usableFromInline var increment: UInt64

  /// The multiplier of the underlying 64-bit LCG (Knuth's MMIX constant).
  @usableFromInline static let multiplier: UInt64 = 6_364_136_223_846_793_005

  /// A generator seeded with a starting state and a stream selector.
  /// Follows the reference `pcg32_srandom_r`, so `PCG32(seed: 42, stream: 54)`
  /// reproduces the reference demo's output.
  public init(seed: UInt64 = 0x853c_49e6_748f_ea9b, stream: UInt64 = 0xda3e_39cb_94b9_5bdb) {
    state = 0
    increment = (stream << 1) | 1
    _ = nextUInt32()
    state &+= seed
    _ = nextUInt32()
  }

  /// The next 32 uniformly distributed bits.
  @inlinable
  public mutating func nextUInt32() -> UInt32 {
    let old = state
    state = old &* Self.multiplier &+ increment
    // Output permutation "XSH RR": xorshift the high bits down, then rotate by
    // an amount taken from the top 5 bits of the old state.
    let xorShifted = UInt32(truncatingIfNeeded: ((old >> 18) ^ old) >> 27)
    let rotation = UInt32(truncatingIfNeeded: old >> 59)
    return xorShifted.rotatedRight(by: rotation)
  }

  /// A uniform float in [0, 1) with 24 bits of precision: every value is a
  /// multiple of 2^-24, and 1.0 is never returned (warps rely on u < 1).
  @inlinable
  public mutating func nextFloat() -> Float {
    Self.unitFloat(fromBits: nextUInt32())
  }

  /// Maps 32 random bits to [0, 1): the top 24 bits, which a `Float` represents
  /// exactly, times 2^-24. The largest result is 1 - 2^-24.
  @inlinable
  static func unitFloat(fromBits bits: UInt32) -> Float {
    Float(bits >> 8) * 0x1p-24
  }

  /// Two uniform floats in [0, 1), e.g. the `u` of ``BxDF/sample(wo:uc:u:)``.
  @inlinable
  public mutating func nextPoint2() -> Point2 {
    let x = nextFloat()
    return Point2(x, nextFloat())
  }

  /// 64 random bits from two 32-bit outputs, so that `PCG32` can drive the
  /// standard library's `Float.random(in:using:)`, `shuffle(using:)` and so on.
  @inlinable
  public mutating func next() -> UInt64 {
    let high = UInt64(nextUInt32())
    return (high << 32) | UInt64(nextUInt32())
  }
}

extension UInt32 {
  /// Rotates the bits right; the shift is taken modulo 32.
  @inlinable
  func rotatedRight(by amount: UInt32) -> UInt32 {
    let r = amount & 31
    return (self >> r) | (self << ((32 &- r) & 31))
  }
}
