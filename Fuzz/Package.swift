// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for the tracer's readers and renderer.
///
/// Build and run them with `Fuzz/run` (which passes
/// `-sanitize=fuzzer,address` to every module, the library's included, so
/// that the fuzzer sees the parsers' coverage and AddressSanitizer checks
/// their memory). A separate package, so that the main one stays free of
/// sanitizer flags and of executables that only link with libFuzzer.
let fuzzTargets = ["FuzzJSON", "FuzzScene", "FuzzOBJ", "FuzzPNG", "FuzzMERL", "FuzzEXR", "FuzzRender"]

let package = Package(
  name: "Fuzz",
  // The parent package's manifest is named LightArena; its folder may have
  // any name in a checkout, so it is named here.
  dependencies: [.package(name: "LightArena", path: "..")],
  targets: [
    .target(name: "FuzzSupport"),
  ] + fuzzTargets.map { name in
    .executableTarget(
      name: name,
      dependencies: ["FuzzSupport", .product(name: "PathTracer", package: "LightArena")]
    )
  }
)
