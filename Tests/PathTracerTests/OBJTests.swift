import Foundation
import Testing
@testable import PathTracer

/// tray_rust's `models/cube.obj` (MIT licensed), copied verbatim so the tests
/// need no file outside the package.
private let trayRustCube = """
# Blender v2.63 (sub 0) OBJ File: ''
# www.blender.org
o Cube
v 1.000000 -1.000000 -1.000000
v 1.000000 -1.000000 1.000000
v -1.000000 -1.000000 1.000000
v -1.000000 -1.000000 -1.000000
v 1.000000 1.000000 -0.999999
v 0.999999 1.000000 1.000001
v -1.000000 1.000000 1.000000
v -1.000000 1.000000 -1.000000
vt 0.000000 0.334353
vt 0.332314 0.333333
vt 0.333333 0.665647
vt 0.001019 0.666667
vt 1.000000 0.001019
vt 0.998981 0.333333
vt 0.666667 0.332314
vt 0.667686 0.000000
vt 1.000000 0.665647
vt 0.667686 0.666667
vt 0.666667 0.334353
vt 0.334353 0.666667
vt 0.333333 0.334353
vt 0.665647 0.333333
vt 0.666667 0.665647
vt 0.333333 0.332314
vt 0.001020 0.333333
vt 0.000000 0.001020
vt 0.332314 0.000000
vt 0.333333 0.001019
vt 0.665647 0.000000
vt 0.334353 0.333333
vn 0.000000 -1.000000 0.000000
vn 0.000000 1.000000 0.000000
vn 1.000000 0.000000 0.000000
vn -0.000000 -0.000000 1.000000
vn -1.000000 -0.000000 -0.000000
vn 0.000000 0.000000 -1.000000
s off
f 1/1/1 2/2/1 3/3/1 4/4/1
f 5/5/2 8/6/2 7/7/2 6/8/2
f 1/6/3 5/9/3 6/10/3 2/11/3
f 2/12/4 6/13/4 7/14/4 3/15/4
f 3/16/5 7/17/5 8/18/5 4/19/5
f 5/20/6 1/21/6 4/7/6 8/22/6
"""

@Suite("OBJ file reader")
struct OBJTests {
  private func parse(_ text: String) throws -> OBJFile {
    try OBJFile.parse(text, fileName: "test.obj")
  }

  /// The parse error for `text`, or `nil` if it parsed.
  private func parseError(_ text: String) -> OBJError? {
    do {
      _ = try OBJFile.parse(text, fileName: "models/bad.obj")
      return nil
    } catch {
      return error
    }
  }

  /// A unit square in z = 0, as the four corners 1 2 3 4 counter-clockwise.
  private let squareVertices = """
    v 0 0 0
    v 1 0 0
    v 1 1 0
    v 0 1 0

    """

  // MARK: tray_rust's cube

  @Test("tray_rust's cube is one mesh named Cube with 12 triangles")
  func cubeShape() throws {
    let file = try parse(trayRustCube)
    #expect(file.meshes.count == 1)
    let cube = try file.mesh(named: "Cube")
    #expect(cube.name == "Cube")
    #expect(cube.triangleCount == 12)
    #expect(cube.indices.count == 36)
    // Each of the 6 quads has 4 corners with distinct (v, vt, vn) triples.
    #expect(cube.positions.count == 24)
    #expect(cube.indices.allSatisfy { Int($0) < cube.positions.count })
    for p in cube.positions {
      let largestCoordinate = max(abs(p.x), abs(p.y), abs(p.z))
      #expect(largestCoordinate <= 1.00001)
      #expect(largestCoordinate >= 0.99999)  // every corner lies on the cube's surface
    }
  }

  @Test("tray_rust's cube has unit normals and uvs that agree with the winding")
  func cubeAttributes() throws {
    let cube = try parse(trayRustCube).mesh(named: "Cube")
    let normals = try #require(cube.normals)
    let uvs = try #require(cube.uvs)
    #expect(normals.count == cube.positions.count)
    #expect(uvs.count == cube.positions.count)
    for n in normals { #expect(abs(length(n) - 1) < 1e-5) }
    for uv in uvs { #expect(uv.min() >= 0 && uv.max() <= 1) }
    // The file's normals point outward; so must each triangle's geometric normal
    // (counter-clockwise winding), and it must agree with the shading normal.
    for t in 0..<cube.triangleCount {
      let (a, b, c) = (Int(cube.indices[3 * t]), Int(cube.indices[3 * t + 1]), Int(cube.indices[3 * t + 2]))
      let geometric = normalize(cross(cube.positions[b] - cube.positions[a],
                                      cube.positions[c] - cube.positions[a]))
      #expect(dot(geometric, normals[a]) > 0.99)
      let centroid = (cube.positions[a] + cube.positions[b] + cube.positions[c]) / 3
      #expect(dot(geometric, centroid) > 0)
    }
  }

  // MARK: Faces

  @Test("a polygon becomes a fan of triangles around its first vertex")
  func fanTriangulation() throws {
    let quad = try parse(squareVertices + "f 1 2 3 4\n").meshes[0]
    #expect(quad.indices == [0, 1, 2, 0, 2, 3])
    #expect(quad.positions == [Point3(0, 0, 0), Point3(1, 0, 0), Point3(1, 1, 0), Point3(0, 1, 0)])

    let pentagon = try parse(squareVertices + "v -1 0.5 0\nf 5 1 2 3 4\n").meshes[0]
    #expect(pentagon.triangleCount == 3)
    #expect(pentagon.indices == [0, 1, 2, 0, 2, 3, 0, 3, 4])
    #expect(pentagon.positions[0] == Point3(-1, 0.5, 0))
  }

  @Test("negative indices count back from the last vertex defined so far")
  func negativeIndices() throws {
    let text = """
      v 0 0 0
      v 1 0 0
      v 1 1 0
      f -3 -2 -1
      v 0 1 0
      f -4 -2 -1
      """
    let mesh = try parse(text).meshes[0]
    #expect(mesh.indices.map { mesh.positions[Int($0)] } == [
      Point3(0, 0, 0), Point3(1, 0, 0), Point3(1, 1, 0),
      Point3(0, 0, 0), Point3(1, 1, 0), Point3(0, 1, 0),
    ])
    #expect(mesh.positions.count == 4)  // corners 1 and 3 are shared by both faces
  }

  @Test("face corners may be written i, i/j, i//k and i/j/k")
  func faceFormats() throws {
    let attributes = squareVertices + """
      vt 0 0
      vt 1 0
      vt 1 1
      vn 0 0 2

      """
    let positionsOnly = try parse(attributes + "f 1 2 3\n").meshes[0]
    #expect(positionsOnly.normals == nil)
    #expect(positionsOnly.uvs == nil)

    let withUVs = try parse(attributes + "f 1/1 2/2 3/3\n").meshes[0]
    #expect(withUVs.uvs == [Point2(0, 0), Point2(1, 0), Point2(1, 1)])
    #expect(withUVs.normals == nil)

    let withNormals = try parse(attributes + "f 1//1 2//1 3//1\n").meshes[0]
    #expect(withNormals.uvs == nil)
    // Normals are normalized when read.
    #expect(withNormals.normals == [Normal3(0, 0, 1), Normal3(0, 0, 1), Normal3(0, 0, 1)])

    let withBoth = try parse(attributes + "f 1/3/1 2/2/1 3/1/1\n").meshes[0]
    #expect(withBoth.uvs == [Point2(1, 1), Point2(1, 0), Point2(0, 0)])
    #expect(withBoth.normals?.count == 3)
  }

  @Test("corners that differ only in uv or normal become separate vertices")
  func deIndexing() throws {
    let text = squareVertices + """
      vt 0 0
      vt 1 1
      f 1/1 2/1 3/1
      f 1/1 3/1 4/1
      f 1/2 2/2 3/2

      """
    let mesh = try parse(text).meshes[0]
    #expect(mesh.triangleCount == 3)
    // The first two faces share corners 1 and 3; the third face reuses no corner
    // because its uv differs.
    #expect(mesh.positions.count == 4 + 3)
    #expect(Array(mesh.indices[0..<6]) == [0, 1, 2, 0, 2, 3])
    #expect(Array(mesh.indices[6..<9]) == [4, 5, 6])
    #expect(mesh.positions[4] == mesh.positions[0])
    #expect(mesh.uvs?[4] == Point2(1, 1))
  }

  @Test("an object where only some corners have normals or uvs gets none")
  func mixedAttributes() throws {
    let text = squareVertices + """
      vt 0 0
      vn 0 0 1
      f 1/1/1 2/1/1 3/1/1
      f 1 3 4

      """
    let mesh = try parse(text).meshes[0]
    #expect(mesh.triangleCount == 2)
    #expect(mesh.normals == nil)
    #expect(mesh.uvs == nil)
  }

  // MARK: Objects

  @Test("objects are separate meshes, selected by name, with their own vertices")
  func severalObjects() throws {
    let text = squareVertices + """
      f 1 2 3
      o First
      g part1
      f 1 2 4
      g part2
      f 2 3 4
      o Second Object
      vn 0 0 1
      f 4//1 3//1 2//1
      o Empty
      usemtl nothing
      """
    let file = try parse(text)
    // Faces before any `o` form "default"; `g` does not split "First"; "Empty" has no faces.
    #expect(file.meshes.map(\.name) == ["default", "First", "Second Object"])

    let first = try file.mesh(named: "First")
    #expect(first.triangleCount == 2)
    #expect(first.positions.count == 4)  // 1 2 4 and 2 3 4 share vertices 2 and 4
    #expect(first.normals == nil)

    let second = try file.mesh(named: "Second Object")
    #expect(second.indices == [0, 1, 2])  // its own index space, starting at 0
    #expect(second.positions == [Point3(0, 1, 0), Point3(1, 1, 0), Point3(1, 0, 0)])
    #expect(second.normals == [Normal3(0, 0, 1), Normal3(0, 0, 1), Normal3(0, 0, 1)])
  }

  @Test("asking for a missing object lists the available ones")
  func missingObject() throws {
    let file = try parse(squareVertices + "o A\nf 1 2 3\no B\nf 1 3 4\n")
    #expect(throws: OBJError.self) { try file.mesh(named: "C") }
    do {
      _ = try file.mesh(named: "C")
    } catch {
      #expect(error.description == "test.obj: no model named \"C\"; available models: \"A\", \"B\"")
      #expect(error.line == nil)
    }
  }

  // MARK: Syntax

  @Test("comments, CRLF line endings, continuation lines and ignored statements")
  func lexicalDetails() throws {
    let text = "# header\r\nmtllib scene.mtl\r\nv 0 0 0 # origin\r\nv 1 0 0\r\nv 0 1 0 \\\r\n\r\n"
      + "s 1\r\nusemtl red\r\nl 1 2\r\np 1\r\nfrobnicate 7\r\nvt 0.5\r\n"
      + "f 1/1 2/1 \\\r\n  3/1\r\n"
    let mesh = try parse(text).meshes[0]
    #expect(mesh.triangleCount == 1)
    #expect(mesh.positions == [Point3(0, 0, 0), Point3(1, 0, 0), Point3(0, 1, 0)])
    #expect(mesh.uvs == [Point2(0.5, 0), Point2(0.5, 0), Point2(0.5, 0)])  // v defaults to 0
  }

  @Test("a vertex's optional w and extra numbers are ignored")
  func extraNumbers() throws {
    let mesh = try parse("v 0 0 0 1\nv 1 0 0 1 0.5 0.5 0.5\nv 0 1 0\nf 1 2 3").meshes[0]
    #expect(mesh.positions == [Point3(0, 0, 0), Point3(1, 0, 0), Point3(0, 1, 0)])
  }

  // MARK: Errors

  struct BadInput: Sendable, CustomTestStringConvertible {
    let text: String
    let line: Int
    let message: String
    var testDescription: String { message }
  }

  static let badInputs: [BadInput] = [
    BadInput(text: "v 1 2 3\nv 1 2 x\n", line: 2, message: "expected a number, found \"x\""),
    BadInput(text: "v 1 2 3\r\nv 1 2 x\r\n", line: 2, message: "expected a number, found \"x\""),
    BadInput(text: "# empty\n\nv 1 2\n", line: 3, message: "a vertex position (v) needs 3 numbers, found 2"),
    BadInput(text: "vn 0 1\n", line: 1, message: "a normal (vn) needs 3 numbers, found 2"),
    BadInput(text: "vt\n", line: 1, message: "a texture coordinate (vt) needs 1 number, found 0"),
    BadInput(text: "v nan 0 0\n", line: 1, message: "expected a finite number, found \"nan\""),
    BadInput(text: "v 0 0 0\nvn 0 inf 0\n", line: 2, message: "expected a finite number, found \"inf\""),
    BadInput(text: "v 0 0 0\nv 1 0 0\nv 0 1 0\n\nf 1 2\n", line: 5,
             message: "a face needs at least 3 vertices, found 2"),
    BadInput(text: "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n", line: 4,
             message: "position index 0 is invalid; OBJ indices start at 1"),
    BadInput(text: "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n", line: 4,
             message: "position index 9 is out of range; 3 positions defined so far"),
    BadInput(text: "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 -4\n", line: 4,
             message: "position index -4 is out of range; 3 positions defined so far"),
    BadInput(text: "v 0 0 0\nf 1 1 2\nv 1 0 0\n", line: 2,
             message: "position index 2 is out of range; 1 position defined so far"),
    BadInput(text: "v 0 0 0\nvn 0 0 1\nf 1//1 1//2 1//1\n", line: 3,
             message: "normal index 2 is out of range; 1 normal defined so far"),
    BadInput(text: "v 0 0 0\nf 1/1 1/1 1/1\n", line: 2,
             message: "texture coordinate index 1 is out of range; 0 texture coordinates defined so far"),
    BadInput(text: "v 0 0 0\nf 1/x 1 1\n", line: 2, message: "expected a texture coordinate index, found \"x\""),
    BadInput(text: "v 0 0 0\nf 1 1 1.5\n", line: 2, message: "expected a position index, found \"1.5\""),
    BadInput(text: "v 0 0 0\nf 1/1/1/1 1 1\n", line: 2,
             message: "malformed face vertex \"1/1/1/1\"; expected i, i/j, i//k or i/j/k"),
    BadInput(text: "v 0 0 0\nf //1 1 1\n", line: 2,
             message: "malformed face vertex \"//1\"; expected i, i/j, i//k or i/j/k"),
    // A continued statement is reported at the line where it starts.
    BadInput(text: "v 0 0 0\nv 1 \\\n 2 \\\n x\n", line: 2, message: "expected a number, found \"x\""),
  ]

  @Test("malformed statements are reported with their line", arguments: badInputs)
  func errors(_ input: BadInput) {
    let error = parseError(input.text)
    #expect(error?.message == input.message)
    #expect(error?.line == input.line)
    #expect(error?.file == "bad.obj")
    #expect(error?.description == "bad.obj:\(input.line): \(input.message)")
  }

  // MARK: Files

  @Test("load reads a file from disk")
  func loadFromDisk() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("OBJTests-\(UUID().uuidString)-cube.obj").path
    try trayRustCube.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try OBJFile.load(path: path)
    #expect(file.meshes.map(\.name) == ["Cube"])
    #expect(file.meshes[0].triangleCount == 12)
    #expect(!file.fileName.contains("/"))
  }

  @Test("unreadable files are reported with the system's reason")
  func unreadableFile() {
    do {
      _ = try OBJFile.load(path: "/nonexistent-dir/missing.obj")
      Issue.record("loading a missing file succeeded")
    } catch {
      #expect(error.description == "missing.obj: cannot open: No such file or directory")
    }
    do {
      _ = try OBJFile.load(path: FileManager.default.temporaryDirectory.path)
      Issue.record("loading a directory succeeded")
    } catch {
      #expect(error.message == "cannot read: Is a directory")
    }
  }
}
