import LightArena
import Testing

@Suite("Steady state")
struct SteadyStateTests {
  @Test("a repeated workload makes zero heap allocations after warm-up, even across block switches", .enabled(if: MallocCount.isActive, "the malloc counter is off under AddressSanitizer"))
  func zeroMallocsPerScope() {
    // A small block size forces the first scopes across several blocks.
    var arena = MemoryArena(blockSize: 1024)
    func pixel(_ arena: inout MemoryArena, _ index: Int) -> Float {
      arena.withAllocator { alloc in
        let samples = alloc.allocateArray(count: 64 + index % 32) { Float($0) }
        var total: Float = 0
        for sample in 0..<8 {
          total += alloc.withScope { inner in
            let scratch = inner.allocateArray(repeating: Float(sample), count: 100)
            let weight = inner.allocate(Float(0.5))
            return scratch[99] * weight.value
          }
        }
        return total + samples[63]
      }
    }
    for i in 0..<100 { _ = pixel(&arena, i) }
    let statsBefore = arena.statistics
    let before = MallocCount.now()
    for i in 0..<10_000 { _ = pixel(&arena, i) }
    #expect(MallocCount.now() - before == 0)
    #expect(arena.statistics.systemAllocationCount == statsBefore.systemAllocationCount)
    #expect(arena.statistics.blockCount == 1)
  }
}
