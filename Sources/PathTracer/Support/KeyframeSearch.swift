/// The index of the first keyframe in `range` whose time is later than
/// `time`, or `range.upperBound` when none is: a binary search over
/// keyframes sorted by time, read through `timeOf` (so that keyframes in
/// an array and keyframes in a table range share it). A NaN `time` compares
/// false with every keyframe and so finds `range.upperBound`.
///
/// Cost: O(log n) calls of `timeOf`.
@inline(__always)
func firstKeyframe(in range: Range<Int>, after time: Float, timeOf: (Int) -> Float) -> Int {
  var low = range.lowerBound, high = range.upperBound
  while low < high {
    let middle = (low + high) / 2
    if timeOf(middle) > time { high = middle } else { low = middle + 1 }
  }
  return low
}
