import Testing
@testable import PathTracer

@Suite("OBJ text read in chunks")
struct OBJChunkedReadingTests {
  /// Statements and tokens of every length, a continued statement, a comment,
  /// CRLF endings, a byte order mark and no final newline, so that some chunk
  /// boundary falls inside each of them for some chunk size.
  static let text = "\u{FEFF}# a comment \\\r\no First\r\nv 0 0 0\nv 1.5 0 0\nv 1 1 0\nv 0 1 -2.25e-1\n"
    + "vt 0 0\nvt 1 0\nvt 1 1\nvn 0 0 1\nf 1/1/1 2/2/1 \\\n 3/3/1 4/3/1\no Second object\n"
    + "v 3 3 3\nf -1 -2 -3\nf 5 2 3"

  private func parse(_ text: String, chunkSize: Int) throws(OBJError) -> [OBJMesh] {
    var parser = OBJParser(fileName: "chunks.obj", chunkSize: chunkSize)
    var remaining = Array(text.utf8)[...]
    return try parser.parse { buffer in
      let count = Swift.min(buffer.count, remaining.count)
      buffer.copyBytes(from: remaining.prefix(count))
      remaining = remaining.dropFirst(count)
      return count
    }
  }

  @Test("every chunk size gives the meshes of reading the text at once", arguments: 1...48)
  func chunkSizes(_ chunkSize: Int) throws {
    let whole = try parse(Self.text, chunkSize: 1 << 20)
    let chunked = try parse(Self.text, chunkSize: chunkSize)
    #expect(whole.map(\.name) == ["First", "Second object"])
    #expect(chunked.map(\.name) == whole.map(\.name))
    #expect(chunked.map(\.positions) == whole.map(\.positions))
    #expect(chunked.map(\.normals) == whole.map(\.normals))
    #expect(chunked.map(\.uvs) == whole.map(\.uvs))
    #expect(chunked.map(\.indices) == whole.map(\.indices))
    #expect(whole[0].indices == [0, 1, 2, 0, 2, 3])
  }

  @Test("an error in a late chunk names its line", arguments: [1, 7, 64])
  func lateError(_ chunkSize: Int) {
    let text = String(repeating: "v 1 2 3\n", count: 40) + "v 1 \\\n 2 x\n"
    do {
      _ = try parse(text, chunkSize: chunkSize)
      Issue.record("no error")
    } catch {
      #expect(error.description == "chunks.obj:41: expected a number, found \"x\"")
    }
  }
}
