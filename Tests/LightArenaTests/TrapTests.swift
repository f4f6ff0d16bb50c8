import LightArena
import Testing

/// Misuse that the compiler cannot see stops the program with a message. Each
/// test runs its body in a child process (a Swift Testing exit test).
@Suite("Misuse stops the program")
struct TrapTests {
  @Test("exceeding the budget without try traps")
  func budgetTrap() async {
    await #expect(processExitsWith: .failure) {
      var arena = MemoryArena(blockSize: 1024, budget: 1024)
      arena.withAllocator { alloc in
        _ = alloc.allocateArray(repeating: UInt8(0), count: 2048)
      }
    }
  }

  @Test("an overflowing array size traps instead of wrapping")
  func overflowTrap() async {
    await #expect(processExitsWith: .failure) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        _ = alloc.allocateArray(repeating: UInt64(0), count: Int.max / 2)
      }
    }
  }

  @Test("allocating through an outer scope's allocator inside a nested scope traps")
  func outerAllocatorInNestedScope() async {
    await #expect(processExitsWith: .failure) {
      var arena = MemoryArena()
      arena.withAllocator { outer in
        let alias = outer
        outer.withScope { _ in
          // This memory would be released by the nested scope while `outer` still owns it.
          _ = alias.allocate(1)
        }
      }
    }
  }

  @Test("an alignment that is not a power of two traps")
  func badAlignment() async {
    await #expect(processExitsWith: .failure) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        _ = alloc.allocateBytes(byteCount: 8, alignment: 24)
      }
    }
  }

  #if DEBUG
  @Test("debug builds reject a metatype that does not name the value's type")
  func wrongMetatype() async {
    await #expect(processExitsWith: .failure) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        _ = alloc.allocate(Circle(radius: 1), as: Dot.self as any Shape.Type)
      }
    }
  }

  @Test("a matching metatype passes the debug check")
  func matchingMetatype() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var shapes = alloc.makeExistentialArray(capacity: 1, of: (any Shape.Type).self)
      shapes.append(Circle(radius: 1), as: Circle.self)
      #expect(shapes[0].metatype is Circle.Type)
    }
  }
  #endif
}
