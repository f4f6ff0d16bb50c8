extension SceneLoader {
  /// A transform list, applied **in the listed order**: the first entry acts
  /// on the object first.
  ///
  /// ```json
  /// [{ "type": "scale", "scaling": [15, 12, 1] },
  ///  { "type": "rotate_y", "rotation": 90 },
  ///  { "type": "translate", "translation": [-15, 0, 0] }]
  /// ```
  /// Entries: `translate` (`translation`), `scale` (`scaling`, a number or
  /// three), `rotate_x`/`rotate_y`/`rotate_z` (`rotation` in degrees),
  /// `rotate` (`axis`, `rotation`), `matrix` (`matrix`: 4 rows of 4, or 16
  /// numbers, row-major, for column vectors).
  static func transform(from node: JSONNode) throws(SceneError) -> Transform {
    var steps: [Transform] = []
    for entry in try node.elements() {
      steps.append(try transformStep(from: entry))
    }
    return Transform.applying(steps)
  }

  /// `transform`, composed from the list at `node` and the transforms of the
  /// groups around it, if it can place a camera or object; an error at
  /// `node` otherwise (see ``Transform/isInvertible``).
  static func placement(_ transform: Transform, at node: JSONNode) throws(SceneError) -> Transform {
    guard transform.isInvertible else {
      throw node.error("the composed transform is singular or not finite "
        + "(a scale that underflows to zero, or a value that overflows); it cannot place anything")
    }
    return transform
  }

  static func transformStep(from entry: JSONNode) throws(SceneError) -> Transform {
    let type = try entry.required("type")
    switch try type.string() {
    case "translate":
      return .translate(try entry.required("translation").vector3())
    case "scale":
      let scaling = try entry.required("scaling")
      let factors: Vector3
      if case .number = scaling.value {
        factors = Vector3(repeating: try scaling.float())
      } else {
        factors = try scaling.vector3()
      }
      guard factors.x != 0 && factors.y != 0 && factors.z != 0 else {
        throw scaling.error("a scale factor of zero flattens the object; found \(factors)")
      }
      return .scale(factors)
    case "rotate_x":
      return .rotateX(degrees: try entry.required("rotation").float())
    case "rotate_y":
      return .rotateY(degrees: try entry.required("rotation").float())
    case "rotate_z":
      return .rotateZ(degrees: try entry.required("rotation").float())
    case "rotate":
      let axisNode = try entry.required("axis")
      let axis = try axisNode.vector3()
      guard lengthSquared(axis) > 0 else { throw axisNode.error("the rotation axis must not be zero") }
      return .rotate(degrees: try entry.required("rotation").float(), axis: normalize(axis))
    case "matrix":
      let matrixNode = try entry.required("matrix")
      var numbers: [Float] = []
      let rows = try matrixNode.elements()
      if rows.count == 4, case .array = rows[0].value {
        for row in rows { numbers += try row.floatArray(count: 4) }
      } else {
        numbers = try matrixNode.floatArray(count: 16)
      }
      guard let matrix = Matrix4(rowMajor: numbers), let transform = Transform(matrix: matrix) else {
        throw matrixNode.error("the matrix is singular (it has no inverse)")
      }
      return transform
    case let other:
      throw type.error("unknown transform type \"\(other)\"; expected translate, scale, rotate_x, rotate_y, rotate_z, rotate or matrix")
    }
  }
}
