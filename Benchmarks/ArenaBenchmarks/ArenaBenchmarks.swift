// Benchmarks for LightArena, run with `swift package benchmark` from the
// Benchmarks folder (see README.md there). Each group measures the arena and
// what it replaces side by side, in the same process and the same run.

import Benchmark

/// The metrics of every benchmark. No retain/release counters: they crash the
/// Swift 6.3 runtime on Linux. Malloc counts need the malloc interposer, which
/// a timing-only build (see Package.swift) leaves out.
#if TIMING_ONLY
let measuredMetrics: [BenchmarkMetric] = [.wallClock, .throughput]
#else
let measuredMetrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal]
#endif

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: measuredMetrics,
    timeUnits: .nanoseconds,
    warmupIterations: 3,
    maxDuration: .seconds(3),
    maxIterations: 1_000
  )
  registerSmallValueBenchmarks()
  registerProtocolValueBenchmarks()
  registerSteadyStateBenchmarks()
  registerResetBenchmarks()
  registerContainerBenchmarks()
}
