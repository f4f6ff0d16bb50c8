import LightArena
import Testing

/// Misuse that the compiler cannot see stops the program with a message. Each
/// test runs its body in a child process (a Swift Testing exit test) and checks
/// what it printed. (These run in the test build, which is not optimized;
/// `ClientBuildTests` checks that the messages also appear in a client built with `-O`.)
@Suite("Misuse stops the program")
struct TrapTests {
  /// Whether the child's standard error contains `message`.
  static func printed(_ result: ExitTest.Result?, _ message: String) -> Bool {
    guard let result else { return false }
    return String(decoding: result.standardErrorContent, as: UTF8.self).contains(message)
  }

  @Test("exceeding the budget without try traps, saying why")
  func budgetTrap() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena(blockSize: 1024, budget: 1024)
      arena.withAllocator { alloc in
        _ = alloc.allocateArray(repeating: UInt8(0), count: 2048)
      }
    }
    #expect(Self.printed(result, "arena budget exceeded"))
  }

  @Test("an overflowing array size traps instead of wrapping")
  func overflowTrap() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        _ = alloc.allocateArray(repeating: UInt64(0), count: Int.max / 2)
      }
    }
    #expect(Self.printed(result, "elements of 8 bytes each"))
  }

  @Test("allocating through an outer scope's allocator inside a nested scope traps")
  func outerAllocatorInNestedScope() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { outer in
        let alias = outer
        outer.withScope { _ in
          // This memory would be released by the nested scope while `outer` still owns it.
          _ = alias.allocate(1)
        }
      }
    }
    #expect(Self.printed(result, "nested scope is open"))
  }

  @Test("an alignment that is not a power of two traps")
  func badAlignment() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        _ = alloc.allocateBytes(byteCount: 8, alignment: 24)
      }
    }
    #expect(Self.printed(result, "got 24"))
  }

  @Test("an index out of range traps, with the index and the range")
  func indexOutOfRange() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        let values = alloc.allocateArray(repeating: 0, count: 4)
        _ = values[Int.random(in: 4...4)]
      }
    }
    #expect(Self.printed(result, "ArenaArray index 4 out of range 0..<4"))
  }

  @Test("a conversion closure that returns another type's metatype traps, in every build")
  func wrongMetatype() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        _ = alloc.allocate(Circle(radius: 1)) { _ in Dot.self as any Shape.Type }
      }
    }
    #expect(Self.printed(result, "does not name Circle"))
  }

  @Test("a conversion to something that is not a metatype traps")
  func notAMetatype() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        _ = alloc.allocate(Circle(radius: 1)) { _ in 42 }
      }
    }
    #expect(Self.printed(result, "the metatype 42 does not name Circle"))
  }

  @Test("a conversion to a value narrower than a metatype traps")
  func emptyMetatype() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        _ = alloc.allocate(Circle(radius: 1)) { _ in () }
      }
    }
    #expect(Self.printed(result, "does not name Circle"))
  }

  @Test("loading a protocol value as another type traps, in every build")
  func loadAsWrongType() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        let shape = alloc.allocate(Circle(radius: 1)) { $0 as any Shape.Type }
        _ = shape.load(as: Triangle.self)
      }
    }
    #expect(Self.printed(result, "does not name Triangle"))
  }

  @Test("appending to a full existential array traps")
  func fullExistentialArray() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        var shapes = alloc.makeExistentialArray(capacity: 1, of: (any Shape.Type).self)
        shapes.append(Dot()) { $0 }
        shapes.append(Dot()) { $0 }
      }
    }
    #expect(Self.printed(result, "ArenaExistentialArray is full (capacity 1)"))
  }

  @Test("a matching metatype passes the check, and so does a concrete one")
  func matchingMetatype() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var shapes = alloc.makeExistentialArray(capacity: 1, of: (any Shape.Type).self)
      shapes.append(Circle(radius: 1)) { $0 }
      #expect(shapes[0].metatype is Circle.Type)
      #expect(shapes[0].load(as: Circle.self).radius == 1)
      #expect(shapes[0].unsafeLoad(as: Circle.self).radius == 1)
      let any = alloc.allocate(Triangle(a: .zero, b: .one, c: .zero)) { $0 as Any.Type }
      #expect(any.load(as: Triangle.self).b == .one)
      let concrete = alloc.allocate(Circle(radius: 2)) { $0 }   // Metatype == Circle.Type
      #expect(concrete.load(as: Circle.self).radius == 2)
    }
  }

  #if DEBUG
  @Test("unsafeLoad(as:) checks the type when the calling code is not optimized")
  func unsafeLoadInDebugBuilds() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var arena = MemoryArena()
      arena.withAllocator { alloc in
        let shape = alloc.allocate(Circle(radius: 1)) { $0 as any Shape.Type }
        _ = shape.unsafeLoad(as: Dot.self)
      }
    }
    #expect(Self.printed(result, "unsafeLoad(as:): the metatype"))
  }
  #endif
}
