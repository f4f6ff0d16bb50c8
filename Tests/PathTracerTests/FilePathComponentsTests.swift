import Testing
@testable import PathTracer

@Suite("File path components")
struct FilePathComponentsTests {
  @Test("a path splits into folder and name, as error messages, relative files and temporary files need",
        arguments: [
          // path, directoryPrefix, name, directory, stem
          ("scenes/cornell.json", "scenes/", "cornell.json", "scenes", "cornell"),
          ("cornell.json", "", "cornell.json", ".", "cornell"),
          ("/cornell.json", "/", "cornell.json", "/", "cornell"),
          ("/work/scenes/tray_rust/cornell_box.json", "/work/scenes/tray_rust/", "cornell_box.json",
           "/work/scenes/tray_rust", "cornell_box"),
          ("models/", "", "models", ".", "models"),
          ("a//b.obj", "a//", "b.obj", "a", "b"),
          ("archive.tar.gz", "", "archive.tar.gz", ".", "archive.tar"),
          ("dir/.hidden", "dir/", ".hidden", "dir", ".hidden"),
          ("/", "", "/", ".", "/"),
          ("", "", "", ".", ""),
        ])
  func split(path: String, directoryPrefix: String, name: String, directory: String, stem: String) {
    let components = FilePathComponents(path)
    #expect(components.directoryPrefix == directoryPrefix)
    #expect(components.name == name)
    #expect(components.directory == directory)
    #expect(components.stem == stem)
    #expect(FilePathComponents.fileName(of: path) == name)
  }

  @Test("relative paths resolve against the scene's folder; absolute ones stay as they are")
  func resolve() {
    #expect(FilePathComponents.resolve("models/cube.obj", in: "scenes") == "scenes/models/cube.obj")
    #expect(FilePathComponents.resolve("cube.obj", in: ".") == "./cube.obj")
    #expect(FilePathComponents.resolve("cube.obj", in: "/") == "/cube.obj")
    #expect(FilePathComponents.resolve("/abs/cube.obj", in: "scenes") == "/abs/cube.obj")
  }

  @Test("errors from every loader name only the file")
  func errorsNameTheFile() {
    #expect(SceneError(file: "scenes/cornell.json", message: "x").description == "cornell.json: x")
    #expect(OBJError(file: "scenes/models/cube.obj", line: 3, message: "x").description == "cube.obj:3: x")
    #expect(MERLFileError(file: "brdfs/gold.binary", problem: "is truncated").description == "\"gold.binary\" is truncated")
  }
}
