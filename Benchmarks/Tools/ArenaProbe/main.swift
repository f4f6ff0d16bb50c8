// arena-probe: small release-mode workloads for looking at LightArena without
// the benchmark framework. Callgrind counts instructions here (this VM has no
// hardware performance counters), and `reset-timing` times scope release with
// nothing but clock_gettime. See README.md, "Instruction counts".
//
//   arena-probe allocate-arena | allocate-class | allocate-malloc
//   arena-probe reset <N> <rounds>        (for callgrind: rounds x 1,000 nested scopes of N values)
//   arena-probe reset-timing <N> [written|untouched] [pause-ms]
//       ns per release, over 50 rounds of 1,000 releases; with a pause, the
//       innermost scope first computes for that long without touching memory.

import LightArena

let arguments = Array(CommandLine.arguments.dropFirst())
let count = arguments.count > 1 ? Int(arguments[1]) ?? 10 : 10

switch arguments.first {
case "allocate-arena":
  var arena = MemoryArena()
  arena.withAllocator { _ = $0.allocateArray(repeating: SmallValue(seed: 0), count: valuesPerScope) }
  allocateInArena(&arena)

case "allocate-class":
  allocateObjects()

case "allocate-malloc":
  allocateWithMalloc()

case "reset":
  let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 2 : 2
  var arena = MemoryArena()
  // The first round reserves blocks and coalesces them; later rounds are steady state.
  for _ in 0..<rounds {
    arena.withAllocator { root in openNestedScopes(root, depth: 1_000, count: count, write: true) {} }
  }
  print(arena.statistics)

case "reset-timing":
  let write = arguments.count > 2 && arguments[2] == "written"
  let pauseMilliseconds = arguments.count > 3 ? UInt64(arguments[3]) ?? 0 : 0
  var arena = MemoryArena()
  var nanosecondsPerRelease: [Double] = []
  for round in 0..<60 {
    var start: UInt64 = 0
    let end = arena.withAllocator { root in
      openNestedScopes(root, depth: 1_000, count: count, write: write) {
        spin(milliseconds: pauseMilliseconds)
        start = monotonicNanoseconds()
      }
      return monotonicNanoseconds()
    }
    if round >= 10 { nanosecondsPerRelease.append(Double(end - start) / 1_000) }  // after warm-up
  }
  nanosecondsPerRelease.sort()
  let median = nanosecondsPerRelease[nanosecondsPerRelease.count / 2]
  let pause = pauseMilliseconds > 0 ? ", after a \(pauseMilliseconds) ms pause" : ""
  print("N = \(count), \(write ? "written" : "untouched")\(pause): min \(nanosecondsPerRelease[0]) ns, median \(median) ns per release")

default:
  print("usage: arena-probe allocate-arena | allocate-class | allocate-malloc | reset <N> <rounds> | reset-timing <N> [written|untouched] [pause-ms]")
}
