/// The random-number generator of one pixel, derived from the render's seed
/// and the pixel's position only, so that an image does not depend on which
/// thread rendered which pixel.
func pixelGenerator(seed: UInt64, x: Int, y: Int, width: Int) -> PCG32 {
  let index = UInt64(y * width + x)
  return PCG32(seed: splitMix64(seed ^ splitMix64(index)), stream: index)
}

/// SplitMix64's output function: spreads nearby inputs over all 64 bits.
func splitMix64(_ value: UInt64) -> UInt64 {
  var z = value &+ 0x9e37_79b9_7f4a_7c15
  z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
  z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
  return z ^ (z >> 31)
}
