// swift-tools-version:6.1
import PackageDescription

/// Benchmarks for LightArena, kept in a package of their own so that the main
/// package's `swift build` / `swift test` (and CI) never build the benchmark
/// framework. Run them with `swift package benchmark` from this folder.

/// The malloc interposer makes `.mallocCountTotal` work on Swift 6.3 Linux, but
/// it is preloaded into the benchmark process and wraps every malloc and free,
/// which roughly doubles their cost. Set `LIGHTARENA_BENCH_TIMING_ONLY=1` (with
/// a separate `--scratch-path`) to build without it and time the heap-based
/// baselines at their real speed; malloc counts are then not available.
let timingOnly = Context.environment["LIGHTARENA_BENCH_TIMING_ONLY"] != nil

let package = Package(
  name: "LightArenaBenchmarks",
  dependencies: [
    .package(name: "LightArena", path: ".."),
    // The "RuntimeInterposer" trait (ARC counters) is left off on purpose:
    // retain/release counting crashes on Swift 6.3 Linux.
    .package(
      url: "https://github.com/ordo-one/benchmark", from: "1.38.1",
      traits: timingOnly ? [] : ["MallocInterposer"]),
  ],
  targets: [
    // The benchmark plugin runs every executable target in a folder whose
    // parent folder is named "Benchmarks", as this one is.
    .executableTarget(
      name: "ArenaBenchmarks",
      dependencies: [
        .product(name: "LightArena", package: "LightArena"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "ArenaBenchmarks",
      // Without the interposer there are no malloc counts to report: leave the metric out
      // rather than show zeros.
      swiftSettings: timingOnly ? [.define("TIMING_ONLY")] : [],
      plugins: [
        .plugin(name: "BenchmarkPlugin", package: "benchmark"),
      ]
    ),
    // Workloads for callgrind and a framework-free timing of scope release (not run by the plugin).
    .executableTarget(
      name: "arena-probe",
      dependencies: [.product(name: "LightArena", package: "LightArena"), "InstructionCountSink"],
      path: "Tools/ArenaProbe"
    ),
    .target(name: "InstructionCountSink", path: "Tools/InstructionCountSink"),
    // RMSE of renders against a reference, for measure-samplers.sh.
    .executableTarget(
      name: "compare-images",
      dependencies: [.product(name: "PathTracer", package: "LightArena")],
      path: "Tools/CompareImages"
    ),
  ]
)
