import LightArena
import Synchronization
import Testing

@Suite("ArenaPool")
struct ArenaPoolTests {
  /// A request-sized piece of work: some scratch arrays and a nested scope.
  static func handle(_ request: Int, in arena: inout MemoryArena) -> Int {
    arena.withAllocator { alloc in
      let numbers = alloc.allocateArray(count: 64 + request % 64) { $0 + request }
      let total = alloc.withScope { inner in
        let doubled = inner.allocateArray(count: numbers.count) { numbers[$0] * 2 }
        return doubled[doubled.count - 1]
      }
      return total
    }
  }

  @Test("many tasks share a few arenas, and reused arenas make no system allocation")
  func taskGroup() async {
    let pool = ArenaPool(maximumIdleCount: 64, blockSize: 4096)
    /// For each call: whether its arena was reused, and how many blocks the system gave it during the call.
    final class Leases: Sendable {
      let list = Mutex<[(reused: Bool, newBlocks: Int)]>([])
    }
    let leases = Leases()
    for _ in 0..<2 {   // the first wave warms the arenas, the second reuses them
      await withTaskGroup(of: Int.self) { group in
        for request in 0..<500 {
          group.addTask {
            pool.withArena { arena in
              let before = arena.statistics.systemAllocationCount
              let result = Self.handle(request, in: &arena)
              let newBlocks = arena.statistics.systemAllocationCount - before
              leases.list.withLock { $0.append((before > 0, newBlocks)) }
              return result
            }
          }
        }
        var sum = 0
        for await result in group { sum += result }
        #expect(sum > 0)
      }
    }
    let all = leases.list.withLock { $0 }
    #expect(all.count == 1000)
    // Arenas are made only when all are busy: at most one per call running at once.
    #expect(pool.madeCount <= 16)
    #expect(pool.idleCount == pool.madeCount)
    let reused = all.filter(\.reused)
    #expect(reused.count >= 1000 - pool.madeCount)
    #expect(reused.allSatisfy { $0.newBlocks == 0 })
  }

  @Test("an async body keeps its arena across suspension points")
  func asyncBody() async throws {
    let pool = ArenaPool(maximumIdleCount: 4)
    try await withThrowingTaskGroup(of: Float.self) { group in
      for task in 0..<50 {
        group.addTask {
          await pool.withArena { arena in
            var total: Float = 0
            for step in 0..<3 {
              total += arena.withAllocator { alloc in
                alloc.allocateArray(count: 16) { Float($0 + task + step) }[15]
              }
              await Task.yield()   // another task may run, on this thread or another
            }
            return total
          }
        }
      }
      var count = 0
      for try await total in group { #expect(total > 0); count += 1 }
      #expect(count == 50)
    }
    #expect(pool.idleCount <= 4)
  }

  @Test("a full pool frees the arenas that come back; an error still returns the arena")
  func capAndErrors() {
    struct Failure: Error {}
    let pool = ArenaPool(maximumIdleCount: 1)
    pool.withArena { outer in
      outer.withAllocator { _ = $0.allocate(1) }
      pool.withArena { inner in inner.withAllocator { _ = $0.allocate(2) } }   // a second arena
    }
    #expect(pool.madeCount == 2)
    #expect(pool.idleCount == 1)   // the cap: one of the two was freed
    #expect(throws: Failure.self) {
      try pool.withArena { (_: inout MemoryArena) throws(Failure) in throw Failure() }
    }
    #expect(pool.idleCount == 1 && pool.madeCount == 2)   // lent and returned, not lost
    let empty = ArenaPool(maximumIdleCount: 0)
    empty.withArena { arena in arena.withAllocator { _ = $0.allocate(3) } }
    #expect(empty.idleCount == 0)
  }
}
