// swift-tools-version:6.1
import PackageDescription

/// The renderer is compiled with optimization even in debug builds, so that
/// `swift run tracer scenes/cornell.json` finishes in seconds rather than minutes.
/// This is an `unsafeFlags` setting and therefore sits only on targets that no
/// other package depends on: never on `LightArena`.
let optimizedInDebug: [SwiftSetting] = [
  .unsafeFlags(["-O"], .when(configuration: .debug)),
]

/// Non-escapable types (`~Escapable`) with lifetime dependences are still an
/// experimental feature in Swift 6.3. Only modules that *declare* such types need it.
let lifetimes: SwiftSetting = .enableExperimentalFeature("Lifetimes")

let package = Package(
  name: "LightArena",
  // Apple platforms: the tracer uses `InlineArray` (Swift 6.2 runtime, macOS 26)
  // and `Mutex`/`Atomic` (macOS 15). Other platforms have no minimum.
  platforms: [.macOS("26.0"), .iOS("26.0"), .tvOS("26.0"), .watchOS("26.0"), .visionOS("26.0")],
  products: [
    .library(name: "LightArena", targets: ["LightArena"]),
    .library(name: "PathTracer", targets: ["PathTracer"]),
    .executable(name: "tracer", targets: ["tracer"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // `RealModule`: `Float.exp`, `.atan2(y:x:)`, `.erf`… on every platform,
    // without importing the C library (Glibc, Darwin, Musl…) by name.
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    // `swift package generate-documentation --target LightArena`: a plugin only,
    // never linked into a product.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // The arena: a library with no dependencies.
    .target(
      name: "LightArena",
      swiftSettings: [lifetimes]
    ),

    // libpng, through its simplified `png_image` API.
    .systemLibrary(
      name: "CPNG",
      pkgConfig: "libpng",
      providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
    ),

    // OpenEXR's C API (OpenEXRCore, `openexr.h`), for linear-light output and render parts.
    .systemLibrary(
      name: "CEXR",
      pkgConfig: "OpenEXR",
      providers: [.apt(["libopenexr-dev"]), .brew(["openexr"])]
    ),

    // The path tracer, as a library so that tests and benchmarks can drive it.
    .target(
      name: "PathTracer",
      dependencies: [
        "LightArena",
        "CPNG",
        "CEXR",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      swiftSettings: [lifetimes] + optimizedInDebug
    ),

    // The command-line front end: argument parsing and progress output only.
    .executableTarget(
      name: "tracer",
      dependencies: [
        "PathTracer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: optimizedInDebug
    ),

    // Test support: counts calls to malloc on the current thread.
    .target(name: "CMallocCounter", path: "Tests/CMallocCounter"),

    .testTarget(
      name: "LightArenaTests",
      dependencies: ["LightArena", "CMallocCounter"]
    ),
    .testTarget(
      name: "PathTracerTests",
      dependencies: ["PathTracer", "LightArena", "CMallocCounter"]
    ),
  ]
)
