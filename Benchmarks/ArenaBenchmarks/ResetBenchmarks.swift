// Group 4: the cost of ending a scope, for scopes holding 10 and 10,000
// allocations.
//
// Method: a sample opens 1,000 nested scopes, each holding N allocations, and
// starts the clock in the innermost one. The clock then runs while the 1,000
// scopes are released one after the other (innermost first) and stops when
// the last has been released. No allocation is timed, so the figure is the
// release alone (plus returning from the scope's closure, which is the same for
// every N), and it is averaged over 1,000 releases, far above the clock's
// resolution. The figures are per released scope.
//
// Two kinds of allocation are measured. "values" writes an `Int` into each
// allocation, as real code does; for N = 10,000 that streams 80 MB through the
// caches before the clock starts. "untouched" allocations only move the cursor
// (`allocateBytes`) and touch no memory. The release code does the same work
// for every N (35 instructions, see README.md); what still differs in time
// between N = 10 and N = 10,000 is the state of the caches after the longer
// allocation phase, not work proportional to N.

import Benchmark
import LightArena

let nestedScopesPerSample = 1_000

/// Keeps one arena alive across samples, so that its memory (up to 80 MB for
/// N = 10,000) is reserved and touched once, not on every sample.
final class ArenaHolder {
  var arena = MemoryArena()
}

/// Opens `depth` nested scopes below `alloc`, makes `allocationsPerScope`
/// 8-byte allocations in each (written to if `writeValues`), and calls
/// `atInnermost` in the innermost one.
func openNestedScopes(
  in alloc: ArenaAllocator, depth: Int, allocationsPerScope: Int, writeValues: Bool, atInnermost: () -> Void
) {
  alloc.withScope { scope in
    if writeValues {
      for index in 0..<allocationsPerScope { _ = scope.allocate(index) }
    } else {
      for _ in 0..<allocationsPerScope { _ = scope.allocateBytes(byteCount: 8, alignment: 8) }
    }
    if depth > 1 {
      openNestedScopes(
        in: scope, depth: depth - 1, allocationsPerScope: allocationsPerScope, writeValues: writeValues,
        atInnermost: atInnermost)
    } else {
      atInnermost()
    }
  }
}

func registerResetBenchmarks() {
  let perRelease = Benchmark.Configuration(scalingFactor: .kilo, maxIterations: 200)

  for writeValues in [true, false] {
    for allocationsPerScope in [10, 10_000] {
      registerResetBenchmark(allocationsPerScope: allocationsPerScope, writeValues: writeValues, perRelease)
    }
  }
}

func registerResetBenchmark(allocationsPerScope: Int, writeValues: Bool, _ configuration: Benchmark.Configuration) {
  let holder = ArenaHolder()
  let kind = writeValues ? "values" : "untouched"
  Benchmark("reset: release a scope of \(allocationsPerScope) \(kind)", configuration: configuration) { benchmark in
    holder.arena.withAllocator { root in
      openNestedScopes(
        in: root, depth: nestedScopesPerSample, allocationsPerScope: allocationsPerScope, writeValues: writeValues
      ) {
        // Every scope really holds its allocations when the clock starts.
        let expected = nestedScopesPerSample * allocationsPerScope * MemoryLayout<Int>.stride
        if root.statistics.bytesInUse < expected {
          benchmark.error("expected at least \(expected) bytes in use, found \(root.statistics.bytesInUse)")
        }
        benchmark.startMeasurement()
      }
      benchmark.stopMeasurement()
    }
  }
}
