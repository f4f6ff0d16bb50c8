extension SceneLoader {
  /// The scene's cameras: the `cameras` list when there is one (it takes
  /// precedence over `camera`, as in tray_rust), else the one `camera`,
  /// active from frame 0.
  ///
  /// ```json
  /// "camera": { "fov": 30, "transform": [{ "type": "translate", "translation": [0, 12, -60] }] }
  /// "cameras": [{ "fov": 30, "transform": [...] }, { "fov": 50, "keyframes": {...}, "active_at": 48 }]
  /// ```
  /// Each camera has a `transform` list, `keyframes` (``keyframes(from:)``)
  /// or the look-at form (`position`, `target`, `up`); a field of view
  /// (``fieldOfView(from:)``, which may be animated); and in a list an
  /// `active_at` frame (default 0, not negative). The camera of the film's
  /// `start_frame` must exist: a list whose cameras all start later is an
  /// error at `cameras`.
  static func cameras(from root: JSONNode, timing: FrameTiming) throws(SceneError) -> CameraSchedule {
    if let list = root.optional("cameras") {
      var entries: [CameraSchedule.Entry] = []
      for node in try list.elements() {
        let activeNode = node.optional("active_at")
        let activeAt = try activeNode?.int() ?? 0
        if let activeNode, activeAt < 0 { throw activeNode.error("must not be negative, found \(activeAt)") }
        entries.append(try camera(node, activeAt: activeAt))
      }
      if entries.isEmpty { throw list.error("the list of cameras is empty") }
      let schedule = CameraSchedule(entries)
      if schedule.entryIndex(forFrame: timing.startFrame) == nil {
        throw list.error("no camera is active at the start frame \(timing.startFrame): "
          + "the earliest active_at is \(schedule.entries[0].activeAt)")
      }
      return schedule
    }
    return CameraSchedule([try camera(try root.required("camera"), activeAt: 0)])
  }

  /// One camera: its placement and field of view.
  static func camera(_ node: JSONNode, activeAt: Int) throws(SceneError) -> CameraSchedule.Entry {
    let fov = try fieldOfView(from: node)
    let placement: AnimatedTransform
    if node.optional("keyframes") != nil {
      placement = AnimatedTransform(levels: [try placementLevel(of: node)])
    } else if let transform = node.optional("transform") {
      placement = AnimatedTransform(try Self.placement(Self.transform(from: transform), at: transform))
    } else if let position = node.optional("position") {
      let eye = try position.vector3()
      let target = try node.required("target").vector3()
      let up = try node.required("up").vector3()
      guard let lookAt = Transform.lookAt(eye: eye, target: target, up: up) else {
        throw node.error("position, target and up do not define a view (target equals position, or up is parallel to the view)")
      }
      placement = AnimatedTransform(lookAt)
    } else {
      throw node.error("missing required key \"transform\" (or \"keyframes\", or \"position\", \"target\" and \"up\")")
    }
    return CameraSchedule.Entry(activeAt: activeAt, placement: placement, fieldOfView: fov)
  }
}
