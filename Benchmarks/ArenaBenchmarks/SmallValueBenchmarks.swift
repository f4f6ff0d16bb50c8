// Group 1: one small value (32 bytes) in the arena, as a class instance, and
// from malloc/free. Every sample makes 1,000,000 of them, in 1,000 scopes of
// 1,000; the default table shows figures per value.

import Benchmark
import LightArena

#if canImport(Glibc)
import Glibc
#endif

let allocationsPerScope = 1_000
let scopesPerSample = 1_000

/// Each value's address is handed to `blackHole` (an unoptimized empty function)
/// so that the optimizer can neither drop the allocation nor promote a class
/// instance to the stack. The same sink is used by every variant; its own cost
/// is the "sink only" row.
func registerSmallValueBenchmarks() {
  let perValue = Benchmark.Configuration(scalingFactor: .mega)

  Benchmark("small struct: sink only (baseline)", configuration: perValue) { benchmark in
    var address = UnsafeMutableRawPointer(bitPattern: 64)!
    for _ in 0..<scopesPerSample {
      for _ in 0..<allocationsPerScope {
        blackHole(address)
        address += 32
      }
    }
  }

  Benchmark("small struct: arena", configuration: perValue) { benchmark in
    var arena = MemoryArena()
    // Warm-up: the first scope reserves the arena's block; later ones reuse it.
    arena.withAllocator { alloc in _ = alloc.allocateArray(repeating: SmallValue(seed: 0), count: allocationsPerScope) }
    benchmark.startMeasurement()
    for _ in 0..<scopesPerSample {
      arena.withAllocator { alloc in
        for index in 0..<allocationsPerScope {
          let value = alloc.allocate(SmallValue(seed: Float(index)))
          value.withUnsafeMutablePointer { blackHole(UnsafeMutableRawPointer($0)) }
        }
      }
    }
    benchmark.stopMeasurement()
  }

  Benchmark("small struct: class instance", configuration: perValue) { benchmark in
    for _ in 0..<scopesPerSample {
      for index in 0..<allocationsPerScope {
        // Allocated, initialized, handed to the sink, released: one malloc and one free.
        let object = SmallObject(seed: Float(index))
        blackHole(object)
      }
    }
  }

  Benchmark("small struct: malloc+free", configuration: perValue) { benchmark in
    for _ in 0..<scopesPerSample {
      for index in 0..<allocationsPerScope {
        let memory = malloc(MemoryLayout<SmallValue>.size)!
        memory.initializeMemory(as: SmallValue.self, to: SmallValue(seed: Float(index)))
        blackHole(memory)
        free(memory)
      }
    }
  }

  // The same values kept alive until the end of their unit of work, which is
  // how an arena is used: each value's address (or the object) is stored in a
  // preallocated table, and the sink sees only the table, once per 1,000 values.
  // This leaves out the per-value sink call that dominates the rows above.

  Benchmark("small struct, kept for the scope: arena", configuration: perValue) { benchmark in
    var arena = MemoryArena()
    let table = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: allocationsPerScope)
    table.initialize(repeating: nil, count: allocationsPerScope)
    defer { table.deallocate() }
    arena.withAllocator { alloc in _ = alloc.allocateArray(repeating: SmallValue(seed: 0), count: allocationsPerScope) }
    benchmark.startMeasurement()
    for _ in 0..<scopesPerSample {
      arena.withAllocator { alloc in
        for index in 0..<allocationsPerScope {
          let value = alloc.allocate(SmallValue(seed: Float(index)))
          table[index] = value.withUnsafeMutablePointer { UnsafeMutableRawPointer($0) }
        }
        blackHole(table)
      }
    }
    benchmark.stopMeasurement()
  }

  Benchmark("small struct, kept for the scope: class instance", configuration: perValue) { benchmark in
    let table = UnsafeMutablePointer<SmallObject?>.allocate(capacity: allocationsPerScope)
    table.initialize(repeating: nil, count: allocationsPerScope)
    defer {
      table.deinitialize(count: allocationsPerScope)
      table.deallocate()
    }
    benchmark.startMeasurement()
    for _ in 0..<scopesPerSample {
      for index in 0..<allocationsPerScope {
        // Storing releases the object made for this slot one round earlier.
        table[index] = SmallObject(seed: Float(index))
      }
      blackHole(table)
    }
    benchmark.stopMeasurement()
  }
}
