import LightArena
import Testing

/// A sequence that hands out its elements from contiguous storage, without being a collection.
struct ContiguousNumbers: Sequence {
  var numbers: [Int]
  func makeIterator() -> IndexingIterator<[Int]> { numbers.makeIterator() }
  func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Int>) throws -> R) rethrows -> R? {
    try numbers.withUnsafeBufferPointer(body)
  }
}

@Suite("Arrays from sequences and output spans")
struct SequenceArrayTests {
  @Test("a sequence of unknown length is copied in one pass, and unused capacity is given back")
  func unknownLength() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var evaluations = 0
      let multiplesOfThree = (0..<100).lazy.filter { evaluations += 1; return $0 % 3 == 0 }
      let array = alloc.allocateArray(copying: multiplesOfThree)
      #expect(evaluations == 100)                  // one pass: not counted first
      #expect(array.count == 34 && array[33] == 99)
      #expect(alloc.statistics.bytesInUse == 34 * 8)
      let strided = alloc.allocateArray(copying: stride(from: 0.0, to: 1.0, by: 0.25))
      #expect(strided.copyToArray() == [0, 0.25, 0.5, 0.75])
    }
  }

  @Test("a sequence with contiguous storage is copied at once")
  func contiguous() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let array = alloc.allocateArray(copying: ContiguousNumbers(numbers: [4, 5, 6]))
      #expect(array.copyToArray() == [4, 5, 6])
      #expect(alloc.statistics.bytesInUse == 24)
    }
  }

  @Test("a long sequence of unknown length crosses blocks and arrives whole")
  func crossesBlocks() {
    var arena = MemoryArena(blockSize: 1024)
    arena.withAllocator { alloc in
      _ = alloc.allocateBytes(byteCount: 1000, alignment: 8)
      let array = alloc.allocateArray(copying: (0..<5000).lazy.filter { _ in true })
      #expect(array.count == 5000)
      #expect((0..<5000).allSatisfy { array[$0] == $0 })
    }
  }

  @Test("tryAllocateArray(copying:) with a sequence throws the budget error")
  func sequenceBudget() {
    var arena = MemoryArena(blockSize: 64, budget: 64)
    arena.withAllocator { alloc in
      #expect(throws: ArenaError.self) {
        _ = try alloc.tryAllocateArray(copying: (0..<100).lazy.filter { $0 > 1 })
      }
    }
  }

  @Test("an output span fills an array, and what it did not use is given back")
  func outputSpan() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let evens = alloc.allocateArray(capacity: 10) { (output: inout OutputSpan<Int>) in
        for i in 0..<10 where i % 2 == 0 { output.append(i) }
        _ = output.removeLast()
      }
      #expect(evens.copyToArray() == [0, 2, 4, 6])
      #expect(alloc.statistics.bytesInUse == 4 * 8)
    }
  }

  @Test("an output span's body may throw")
  func outputSpanThrows() {
    struct Stop: Error {}
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      #expect(throws: Stop.self) {
        _ = try alloc.allocateArray(capacity: 4) { (output: inout OutputSpan<Int>) throws(Stop) in
          output.append(1)
          throw Stop()
        }
      }
    }
  }
}
