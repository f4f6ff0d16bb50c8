import LightArena
import Testing

@Suite("Strings in the arena")
struct ArenaStringTests {
  @Test("a string's UTF-8 round-trips as bytes, as UTF8Span and as a String",
        arguments: ["", "plain ASCII", "héllo wörld", "🦀 and 🐦, combining é", String(repeating: "long ", count: 1000)])
  func roundTrip(text: String) {
    var arena = MemoryArena(blockSize: 1024)
    arena.withAllocator { alloc in
      let copy = alloc.allocateString(copying: text)
      #expect(copy.count == text.utf8.count && copy.isEmpty == text.isEmpty)
      #expect(copy.utf8.withUnsafeBufferPointer { Array($0) } == Array(text.utf8))
      #expect(copy.makeString() == text)
      #expect(String(copying: copy.utf8Span) == text)
      #expect(copy.utf8Span.isKnownASCII == text.utf8.allSatisfy { $0 < 0x80 })
      let alias = copy                         // immutable, so copies are fine
      #expect(alias.makeString() == text)
      #expect(alloc.statistics.bytesInUse == text.utf8.count)
    }
  }

  @Test("tryAllocateString throws the budget error")
  func budget() {
    var arena = MemoryArena(blockSize: 16, budget: 16)
    arena.withAllocator { alloc in
      #expect(throws: ArenaError.budgetExceeded(requested: 20, reserved: 0, budget: 16)) {
        _ = try alloc.tryAllocateString(copying: "twenty bytes, really")
      }
      let short = try? alloc.tryAllocateString(copying: "fits")
      #expect(short?.makeString() == "fits")
    }
  }
}
