import LightArena
import Testing

@Suite("ArenaVector")
struct ArenaVectorTests {
  static func address(_ vector: borrowing ArenaVector<Int>) -> UInt {
    vector.span.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
  }

  @Test("appends keep every element, in order")
  func appends() {
    var arena = MemoryArena(blockSize: 1 << 16)
    arena.withAllocator { alloc in
      var vector = alloc.makeVector(of: Int.self)
      #expect(vector.isEmpty && vector.capacity == 0)
      for i in 0..<1000 { vector.append(i * i) }
      #expect(vector.count == 1000 && vector.capacity >= 1000)
      #expect(vector[0] == 0 && vector[999] == 999 * 999)
      vector[1] = -1
      #expect(vector.span[1] == -1)
      #expect(vector.indices == 0..<1000)
    }
  }

  @Test("the most recent allocation grows in place: no copy, no wasted bytes")
  func growsInPlace() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var vector = alloc.makeVector(of: Int.self, capacity: 4)
      let first = Self.address(vector)
      for i in 0..<100 { vector.append(i) }
      #expect(Self.address(vector) == first)
      #expect(alloc.statistics.bytesInUse == vector.capacity * 8)
    }
  }

  @Test("a vector that is not the most recent allocation moves, keeping its elements")
  func movesWhenSomethingFollows() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var vector = alloc.makeVector(of: Int.self, capacity: 4)
      for i in 0..<4 { vector.append(i) }
      let first = Self.address(vector)
      let after = alloc.allocate(42)              // now the vector is not last
      vector.append(4)
      #expect(Self.address(vector) != first)
      #expect(vector.capacity == 8)
      #expect(vector.span.withUnsafeBufferPointer { Array($0) } == [0, 1, 2, 3, 4])
      #expect(after.value == 42)
    }
  }

  @Test("reserving, removing and freezing")
  func reserveRemoveFreeze() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var vector = alloc.makeVector(of: Int.self)
      vector.reserveCapacity(10)
      #expect(vector.capacity == 10)
      vector.append(copying: [1, 2, 3].span)
      #expect(vector.removeLast() == 3)
      #expect(vector.popLast() == 2)
      #expect(vector.count == 1)
      var writable = vector.mutableSpan
      writable[0] = 7
      vector.append(8)
      let frozen = vector.freeze()
      #expect(frozen.count == 2 && frozen[0] == 7 && frozen[1] == 8)
      var empty = alloc.makeVector(of: Int.self, capacity: 2)
      empty.append(1)
      empty.removeAll()
      #expect(empty.isEmpty && empty.capacity == 2 && empty.popLast() == nil)
    }
  }

  @Test("zero-sized elements never grow")
  func zeroSized() {
    struct Marker: BitwiseCopyable {}
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var vector = alloc.makeVector(of: Marker.self)
      for _ in 0..<1000 { vector.append(Marker()) }
      #expect(vector.count == 1000)
      #expect(alloc.statistics.bytesInUse == 0)
    }
  }

  @Test("tryAppend throws when growing exceeds the budget, and leaves the vector as it was")
  func tryAppendThrows() {
    var arena = MemoryArena(blockSize: 64, budget: 64)
    arena.withAllocator { alloc in
      var vector = alloc.makeVector(of: Int.self, capacity: 4)
      _ = alloc.allocate(0)   // the vector must move to grow: 64 more bytes do not fit
      for i in 0..<4 { vector.append(i) }
      #expect(throws: ArenaError.budgetExceeded(requested: 64, reserved: 64, budget: 64)) {
        try vector.tryAppend(4)
      }
      #expect(vector.count == 4 && vector.capacity == 4 && vector[3] == 3)
    }
  }

  @Test("a vector workload makes no heap allocation after warm-up",
        .enabled(if: MallocCount.isActive, "the malloc counter is off under AddressSanitizer"))
  func steadyState() {
    var arena = MemoryArena(blockSize: 4096)
    func round(_ arena: inout MemoryArena, _ n: Int) -> Int {
      arena.withAllocator { alloc in
        var vector = alloc.makeVector(of: Int.self)
        for i in 0..<(n % 700) { vector.append(i); if i % 50 == 0 { _ = alloc.allocate(i) } }
        return vector.count
      }
    }
    for n in 0..<100 { _ = round(&arena, n * 37) }
    let before = MallocCount.now()
    var total = 0
    for n in 0..<1000 { total += round(&arena, n * 37) }
    #expect(MallocCount.now() - before == 0)
    #expect(total > 0)
  }

  @Test("appending within capacity is allowed in a nested scope; growing there traps")
  func growingInANestedScopeTraps() async {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var vector = alloc.makeVector(of: Int.self, capacity: 2)
      alloc.withScope { _ in
        vector.append(1)
        vector.append(2)
      }
      #expect(vector.count == 2)
    }
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        var vector = alloc.makeVector(of: Int.self, capacity: 1)
        alloc.withScope { inner in
          _ = inner.allocate(0)
          vector.append(1)
          vector.append(2)   // grows: its memory would be released with the nested scope
        }
      }
    }
    #expect(TrapTests.printed(result, "nested scope is open"))
  }

  @Test("removeLast on an empty vector traps, saying so")
  func removeLastFromEmpty() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        var vector = alloc.makeVector(of: Int.self)
        vector.removeLast()
      }
    }
    #expect(TrapTests.printed(result, "ArenaVector.removeLast() on an empty vector"))
  }
}
