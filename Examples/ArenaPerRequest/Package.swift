// swift-tools-version:6.1
import PackageDescription

// A client of LightArena as another package would be: it depends on the
// library product and enables no experimental feature and no unsafe flags.
let package = Package(
  name: "ArenaPerRequest",
  platforms: [.macOS("26.0")],
  dependencies: [
    .package(name: "LightArena", path: "../.."),
  ],
  targets: [
    .executableTarget(
      name: "ArenaPerRequest",
      dependencies: [.product(name: "LightArena", package: "LightArena")]
    ),
  ]
)
