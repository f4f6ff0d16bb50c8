extension SceneLoader {
  /// A camera's `fov` in degrees across the shorter image side: one number,
  /// or, animated, an array of numbers with `fov_knots` (in seconds) and
  /// `fov_spline_degree`, a ``BSpline`` of angles that tray_rust evaluates
  /// once per frame, at the frame's middle (``FrameTiming/midpoint(of:)``).
  ///
  /// ```json
  /// "fov": [40, 55, 30], "fov_knots": [0, 0, 1, 2, 2], "fov_spline_degree": 1
  /// ```
  /// A single angle is a spline of degree 0 with one control point and
  /// knots `[0, 1]` (constant at every time, as tray_rust models a static
  /// transform). Every angle must be between 0 and 180 degrees, exclusive;
  /// the knots and degree follow the rules of ``keyframes(from:)``, except
  /// that the degree is required, as in tray_rust. Each mistake is reported
  /// at its own path (`camera.fov[2]`, `camera.fov_knots[1]`, …).
  static func fieldOfView(from camera: JSONNode) throws(SceneError) -> BSpline<Float> {
    let fovNode = try camera.required("fov")
    guard case .array = fovNode.value else {
      return BSpline(constant: try angleOfView(fovNode))
    }
    let angleNodes = try fovNode.elements()
    var angles: [Float] = []
    for node in angleNodes { angles.append(try angleOfView(node)) }
    let degreeNode = try camera.required("fov_spline_degree")
    let degree = try degreeNode.int()
    let knotsNode = try camera.required("fov_knots")
    let (knots, knotNodes) = try SplineNodes.knots(at: knotsNode)
    let nodes = SplineNodes(owner: camera, degree: degreeNode, points: fovNode, pointValues: angleNodes,
                            knots: knotsNode, knotValues: knotNodes)
    do {
      return try BSpline(degree: degree, controlPoints: angles, knots: knots)
    } catch {
      throw nodes.error(for: error)
    }
  }

  /// An angle of view in degrees, strictly between 0 and 180.
  static func angleOfView(_ node: JSONNode) throws(SceneError) -> Float {
    let degrees = try node.positiveFloat()
    guard degrees < 180 else { throw node.error("must be less than 180 degrees, found \(degrees)") }
    return degrees
  }
}
