import LightArena
import Testing

@Suite("MemoryArena allocation and scopes")
struct ArenaTests {
  @Test("a value round-trips through an ArenaRef, and writes are visible")
  func valueRoundTrip() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let number = alloc.allocate(42)
      let point = alloc.allocate(SIMD3<Float>(1, 2, 3))
      #expect(number.value == 42)
      #expect(point.value == SIMD3(1, 2, 3))
      number.value += 1
      let alias = number
      #expect(alias.value == 43)
    }
  }

  @Test("after a scope ends, the next scope gets the same addresses back")
  func blocksAreReused() {
    var arena = MemoryArena()
    func firstAddress(_ arena: inout MemoryArena) -> UInt {
      arena.withAllocator { alloc in
        _ = alloc.allocateArray(repeating: UInt8(0), count: 100)
        return alloc.allocate(Double(1)).withUnsafeMutablePointer { UInt(bitPattern: $0) }
      }
    }
    let first = firstAddress(&arena)
    for _ in 0..<10 {
      #expect(firstAddress(&arena) == first)
    }
    #expect(arena.statistics.systemAllocationCount == 1)
    #expect(arena.statistics.bytesInUse == 0)
  }

  @Test("raw bytes honour every power-of-two alignment from 1 to 4096",
        arguments: (0...12).map { 1 << $0 })
  func rawAlignment(alignment: Int) {
    var arena = MemoryArena(blockSize: 1024)
    arena.withAllocator { alloc in
      for size in [0, 1, 3, 17, 1000, 5000] {
        _ = alloc.allocateBytes(byteCount: 1, alignment: 1) // knock the cursor off alignment
        let bytes = alloc.allocateBytes(byteCount: size, alignment: alignment)
        #expect(UInt(bitPattern: bytes.unsafeBaseAddress) % UInt(alignment) == 0)
        #expect(bytes.count == size)
        bytes.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 7) }
      }
    }
  }

  @Test("typed allocations are aligned for their type, including 16-byte SIMD types")
  func typeAlignment() {
    func check<T: BitwiseCopyable>(_ value: T, in alloc: ArenaAllocator) {
      _ = alloc.allocate(UInt8(1))
      let ref = alloc.allocate(value)
      let address = ref.withUnsafeMutablePointer { UInt(bitPattern: $0) }
      #expect(address % UInt(MemoryLayout<T>.alignment) == 0, "\(T.self)")
    }
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      check(UInt16(1), in: alloc)
      check(Double(1), in: alloc)
      check(SIMD4<Float>(1, 2, 3, 4), in: alloc)
      check(SIMD8<Float>(repeating: 1), in: alloc)
      check(SIMD16<Double>(repeating: 1), in: alloc)
      check((UInt8(1), SIMD2<Double>(1, 2)), in: alloc)
    }
  }

  struct Empty: BitwiseCopyable, Equatable {}

  @Test("zero-sized types take no memory and read back")
  func zeroSizedTypes() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      _ = alloc.allocate(UInt8(0))
      let before = alloc.statistics.bytesInUse
      let empty = alloc.allocate(Empty())
      let many = alloc.allocateArray(repeating: Empty(), count: 1_000_000)
      #expect(empty.value == Empty())
      #expect(many.count == 1_000_000)
      #expect(many[999_999] == Empty())
      #expect(alloc.statistics.bytesInUse == before)
    }
  }

  @Test("a request larger than a block gets a block of its own, and small ones continue")
  func oversizedRequest() {
    var arena = MemoryArena(blockSize: 4096)
    arena.withAllocator { alloc in
      let small = alloc.allocate(1)
      let big = alloc.allocateArray(repeating: Float(2), count: 10_000)
      let after = alloc.allocate(3)
      #expect(big.count == 10_000 && big[0] == 2 && big[9_999] == 2)
      #expect(small.value == 1 && after.value == 3)
    }
    let stats = arena.statistics
    #expect(stats.highWaterBytes >= 40_000)
    // After the outermost scope the blocks were coalesced into one big enough for the high-water mark.
    #expect(stats.blockCount == 1)
    #expect(stats.reservedBytes >= stats.highWaterBytes)
    // The same workload now runs without any new system allocation.
    let allocationsBefore = arena.statistics.systemAllocationCount
    arena.withAllocator { alloc in
      _ = alloc.allocate(1)
      _ = alloc.allocateArray(repeating: Float(2), count: 10_000)
    }
    #expect(arena.statistics.systemAllocationCount == allocationsBefore)
  }

  @Test("a nested scope releases only what it allocated")
  func nestedScopes() {
    var arena = MemoryArena(blockSize: 256)
    arena.withAllocator { outer in
      var kept = outer.allocateArray(count: 10) { Float($0) }
      let usedBefore = outer.statistics.bytesInUse
      var innerAddress: UInt = 0
      outer.withScope { inner in
        // Enough to spill into further blocks.
        let temporary = inner.allocateArray(repeating: Double(9), count: 100)
        innerAddress = temporary.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        #expect(kept[3] == 3)
        kept[3] = 30
      }
      #expect(outer.statistics.bytesInUse == usedBefore)
      #expect(kept.copyToArray() == [0, 1, 2, 30, 4, 5, 6, 7, 8, 9])
      // The next nested scope reuses the same memory.
      outer.withScope { inner in
        let again = inner.allocateArray(repeating: Double(1), count: 100)
        #expect(again.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == innerAddress)
      }
    }
  }

  @Test("a scope releases its memory when its body throws")
  func releaseOnThrow() {
    struct Failure: Error {}
    var arena = MemoryArena()
    #expect(throws: Failure.self) {
      try arena.withAllocator { alloc throws(Failure) in
        _ = alloc.allocateArray(repeating: 1, count: 100)
        throw Failure()
      }
    }
    #expect(arena.statistics.bytesInUse == 0)
    #expect(arena.statistics.highWaterBytes >= 800)
  }

  @Test("arrays can be filled by repetition, from a collection, from a span, or element by element")
  func arrayInitializers() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      let repeated = alloc.allocateArray(repeating: Int16(5), count: 4)
      #expect(repeated.copyToArray() == [5, 5, 5, 5])
      let copied = alloc.allocateArray(copying: 1...5)
      #expect(copied.copyToArray() == [1, 2, 3, 4, 5])
      let source: [Double] = [0.5, 1.5]
      let fromSpan = alloc.allocateArray(copying: source.span)
      #expect(fromSpan.copyToArray() == source)
      #expect(fromSpan.span.count == 2 && fromSpan.span[1] == 1.5)
      var computed = alloc.allocateArray(count: 5) { $0 * $0 }
      #expect(computed.copyToArray() == [0, 1, 4, 9, 16])
      #expect(computed.first == 0 && computed.last == 16 && computed.indices == 0..<5)
      let empty = alloc.allocateArray(copying: [Int]())
      #expect(empty.isEmpty && empty.first == nil)
      computed.update(repeating: 7)
      #expect(computed.copyToArray() == [7, 7, 7, 7, 7])
    }
  }

  @Test("an initializer that throws propagates its error")
  func throwingInitializer() {
    struct Stop: Error {}
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      #expect(throws: Stop.self) {
        _ = try alloc.allocateArray(count: 10) { (i: Int) throws(Stop) -> Int in
          if i == 5 { throw Stop() }
          return i
        }
      }
    }
  }

  @Test("count * stride overflow is an error, not a wrap")
  func sizeOverflow() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      #expect(throws: ArenaError.sizeOverflow(count: Int.max / 4, stride: 8)) {
        _ = try alloc.tryAllocateArray(repeating: Double(0), count: Int.max / 4)
      }
    }
    #expect(arena.statistics.reservedBytes == 0)
  }

  @Test("the budget is enforced with a recoverable error")
  func budget() throws {
    var arena = MemoryArena(blockSize: 1024, budget: 4096)
    arena.withAllocator { alloc in
      #expect(throws: ArenaError.budgetExceeded(requested: 8000, reserved: 0, budget: 4096)) {
        _ = try alloc.tryAllocateBytes(byteCount: 8000, alignment: 8)
      }
      // Four blocks of 1 KiB fit in the budget; a fifth does not.
      for _ in 0..<4 { _ = try? alloc.tryAllocateBytes(byteCount: 1000, alignment: 8) }
      #expect(alloc.statistics.reservedBytes == 4096)
      do throws(ArenaError) {
        _ = try alloc.tryAllocate(SIMD16<Double>(repeating: 0))  // 128 bytes: the last block is full
        Issue.record("expected the budget to be exceeded")
      } catch {
        #expect(error == .budgetExceeded(requested: 128, reserved: 4096, budget: 4096))
        #expect(error.description.contains("4096"))
      }
    }
  }

  @Test("statistics report known allocations")
  func statistics() {
    var arena = MemoryArena(blockSize: 1000)
    #expect(arena.statistics == ArenaStatistics(
      bytesInUse: 0, highWaterBytes: 0, reservedBytes: 0, blockCount: 0, slowPathCount: 0, systemAllocationCount: 0))
    arena.withAllocator { alloc in
      _ = alloc.allocateArray(repeating: UInt64(0), count: 100)   // 800 bytes
      #expect(alloc.statistics.bytesInUse == 800)
      _ = alloc.allocateArray(repeating: UInt64(0), count: 50)    // does not fit: second block
      #expect(alloc.statistics.bytesInUse == 1200)
    }
    let stats = arena.statistics
    #expect(stats.bytesInUse == 0)
    #expect(stats.highWaterBytes == 1200)
    #expect(stats.slowPathCount == 2)            // the first block, then the second
    #expect(stats.systemAllocationCount == 3)    // two blocks, then one coalesced block
    #expect(stats.blockCount == 1)
    #expect(stats.reservedBytes == 2000)         // the high-water mark rounded up to the block size
    arena.trim()
    #expect(arena.statistics.reservedBytes == 0 && arena.statistics.blockCount == 0)
  }

  @Test("an arena moves to another thread and works there")
  func movedToAnotherThread() async {
    func requireSendable<T: Sendable & ~Copyable>(_: borrowing T) {}
    var arena = MemoryArena()
    arena.withAllocator { _ = $0.allocate(1) }
    requireSendable(arena)
    // A noncopyable value cannot be captured by an escaping closure, so it travels in a box.
    final class Handoff: @unchecked Sendable {
      var arena: MemoryArena?
      init(_ arena: consuming MemoryArena) { self.arena = consume arena }
    }
    let handoff = Handoff(arena)
    let total = await Task.detached {
      var arena = handoff.arena.take()!
      return arena.withAllocator { alloc in
        let values = alloc.allocateArray(count: 100) { Float($0) }
        var sum: Float = 0
        for i in values.indices { sum += values[i] }
        return sum
      }
    }.value
    #expect(total == 4950)
  }

  @Test("with poisoning on, released memory reads as poison: stale floats are NaN")
  func poisoning() {
    var arena = MemoryArena(poisonsReleasedMemory: true)
    var stale: UnsafePointer<Float>?
    var staleInteger: UnsafePointer<Int>?
    arena.withAllocator { alloc in
      let floats = alloc.allocateArray(repeating: Float(1), count: 16)
      stale = floats.withUnsafeBufferPointer { $0.baseAddress }
      let integer = alloc.allocate(12345)
      staleInteger = integer.withUnsafeMutablePointer { UnsafePointer($0) }
    }
    // Deliberately reading released memory, as a bug would.
    #expect(stale![0].isNaN && stale![15].isNaN)
    #expect(staleInteger!.pointee == -1)
  }
}

