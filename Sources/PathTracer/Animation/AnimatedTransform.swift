/// Where an object, light or camera is at each moment: either one fixed
/// ``Transform``, or a stack of levels, each fixed or a ``TransformSpline``,
/// from the object's own placement out through the groups around it.
///
/// A group's keyframes act after its members' own transforms: at time t the
/// stack `[own, group, outer group]` is `outer(t) · group(t) · own(t)`. This
/// is why a stack is kept instead of one spline: a member's and its group's
/// splines have their own knots, and their product is no B-spline.
///
/// ```swift
/// let member = AnimatedTransform(.translate(Vector3(2, 0, 0)))   // fixed in its group
/// let group = AnimatedTransform(levels: [.spline(spin)])         // spin: a TransformSpline
/// let placed = group * member
/// placed.isAnimated                                              // true
/// placed.transform(at: 0.5)                                      // moved, then turned with the group
/// ```
///
/// Fixed levels next to each other are multiplied together when the stack is
/// made, and a spline whose keyframes are all equal counts as fixed, so a
/// stack holds only what moves and the fixed parts between. A transform that
/// never moves is stored as one ``Transform`` and evaluating it costs nothing.
///
/// tray_rust counts an instance as animated only when *every* level of its
/// stack moves, so a fixed member of a moving group gets its bounds at
/// shutter open only; here one moving level is enough (``isAnimated``).
public struct AnimatedTransform: Sendable {
  /// One level of a stack: a fixed transform or one that moves.
  public enum Level: Sendable {
    /// A transform that does not change: a `transform` list.
    case fixed(Transform)
    /// A transform that moves: `keyframes`.
    case spline(TransformSpline)
  }

  /// One transform, or a stack; kept apart so that a transform that never
  /// moves is one value with nothing to loop over.
  enum Storage: Sendable {
    case fixed(Transform)
    /// Innermost level first; at least one level moves.
    case stack([Level])
  }

  let storage: Storage

  /// A transform that never changes.
  public init(_ transform: Transform) {
    storage = .fixed(transform)
  }

  /// The stack of `levels`, innermost (the object's own placement) first.
  /// Neighbouring fixed levels are multiplied together (`outer * inner`),
  /// constant splines become fixed levels, and a stack with nothing that
  /// moves becomes one fixed transform (the identity for no levels). O(levels).
  public init(levels: [Level]) {
    var merged: [Level] = []
    for level in levels {
      var level = level
      if case .spline(let spline) = level, spline.isConstant {
        level = .fixed(spline.transform(at: spline.domain.lowerBound))
      }
      if case .fixed(let outer) = level, case .fixed(let inner)? = merged.last {
        merged[merged.count - 1] = .fixed(outer * inner)
      } else {
        merged.append(level)
      }
    }
    if merged.isEmpty {
      storage = .fixed(.identity)
    } else if merged.count == 1, case .fixed(let transform) = merged[0] {
      storage = .fixed(transform)
    } else {
      storage = .stack(merged)
    }
  }

  /// The transform that changes nothing.
  public static let identity = AnimatedTransform(.identity)

  /// The levels, innermost first: one fixed level when nothing moves.
  public var levels: [Level] {
    switch storage {
    case .fixed(let transform): return [.fixed(transform)]
    case .stack(let levels): return levels
    }
  }

  /// True when any level moves (tray_rust requires every level to; see the
  /// type's documentation).
  public var isAnimated: Bool {
    if case .stack = storage { return true }
    return false
  }

  /// The transform, when it never changes; `nil` when something moves.
  public var fixedTransform: Transform? {
    if case .fixed(let transform) = storage { return transform }
    return nil
  }

  /// `outer * inner`: `inner` (a member's placement) first, then `outer`
  /// (its group's), as ``Transform``'s `*`. Two fixed transforms give
  /// their product, computed exactly as `Transform`'s `*` computes it, so
  /// that composing fixed groups gives the same bits as before animation
  /// existed. O(levels).
  public static func * (outer: AnimatedTransform, inner: AnimatedTransform) -> AnimatedTransform {
    if case .fixed(let a) = outer.storage, case .fixed(let b) = inner.storage {
      return AnimatedTransform(a * b)
    }
    return AnimatedTransform(levels: inner.levels + outer.levels)
  }

  /// The transform at `time`: each level evaluated there (a spline's time
  /// clamped to its domain) and multiplied, innermost applied first. Free
  /// when nothing moves; otherwise each spline level costs its evaluation
  /// (``TransformSpline/transform(at:)``) and each level two matrix
  /// products. Nothing allocates.
  public func transform(at time: Float) -> Transform {
    switch storage {
    case .fixed(let transform):
      return transform
    case .stack(let levels):
      var result = Transform.identity
      for (index, level) in levels.enumerated() {
        let transform = level.transform(at: time)
        result = index == 0 ? transform : transform * result
      }
      return result
    }
  }

  /// A box that holds `box` moved by this transform at every time in `times`:
  /// provably, level by level. Each level's bound holds its input box at all
  /// those times (``TransformSpline/motionBounds(of:over:)``; a fixed level's
  /// image is the box of its corners' images), so the next level's bound
  /// of that box holds the object. A transform that never moves gives
  /// exactly `Transform.apply(bounds:)`. O(levels · active keyframes).
  public func motionBounds(of box: Bounds3, over times: ClosedRange<Float>) -> Bounds3 {
    switch storage {
    case .fixed(let transform):
      return transform.apply(bounds: box)
    case .stack(let levels):
      var bounds = box
      for level in levels {
        switch level {
        case .fixed(let transform):
          bounds = Self.paddedBounds(of: bounds, under: transform)
        case .spline(let spline):
          bounds = spline.motionBounds(of: bounds, over: times)
        }
      }
      return bounds
    }
  }

  /// `transform.apply(bounds:)`, widened for the rounding by which applying
  /// the stack's product matrix differs from applying its levels one by one:
  /// ``TransformSpline/roundingAllowance`` of the sizes involved (the box's
  /// coordinates through the linear part, and the translation).
  static func paddedBounds(of box: Bounds3, under transform: Transform) -> Bounds3 {
    if box.isEmpty { return box }
    let image = transform.apply(bounds: box)
    let m = transform.matrix
    let linearSize = Swift.max(absoluteSum(SIMD4(m.row0.x, m.row0.y, m.row0.z, 0)),
                               absoluteSum(SIMD4(m.row1.x, m.row1.y, m.row1.z, 0)),
                               absoluteSum(SIMD4(m.row2.x, m.row2.y, m.row2.z, 0)))
    let boxSize = Swift.max(abs(box.lower).max(), abs(box.upper).max())
    let translationSize = abs(Vector3(m.row0.w, m.row1.w, m.row2.w)).max()
    let allowance = Vector3(repeating: TransformSpline.roundingAllowance * (linearSize * boxSize + translationSize))
    return Bounds3(lower: image.lower - allowance, upper: image.upper + allowance)
  }
}

extension AnimatedTransform.Level {
  /// The level's transform at `time`.
  public func transform(at time: Float) -> Transform {
    switch self {
    case .fixed(let transform): return transform
    case .spline(let spline): return spline.transform(at: time)
    }
  }

  /// True for a spline level.
  public var isAnimated: Bool {
    if case .spline = self { return true }
    return false
  }
}
