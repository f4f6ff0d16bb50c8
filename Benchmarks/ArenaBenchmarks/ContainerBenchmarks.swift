// Group 5: the containers arena users ask for, each beside what it replaces.
// - vectors: 1,000 appends per scope to an ArenaVector and to a Swift Array,
//   with and without reserving first; figures per append.
// - pool: a request-sized piece of work (64 floats, a 40-byte name, a sum)
//   with an arena from an ArenaPool, with a fresh MemoryArena per request,
//   and on the heap; figures per request.
// - strings: copying a 40-byte string's UTF-8 into the arena, and into a
//   [UInt8]; figures per copy.

import Benchmark
import LightArena

let appendsPerScope = 1_000
let requestsPerSample = 1_000

func registerContainerBenchmarks() {
  let perAppend = Benchmark.Configuration(scalingFactor: .mega)
  let perRequest = Benchmark.Configuration(scalingFactor: .kilo)

  Benchmark("vector: ArenaVector append", configuration: perAppend) { benchmark in
    var arena = MemoryArena()
    arena.withAllocator { alloc in _ = alloc.allocateBytes(byteCount: 16 * appendsPerScope, alignment: 8) }
    benchmark.startMeasurement()
    for scope in 0..<scopesPerSample {
      arena.withAllocator { alloc in
        var vector = alloc.makeVector(of: Int.self)
        for i in 0..<appendsPerScope { vector.append(i &+ scope) }
        blackHole(vector[appendsPerScope - 1])
      }
    }
    benchmark.stopMeasurement()
  }

  Benchmark("vector: ArenaVector append, reserved", configuration: perAppend) { benchmark in
    var arena = MemoryArena()
    arena.withAllocator { alloc in _ = alloc.allocateBytes(byteCount: 16 * appendsPerScope, alignment: 8) }
    benchmark.startMeasurement()
    for scope in 0..<scopesPerSample {
      arena.withAllocator { alloc in
        var vector = alloc.makeVector(of: Int.self, capacity: appendsPerScope)
        for i in 0..<appendsPerScope { vector.append(i &+ scope) }
        blackHole(vector[appendsPerScope - 1])
      }
    }
    benchmark.stopMeasurement()
  }

  Benchmark("vector: Array append", configuration: perAppend) { benchmark in
    for scope in 0..<scopesPerSample {
      var array: [Int] = []
      for i in 0..<appendsPerScope { array.append(i &+ scope) }
      blackHole(array[appendsPerScope - 1])
    }
  }

  Benchmark("vector: Array append, reserved", configuration: perAppend) { benchmark in
    for scope in 0..<scopesPerSample {
      var array: [Int] = []
      array.reserveCapacity(appendsPerScope)
      for i in 0..<appendsPerScope { array.append(i &+ scope) }
      blackHole(array[appendsPerScope - 1])
    }
  }

  let name = "request from client 192.168.100.200:8080"   // 40 bytes: a heap string

  /// The request's work in an arena: the readings, the name's bytes and a sum.
  func arenaRequest(_ arena: inout MemoryArena, _ seed: Float) -> Float {
    arena.withAllocator { alloc in
      let readings = alloc.allocateArray(count: 64) { Float($0) * seed }
      let copy = alloc.allocateString(copying: name)
      var sum: Float = 0
      for i in readings.indices { sum += readings[i] }
      return sum + Float(copy.count)
    }
  }

  Benchmark("pool: ArenaPool.withArena", configuration: perRequest) { benchmark in
    let pool = ArenaPool(maximumIdleCount: 4)
    let seed = identity(Float(0.5))
    pool.withArena { arena in blackHole(arenaRequest(&arena, seed)) }   // warm-up
    benchmark.startMeasurement()
    for _ in 0..<requestsPerSample {
      pool.withArena { arena in blackHole(arenaRequest(&arena, seed)) }
    }
    benchmark.stopMeasurement()
  }

  Benchmark("pool: fresh MemoryArena per request", configuration: perRequest) { benchmark in
    let seed = identity(Float(0.5))
    for _ in 0..<requestsPerSample {
      var arena = MemoryArena()
      blackHole(arenaRequest(&arena, seed))
    }
  }

  Benchmark("pool: heap per request", configuration: perRequest) { benchmark in
    let seed = identity(Float(0.5))
    for _ in 0..<requestsPerSample {
      let readings = (0..<64).map { Float($0) * seed }
      let copy = [UInt8](identity(name).utf8)
      var sum: Float = 0
      for reading in readings { sum += reading }
      blackHole(sum + Float(copy.count))
    }
  }

  Benchmark("strings: arena copy", configuration: perAppend) { benchmark in
    var arena = MemoryArena()
    arena.withAllocator { alloc in _ = alloc.allocateBytes(byteCount: 64 * appendsPerScope, alignment: 8) }
    let text = identity(name)
    benchmark.startMeasurement()
    for _ in 0..<scopesPerSample {
      arena.withAllocator { alloc in
        for _ in 0..<appendsPerScope { blackHole(alloc.allocateString(copying: text).count) }
      }
    }
    benchmark.stopMeasurement()
  }

  Benchmark("strings: [UInt8] copy", configuration: perAppend) { benchmark in
    let text = identity(name)
    for _ in 0..<scopesPerSample {
      for _ in 0..<appendsPerScope { blackHole([UInt8](text.utf8).count) }
    }
  }
}
