extension SceneLoader {
  /// `keyframes` on an object, a group or a camera: a B-spline of transforms
  /// over scene time (``TransformSpline``).
  ///
  /// ```json
  /// "keyframes": { "control_points": [{ "transform": [] },
  ///                                   { "transform": [{ "type": "translate", "translation": [0, 2, 0] }] }],
  ///                "knots": [0, 0, 1.5, 1.5], "degree": 1 }
  /// ```
  /// `degree` is optional (3, tray_rust's default). Each control point's
  /// `transform` is a transform list, as anywhere else (``transform(from:)``),
  /// and must be able to place something. There must be more control
  /// points than the degree, and exactly `control points + degree + 1`
  /// knots, in seconds, that never decrease (tray_rust sorts them instead)
  /// and leave the spline a time domain `[knots[degree], knots[control points]]`
  /// of nonzero length. All control points must mirror space, or none.
  /// Each mistake is reported at its own path, e.g.
  /// `tr15.json: objects[4].keyframes.knots[3]: knots must not decrease, ...`.
  static func keyframes(from node: JSONNode) throws(SceneError) -> TransformSpline {
    let degreeNode = node.optional("degree")
    let degree = try degreeNode?.int() ?? 3

    let pointsNode = try node.required("control_points")
    var controlPoints: [Transform] = []
    var transformNodes: [JSONNode] = []
    for point in try pointsNode.elements() {
      let transformNode = try point.required("transform")
      controlPoints.append(try placement(try transform(from: transformNode), at: transformNode))
      transformNodes.append(transformNode)
    }

    let knotsNode = try node.required("knots")
    let (knots, knotNodes) = try SplineNodes.knots(at: knotsNode)
    let nodes = SplineNodes(owner: node, degree: degreeNode, points: pointsNode, pointValues: transformNodes,
                            knots: knotsNode, knotValues: knotNodes)
    do {
      return try TransformSpline(degree: degree, controlPoints: controlPoints, knots: knots)
    } catch {
      throw nodes.error(for: error)
    }
  }

  /// The placement of an object, group or camera relative to its parent:
  /// its `keyframes` (a moving level), else its `transform` list (a fixed
  /// level), else the identity. An object may not have both (tray_rust
  /// silently ignores the `transform` then). Whether a fixed transform can
  /// place something is for the caller to check once it is composed with
  /// the levels around it (``placement(_:at:)``), as objects are today.
  static func placementLevel(of node: JSONNode) throws(SceneError) -> AnimatedTransform.Level {
    let transformNode = node.optional("transform")
    if let keyframesNode = node.optional("keyframes") {
      if transformNode != nil {
        throw keyframesNode.error("an object has either \"keyframes\" or \"transform\", not both")
      }
      return .spline(try keyframes(from: keyframesNode))
    }
    guard let transformNode else { return .fixed(.identity) }
    return .fixed(try transform(from: transformNode))
  }
}

/// Where a spline's parts are in a scene file, so that a ``SplineError`` can
/// be reported at the value that is wrong.
struct SplineNodes {
  /// The object holding the spline: where a missing degree's error goes.
  let owner: JSONNode
  let degree: JSONNode?
  /// The control points' array, and the node of each point's value.
  let points: JSONNode
  let pointValues: [JSONNode]
  /// The knots' array and each knot.
  let knots: JSONNode
  let knotValues: [JSONNode]

  /// The numbers of the knot array at `node`, and the node of each.
  static func knots(at node: JSONNode) throws(SceneError) -> (values: [Float], nodes: [JSONNode]) {
    let nodes = try node.elements()
    var values: [Float] = []
    for knot in nodes { values.append(try knot.float()) }
    return (values, nodes)
  }

  /// `error` as a scene error at the node it is about.
  func error(for error: SplineError) -> SceneError {
    switch error {
    case .negativeDegree:
      return (degree ?? owner).error(error.description)
    case .tooFewControlPoints:
      return points.error(error.description)
    case .wrongKnotCount, .emptyDomain:
      return knots.error(error.description)
    case .knotNotFinite(let index), .knotDecreases(let index):
      return knotValues[index].error(error.description)
    case .singularControlPoint(let index), .handednessChanges(let index):
      return pointValues[index].error(error.description)
    }
  }
}
