extension SceneLoader {
  /// An emitter's `emission`: a colour (`[r, g, b]` or `[r, g, b, strength]`,
  /// as ``color(_:)`` reads it), or a list of colours over time.
  ///
  /// ```json
  /// "emission": [{ "time": 0, "color": [1, 0.77, 0.56, 0] },
  ///              { "time": 0.5, "color": [1, 0.77, 0.56, 90] }]
  /// ```
  /// The list needs at least one keyframe; each has a finite `time` in
  /// seconds and a `color`. They may be listed in any order
  /// (``AnimatedColor`` sorts them). A plain colour is one keyframe at time 0.
  static func emission(from node: JSONNode) throws(SceneError) -> AnimatedColor {
    guard case .array(let items) = node.value, case .object? = items.first else {
      if case .array(let items) = node.value, items.isEmpty {
        throw node.error("an emission needs a colour, or at least one {\"time\", \"color\"} keyframe")
      }
      return AnimatedColor(try color(node))
    }
    var keyframes: [AnimatedColor.Keyframe] = []
    for item in try node.elements() {
      keyframes.append(AnimatedColor.Keyframe(time: try item.required("time").float(),
                                              color: try color(try item.required("color"))))
    }
    return AnimatedColor(keyframes: keyframes)
  }
}
