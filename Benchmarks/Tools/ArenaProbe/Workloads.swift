// The workloads that `arena-probe` runs. Each is a named function, so that
// callgrind can report its instructions alone.

import InstructionCountSink
import LightArena

#if canImport(Glibc)
import Glibc
#endif

/// 32 bytes, as in the benchmarks.
struct SmallValue: BitwiseCopyable {
  var position: SIMD3<Float>
  var u, v, weight, pdf: Float
  init(seed: Float) {
    position = SIMD3(seed, seed + 1, seed + 2)
    u = seed; v = -seed; weight = 1; pdf = 0.5
  }
}

/// The same fields in a class.
final class SmallObject {
  var position: SIMD3<Float>
  var u, v, weight, pdf: Float
  init(seed: Float) {
    position = SIMD3(seed, seed + 1, seed + 2)
    u = seed; v = -seed; weight = 1; pdf = 0.5
  }
}

/// Keeps an allocation alive in the eyes of the optimizer: an empty C function
/// that Swift cannot see into (a Swift function, even `@_optimize(none)`, is
/// seen through by LLVM, which then deletes malloc/free pairs).
func sink(_ pointer: UnsafeRawPointer) { instruction_count_sink(pointer) }

func sink(_ object: AnyObject) { instruction_count_sink(Unmanaged.passUnretained(object).toOpaque()) }

let scopeCount = 1_000
let valuesPerScope = 1_000

/// 1,000,000 values in the arena, 1,000 per scope.
@inline(never)
func allocateInArena(_ arena: inout MemoryArena) {
  for _ in 0..<scopeCount {
    arena.withAllocator { alloc in
      for index in 0..<valuesPerScope {
        let value = alloc.allocate(SmallValue(seed: Float(index)))
        value.withUnsafeMutablePointer { sink($0) }
      }
    }
  }
}

/// 1,000,000 class instances, each released right after use.
@inline(never)
func allocateObjects() {
  for _ in 0..<scopeCount {
    for index in 0..<valuesPerScope { sink(SmallObject(seed: Float(index))) }
  }
}

/// 1,000,000 malloc/free pairs of 32 bytes.
@inline(never)
func allocateWithMalloc() {
  for _ in 0..<scopeCount {
    for index in 0..<valuesPerScope {
      let memory = malloc(MemoryLayout<SmallValue>.size)!
      memory.initializeMemory(as: SmallValue.self, to: SmallValue(seed: Float(index)))
      sink(memory)
      free(memory)
    }
  }
}

/// Opens `depth` nested scopes below `alloc` with `count` 8-byte allocations
/// each (written if `write`), and calls `atInnermost` in the innermost one.
/// Every scope is then released by `ArenaState.release(to:)`.
func openNestedScopes(
  _ alloc: ArenaAllocator, depth: Int, count: Int, write: Bool, atInnermost: () -> Void
) {
  alloc.withScope { scope in
    if write {
      for index in 0..<count { _ = scope.allocate(index) }
    } else {
      for _ in 0..<count { _ = scope.allocateBytes(byteCount: 8, alignment: 8) }
    }
    if depth > 1 {
      openNestedScopes(scope, depth: depth - 1, count: count, write: write, atInnermost: atInnermost)
    } else {
      atInnermost()
    }
  }
}

/// Nanoseconds from a monotonic clock.
func monotonicNanoseconds() -> UInt64 {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Computes for `milliseconds` without touching memory (the clock is read every
/// 65,536 steps): a stand-in for the time a long allocation phase takes.
func spin(milliseconds: UInt64) {
  guard milliseconds > 0 else { return }
  let end = monotonicNanoseconds() + milliseconds * 1_000_000
  var state: UInt64 = 1
  repeat {
    for step in 0..<UInt64(65_536) { state = state &* 6_364_136_223_846_793_005 &+ step }
  } while monotonicNanoseconds() < end
  if state == 42 { print("") }  // keeps the computation
}
