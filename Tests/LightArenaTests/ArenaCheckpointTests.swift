import LightArena
import Testing

@Suite("Checkpoints")
struct ArenaCheckpointTests {
  @Test("a checkpoint releases what its allocator allocated when it ends, and the memory is reused")
  func releasesAtTheEnd() {
    var arena = MemoryArena(blockSize: 256)
    arena.withAllocator { alloc in
      var kept = alloc.allocateArray(repeating: 1, count: 4)
      let before = alloc.statistics.bytesInUse
      var addresses: [UInt] = []
      for round in 0..<3 {
        let checkpoint = alloc.checkpoint()
        let scratch = checkpoint.allocator.allocateArray(repeating: round, count: 100)   // spills into more blocks
        addresses.append(scratch.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) })
        #expect(scratch[99] == round && kept[3] == 1)
      }
      #expect(alloc.statistics.bytesInUse == before)
      #expect(Set(addresses).count == 1)
      kept[0] = 2                              // the outer allocator works again
      #expect(alloc.allocate(5).value == 5)
    }
  }

  @Test("a do block ends a checkpoint early; checkpoints nest")
  func doBlocksAndNesting() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      do {
        let outer = alloc.checkpoint()
        _ = outer.allocator.allocate(1)
        let afterOuter = alloc.statistics.bytesInUse
        do {
          let inner = outer.allocator.checkpoint()
          _ = inner.allocator.allocateArray(repeating: 0, count: 10)
          #expect(alloc.statistics.bytesInUse == afterOuter + 80)
        }
        #expect(alloc.statistics.bytesInUse == afterOuter)
        #expect(outer.allocator.allocate(3).value == 3)
      }
      #expect(alloc.statistics.bytesInUse == 0)
      #expect(alloc.allocate(7).value == 7)
    }
  }

  @Test("allocating through the outer allocator while a checkpoint is alive traps")
  func outerAllocatorWhileAlive() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        let checkpoint = alloc.checkpoint()
        _ = checkpoint.allocator.allocate(1)
        _ = alloc.allocate(2)              // would be released with the checkpoint, which is still alive
      }
    }
    #expect(TrapTests.printed(result, "nested scope is open"))
  }
}
