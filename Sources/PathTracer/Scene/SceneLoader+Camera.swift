extension SceneLoader {
  /// `camera`: a field of view across the shorter image side and a
  /// camera-to-world `transform` list, or the look-at form
  /// (`position`, `target`, `up`).
  ///
  /// ```json
  /// "camera": { "fov": 30, "transform": [{ "type": "translate", "translation": [0, 12, -60] }] }
  /// ```
  static func camera(from root: JSONNode) throws(SceneError) -> PerspectiveCamera {
    if root.optional("camera") == nil, let cameras = root.optional("cameras") {
      throw cameras.unsupported("\"cameras\" (animated camera lists)")
    }
    let node = try root.required("camera")
    let fov = try angleOfView(try node.required("fov"))
    if let keyframes = node.optional("keyframes") { throw keyframes.unsupported("camera keyframes") }

    let cameraToWorld: Transform
    if let transform = node.optional("transform") {
      cameraToWorld = try Self.placement(Self.transform(from: transform), at: transform)
    } else if let position = node.optional("position") {
      let eye = try position.vector3()
      let target = try node.required("target").vector3()
      let up = try node.required("up").vector3()
      guard let lookAt = Transform.lookAt(eye: eye, target: target, up: up) else {
        throw node.error("position, target and up do not define a view (target equals position, or up is parallel to the view)")
      }
      cameraToWorld = lookAt
    } else {
      throw node.error("missing required key \"transform\" (or \"position\", \"target\" and \"up\")")
    }
    return PerspectiveCamera(cameraToWorld: cameraToWorld, fieldOfView: fov)
  }
}
