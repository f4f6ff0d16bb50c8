/// A colour that changes over time: tray_rust's animated `emission`, a list
/// of colours at given times, linear in between and held before the first
/// and after the last.
///
/// ```swift
/// let fadeIn = AnimatedColor(keyframes: [.init(time: 0, color: .black), .init(time: 2, color: Color(gray: 8))])
/// fadeIn.color(at: 0.5)                  // gray 2
/// fadeIn.color(at: 5)                    // gray 8: held after the last keyframe
/// fadeIn.averageColor(over: 0...4)       // gray 6: the exact mean over the interval
/// ```
///
/// Keyframes are sorted by time when the colour is made; two at the same
/// time make a cut, from the first listed to the second, as for animated
/// textures. A plain colour is one keyframe at time 0.
///
/// A lookup is a binary search and one blend; the mean over an interval
/// walks the keyframes inside it. Nothing allocates after the colour is made.
public struct AnimatedColor: Sendable, Equatable {
  /// A colour and the time at which it holds exactly.
  public struct Keyframe: Sendable, Equatable, BitwiseCopyable {
    public var time: Float
    public var color: Color

    public init(time: Float, color: Color) {
      self.time = time
      self.color = color
    }
  }

  /// The keyframes in time order, at least one; equal times keep the order they were given in.
  public let keyframes: [Keyframe]

  /// A colour that never changes.
  public init(_ color: Color) {
    keyframes = [Keyframe(time: 0, color: color)]
  }

  /// The colour through `keyframes`, in any order (a stable sort puts them
  /// in time order).
  ///
  /// - Precondition: there is at least one keyframe, and every time is finite.
  public init(keyframes: [Keyframe]) {
    require(!keyframes.isEmpty, "an animated colour needs a keyframe")
    require(keyframes.allSatisfy { $0.time.isFinite }, "keyframe times must be finite")
    self.keyframes = keyframes.sorted { $0.time < $1.time }
  }

  /// True when the colour is the same at every time.
  public var isConstant: Bool {
    keyframes.allSatisfy { $0.color == keyframes[0].color }
  }

  /// The colour at `time`: the two keyframes around it blended in proportion
  /// to how near each is; the first before it, the last after. At the time
  /// of a cut, the later colour. NaN gives the first keyframe's colour. O(log n).
  public func color(at time: Float) -> Color {
    guard time >= keyframes[0].time else { return keyframes[0].color }
    let next = index(after: time)
    if next == keyframes.count { return keyframes[next - 1].color }
    let before = keyframes[next - 1], after = keyframes[next]
    // before.time <= time < after.time, so the division is safe.
    let t = (time - before.time) / (after.time - before.time)
    return before.color * (1 - t) + after.color * t
  }

  /// The mean colour over `times`: the integral of the piecewise linear
  /// colour divided by the interval's length, exactly (trapezoids between
  /// the keyframes inside, for the segments the interval cuts), or the
  /// colour at that instant for an interval of no length.
  ///
  /// This is what a light's power should be chosen by for a frame: it is
  /// zero only when the colour is black all through the shutter (up to
  /// single instants at cuts), so a light that can emit during the frame is
  /// never left out. O(log n + keyframes inside the interval).
  public func averageColor(over times: ClosedRange<Float>) -> Color {
    let (start, end) = (times.lowerBound, times.upperBound)
    guard end > start else { return color(at: start) }
    // Integrate over [start, end] piece by piece: each piece is between two
    // consecutive breakpoints (keyframe times and the interval's ends) on
    // which the colour is linear, so the trapezoid rule is exact.
    var integral = Color.black
    var pieceStart = start
    var index = self.index(after: start)
    while pieceStart < end {
      let pieceEnd = index < keyframes.count ? Swift.min(keyframes[index].time, end) : end
      if pieceEnd > pieceStart {
        // Just inside the piece at both ends, so that a cut at either end counts
        // with the colour on this piece's side.
        let a = value(onPieceBefore: index, at: pieceStart)
        let b = value(onPieceBefore: index, at: pieceEnd)
        integral += (a + b) * (0.5 * (pieceEnd - pieceStart))
      }
      pieceStart = pieceEnd
      index += 1
    }
    return integral / (end - start)
  }

  /// The colour at `time` on the linear piece that ends at keyframe `next`
  /// (before the first keyframe and after the last, the held colour).
  private func value(onPieceBefore next: Int, at time: Float) -> Color {
    if next == 0 { return keyframes[0].color }
    if next == keyframes.count { return keyframes[next - 1].color }
    let before = keyframes[next - 1], after = keyframes[next]
    let t = Swift.min(Swift.max((time - before.time) / (after.time - before.time), 0), 1)
    return before.color * (1 - t) + after.color * t
  }

  /// The index of the first keyframe later than `time`, or `keyframes.count`: a binary search.
  private func index(after time: Float) -> Int {
    firstKeyframe(in: keyframes.indices, after: time) { keyframes[$0].time }
  }
}
