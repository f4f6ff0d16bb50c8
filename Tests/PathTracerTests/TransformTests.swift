import Testing
@testable import PathTracer

/// True if every component of `a` and `b` differs by at most `tolerance`.
func geometryClose(_ a: Vector3, _ b: Vector3, tolerance: Float = 1e-5) -> Bool {
  all(abs(a - b) .<= Vector3(repeating: tolerance))
}

func geometryClose(_ a: Matrix4, _ b: Matrix4, tolerance: Float = 1e-5) -> Bool {
  (0..<4).allSatisfy { i in
    (0..<4).allSatisfy { j in Swift.abs(a[i, j] - b[i, j]) <= tolerance }
  }
}

@Suite("Transforms")
struct TransformTests {
  @Test("rotate_y(90) maps +Z to +X, rotate_x(90) maps +Y to +Z, rotate_z(90) maps +X to +Y, exactly")
  func rotationConventions() {
    #expect(Transform.rotateY(degrees: 90).apply(vector: Vector3(0, 0, 1)) == Vector3(1, 0, 0))
    #expect(Transform.rotateX(degrees: 90).apply(vector: Vector3(0, 1, 0)) == Vector3(0, 0, 1))
    #expect(Transform.rotateZ(degrees: 90).apply(vector: Vector3(1, 0, 0)) == Vector3(0, 1, 0))
    // The cornell box light: rotate_x(90) turns the rectangle's +Z normal downward.
    #expect(Transform.rotateX(degrees: 90).apply(normal: Vector3(0, 0, 1)) == Vector3(0, -1, 0))
    #expect(Transform.rotateY(degrees: -90).apply(vector: Vector3(0, 0, 1)) == Vector3(-1, 0, 0))
    #expect(Transform.rotateZ(degrees: 180).apply(vector: Vector3(1, 0, 0)) == Vector3(-1, 0, 0))
  }

  @Test("rotation about a coordinate axis agrees with the dedicated rotations")
  func rotationAboutAxis() {
    for degrees: Float in [17, 90, -135, 250] {
      #expect(geometryClose(Transform.rotate(degrees: degrees, axis: Vector3(0, 3, 0)).matrix,
                            Transform.rotateY(degrees: degrees).matrix))
      #expect(geometryClose(Transform.rotate(degrees: degrees, axis: Vector3(2, 0, 0)).matrix,
                            Transform.rotateX(degrees: degrees).matrix))
      #expect(geometryClose(Transform.rotate(degrees: degrees, axis: Vector3(0, 0, 1)).matrix,
                            Transform.rotateZ(degrees: degrees).matrix))
    }
    // A general axis stays fixed and lengths are preserved.
    let axis = normalize(Vector3(1, 2, 3))
    let r = Transform.rotate(degrees: 71, axis: axis)
    #expect(geometryClose(r.apply(vector: axis), axis))
    #expect(Swift.abs(length(r.apply(vector: Vector3(4, -1, 2))) - length(Vector3(4, -1, 2))) < 1e-5)
  }

  @Test("a transform list applies its first entry first")
  func listOrder() {
    let toWorld = Transform.applying([.scale(2), .translate(Vector3(1, 0, 0))])
    #expect(toWorld.apply(point: Point3(0, 0, 0)) == Point3(1, 0, 0))
    #expect(toWorld.apply(point: Point3(1, 0, 0)) == Point3(3, 0, 0))
    // The other order gives the other answer.
    let reversed = Transform.applying([.translate(Vector3(1, 0, 0)), .scale(2)])
    #expect(reversed.apply(point: Point3(0, 0, 0)) == Point3(2, 0, 0))
    #expect(Transform.applying([]) == .identity)
  }

  @Test("a * b applies b first")
  func compositionOrder() {
    let a = Transform.translate(Vector3(0, 5, 0))
    let b = Transform.rotateZ(degrees: 90)
    // b turns +X into +Y, then a moves it up by 5.
    #expect((a * b).apply(point: Point3(1, 0, 0)) == Point3(0, 6, 0))
    #expect((b * a).apply(point: Point3(1, 0, 0)) == Point3(-5, 1, 0))
  }

  @Test("the stored inverse undoes the matrix, for built and for general matrices")
  func inverseTimesMatrix() throws {
    let t = Transform.applying([.scale(Vector3(2, 0.5, 3)), .rotate(degrees: 33, axis: Vector3(1, 1, 0)),
                                .translate(Vector3(4, -2, 7)), .rotateX(degrees: 12)])
    #expect(geometryClose(t.matrix * t.inverse, .identity))
    #expect(geometryClose(t.inverse * t.matrix, .identity))

    let general = try #require(Matrix4(rowMajor: [2, 1, 0, 3, 0, 1, 4, 1, 1, 0, 1, 2, 0, 0, 0, 1]))
    let fromMatrix = try #require(Transform(matrix: general))
    #expect(geometryClose(fromMatrix.matrix * fromMatrix.inverse, .identity))
    // A matrix that needs row exchanges (zero on the diagonal).
    let swapped = try #require(Matrix4(rowMajor: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 0]))
    let swappedInverse = try #require(swapped.inverse)
    #expect(geometryClose(swapped * swappedInverse, .identity))
  }

  @Test("singular matrices have no inverse")
  func singular() throws {
    let flat = try #require(Matrix4(rowMajor: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))
    #expect(flat.inverse == nil)
    #expect(Transform(matrix: flat) == nil)
    let dependentRows = try #require(Matrix4(rowMajor: [1, 2, 3, 4, 2, 4, 6, 8, 0, 1, 0, 0, 0, 0, 0, 1]))
    #expect(dependentRows.inverse == nil)
    #expect(Matrix4(rowMajor: [1, 2, 3]) == nil)
  }

  @Test("transpose swaps rows and columns")
  func transpose() throws {
    let m = try #require(Matrix4(rowMajor: (0..<16).map(Float.init)))
    #expect(m.transposed[1, 3] == m[3, 1])
    #expect(m.transposed.transposed == m)
  }

  @Test("normals stay perpendicular to surfaces under non-uniform scale")
  func normalUnderNonUniformScale() {
    let t = Transform.applying([.rotateZ(degrees: 30), .scale(Vector3(4, 1, 0.5)), .rotateY(degrees: 20)])
    // A surface with tangents t1, t2 and normal t1 x t2.
    let t1 = normalize(Vector3(1, 1, 0)), t2 = Vector3(0, 0, 1)
    let n = cross(t1, t2)
    let transformedNormal = t.apply(normal: n)
    #expect(Swift.abs(dot(transformedNormal, t.apply(vector: t1))) < 1e-5)
    #expect(Swift.abs(dot(transformedNormal, t.apply(vector: t2))) < 1e-5)
    // Transforming the normal like a vector would be wrong here.
    #expect(Swift.abs(dot(normalize(t.apply(vector: n)), t.apply(vector: t1))) > 0.1)
    // And it stays on the same side: a point offset along n maps to the side of n'.
    let p = Point3(1, 2, 3)
    #expect(dot(t.apply(point: p + 0.01 * n) - t.apply(point: p), transformedNormal) > 0)
  }

  @Test("points divide by w only for projective matrices; vectors ignore translation")
  func pointsAndVectors() throws {
    let t = Transform.translate(Vector3(1, 2, 3))
    #expect(t.apply(point: Point3(1, 1, 1)) == Point3(2, 3, 4))
    #expect(t.apply(vector: Vector3(1, 1, 1)) == Vector3(1, 1, 1))
    // w = z: the point (2, 4, 2) projects to (1, 2, 1).
    let projective = try #require(Matrix4(rowMajor: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0]))
    let transform = Transform(matrix: projective, inverse: .identity)
    #expect(transform.apply(point: Point3(2, 4, 2)) == Point3(1, 2, 1))
  }

  @Test("mirroring transforms are detected")
  func handedness() {
    #expect(Transform.scale(Vector3(-1, 1, 1)).swapsHandedness)
    #expect(!Transform.scale(Vector3(-1, -1, 1)).swapsHandedness)
    #expect(!Transform.rotate(degrees: 123, axis: Vector3(1, 2, 3)).swapsHandedness)
    #expect(Transform.applying([.rotateY(degrees: 10), .scale(2)]).isSimilarity)
    #expect(!Transform.scale(Vector3(1, 2, 1)).isSimilarity)
  }

  @Test("rays and bounds transform consistently with points")
  func raysAndBounds() {
    let t = Transform.applying([.rotateZ(degrees: 45), .translate(Vector3(0, 0, 5))])
    let ray = Ray(origin: Point3(1, 0, 0), direction: Vector3(0, 2, 0), tMax: 3)
    let moved = t.apply(ray: ray)
    #expect(moved.tMax == 3)
    #expect(geometryClose(moved.at(1.5), t.apply(point: ray.at(1.5))))
    let box = Bounds3(Point3(-1, -1, -1), Point3(1, 1, 1))
    let movedBox = t.apply(bounds: box)
    for corner in 0..<8 {
      #expect(movedBox.contains(t.apply(point: box.corner(corner))))
    }
    #expect(Swift.abs(movedBox.diagonal.x - 2 * Float(2).squareRoot()) < 1e-5)
  }

  @Test("the compact affine matrix computes exactly what the transform computes")
  func affineMatrixMatchesTransform() {
    var random = GeometryTestRandom(seed: 3)
    let t = Transform.applying([.scale(Vector3(3, 0.2, 7)), .rotate(degrees: 41, axis: Vector3(1, -2, 1)),
                                .translate(Vector3(1000, -300, 20))])
    let (toWorld, toObject) = (t.affineMatrix, t.affineInverse)
    #expect(toWorld.matrix4 == t.matrix)
    #expect(toObject.matrix4 == t.inverse)
    for _ in 0..<200 {
      let p = (random.nextPoint() - 0.5) * 200
      #expect(toWorld.apply(point: p) == t.apply(point: p))
      #expect(toWorld.apply(vector: p) == t.apply(vector: p))
      // The inverse's transpose carries normals.
      #expect(toObject.applyTransposed(vector: p) == t.apply(normal: p))
      #expect(toWorld.applyWithError(point: p) == t.applyWithError(point: p))
    }
    #expect(toObject.apply(point: toWorld.apply(point: Point3(1, 2, 3))) != Point3(0, 0, 0))
    #expect(geometryClose(toObject.apply(point: toWorld.apply(point: Point3(1, 2, 3))), Point3(1, 2, 3),
                          tolerance: 1e-3))
  }

  @Test("transformed points and their error bounds contain the exact result")
  func errorBounds() {
    var random = GeometryTestRandom(seed: 7)
    let t = Transform.applying([.scale(Vector3(3, 0.2, 7)), .rotate(degrees: 41, axis: Vector3(1, -2, 1)),
                                .translate(Vector3(1000, -300, 20))])
    for _ in 0..<1000 {
      let p = (random.nextPoint() - 0.5) * 200
      let (q, error) = t.applyWithError(point: p)
      for i in 0..<3 {
        let row = t.matrix.row(i)
        let exact = Double(row.x) * Double(p.x) + Double(row.y) * Double(p.y)
          + Double(row.z) * Double(p.z) + Double(row.w)
        #expect(Swift.abs(Double(q[i]) - exact) <= Double(error[i]))
      }
    }
  }

  @Test("lookAt builds an unmirrored camera that looks along +Z with +Y up and +X right")
  func lookAtConventions() throws {
    // Looking down +Z from the origin is the identity.
    let straight = try #require(Transform.lookAt(eye: .zero, target: Point3(0, 0, 1), up: Vector3(0, 1, 0)))
    #expect(geometryClose(straight.matrix, .identity))

    // Looking along +X: forward is +X, up stays +Y, and the image's right is
    // -Z, exactly what rotate_y(90) (which turns +Z into +X) does.
    let sideways = try #require(Transform.lookAt(eye: Point3(1, 2, 3), target: Point3(5, 2, 3),
                                                 up: Vector3(0, 1, 0)))
    #expect(geometryClose(sideways.apply(vector: Vector3(0, 0, 1)), Vector3(1, 0, 0)))
    #expect(geometryClose(sideways.apply(vector: Vector3(0, 1, 0)), Vector3(0, 1, 0)))
    #expect(geometryClose(sideways.apply(vector: Vector3(1, 0, 0)), Vector3(0, 0, -1)))
    #expect(geometryClose(sideways.apply(point: .zero), Point3(1, 2, 3)))
    #expect(!sideways.swapsHandedness)
    #expect(geometryClose(sideways.matrix * sideways.inverse, .identity))

    // The cornell box camera: at (0, 12, -60) looking at the box centre.
    let cornell = try #require(Transform.lookAt(eye: Point3(0, 12, -60), target: Point3(0, 12, 0),
                                                up: Vector3(0, 1, 0)))
    #expect(geometryClose(cornell.matrix, Transform.translate(Vector3(0, 12, -60)).matrix))

    // A tilted up vector is made perpendicular; an up along the view is refused.
    let tilted = try #require(Transform.lookAt(eye: .zero, target: Point3(0, 0, 1), up: Vector3(0, 1, 1)))
    #expect(geometryClose(tilted.apply(vector: Vector3(0, 1, 0)), Vector3(0, 1, 0)))
    #expect(Transform.lookAt(eye: .zero, target: Point3(0, 5, 0), up: Vector3(0, 1, 0)) == nil)
    #expect(Transform.lookAt(eye: .zero, target: .zero, up: Vector3(0, 1, 0)) == nil)
  }
}
