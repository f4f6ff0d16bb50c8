/// A texture that changes over time: pictures shown at given times
/// (keyframes), blended linearly in between, as tray_rust's `animated_image`
/// (and its `movie`, which is a generated list of keyframes).
///
/// Before the first keyframe the first picture is shown, after the last one
/// the last picture: the animation holds its ends rather than looping.
///
/// The value itself only says where its keyframes are in a ``TextureTable``.
public struct AnimatedTexture: Sendable, BitwiseCopyable, Equatable {
  /// One picture and the scene time at which it is shown exactly.
  public struct Keyframe: Sendable, BitwiseCopyable, Equatable {
    public var time: Float
    public var image: ImageTexture

    public init(time: Float, image: ImageTexture) {
      self.time = time
      self.image = image
    }
  }

  /// Index of the first keyframe in ``TextureTable/keyframes``; the others
  /// follow, sorted by time.
  public let firstKeyframe: Int
  /// The number of keyframes, at least 1.
  public let keyframeCount: Int

  /// Where the keyframes are in ``TextureTable/keyframes``.
  public var keyframes: Range<Int> { firstKeyframe..<(firstKeyframe + keyframeCount) }

  /// Made by ``TextureTable/addAnimation(_:)``, which sorts the keyframes.
  init(keyframes: Range<Int>) {
    require(!keyframes.isEmpty, "an animated texture needs a keyframe")
    firstKeyframe = keyframes.lowerBound
    keyframeCount = keyframes.count
  }

  /// The colour at `uv` at scene time `time`: the two keyframes around `time`
  /// looked up at `uv` and mixed in proportion to how close `time` is to each.
  /// Cost: a binary search over the keyframes and two image lookups.
  public func color(at uv: Point2, time: Float, in table: borrowing TextureTable) -> Color {
    let next = nextKeyframe(after: time, in: table)
    if next == firstKeyframe { return table.keyframes[next].image.color(at: uv, in: table) }
    if next == firstKeyframe + keyframeCount { return table.keyframes[next - 1].image.color(at: uv, in: table) }
    let before = table.keyframes[next - 1], after = table.keyframes[next]
    // before.time <= time < after.time, so the division is safe.
    let blend = (time - before.time) / (after.time - before.time)
    return before.image.color(at: uv, in: table) * (1 - blend) + after.image.color(at: uv, in: table) * blend
  }

  /// The index (in the table) of the first keyframe later than `time`, or
  /// `keyframes.upperBound` if there is none: a binary search. A NaN time
  /// compares false with every keyframe and so shows the last picture.
  func nextKeyframe(after time: Float, in table: borrowing TextureTable) -> Int {
    PathTracer.firstKeyframe(in: keyframes, after: time) { table.keyframes[$0].time }
  }
}
