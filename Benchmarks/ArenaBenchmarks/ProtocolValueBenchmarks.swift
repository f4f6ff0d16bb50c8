// Group 2: three protocol values of different concrete types (8, 16 and 32
// bytes) created, each called once through the protocol, and released: the
// per-shading-point pattern of a path tracer's BSDF. Every sample does this
// 1,000 times; the default table shows figures per round of three values.

import Benchmark
import LightArena

let roundsPerSample = 1_000

/// The values are built where their concrete types are known and used in a
/// function that only sees the protocol, as in a renderer where materials make
/// BSDFs and the integrator evaluates them. `@inline(never)` keeps it that way,
/// so every call really goes through a witness table.
@inline(never)
func totalResponse(_ values: [any SurfaceResponse], direction: SIMD3<Float>) -> Float {
  var total: Float = 0
  for value in values { total += value.respond(to: direction) }
  return total
}

@inline(never)
func totalResponse(
  _ values: borrowing ArenaExistentialArray<any SurfaceResponse.Type>, direction: SIMD3<Float>
) -> Float {
  var total: Float = 0
  for index in values.indices { total += values[index].respond(to: direction) }
  return total
}

@inline(never)
func totalResponse(
  _ first: ArenaExistential<any SurfaceResponse.Type>,
  _ second: ArenaExistential<any SurfaceResponse.Type>,
  _ third: ArenaExistential<any SurfaceResponse.Type>,
  direction: SIMD3<Float>
) -> Float {
  first.respond(to: direction) + second.respond(to: direction) + third.respond(to: direction)
}

func registerProtocolValueBenchmarks() {
  let perRound = Benchmark.Configuration(scalingFactor: .kilo)

  Benchmark("protocol values: [any P]", configuration: perRound) { benchmark in
    let seed = identity(Float(0.25))
    for round in 0..<roundsPerSample {
      let x = seed + Float(round)
      let values: [any SurfaceResponse] = [
        DiffuseResponse(albedo: SIMD3(x, 0.5, 0.25)),
        SpecularResponse(reflectance: x, eta: 1.5),
        GlossyResponse(tint: SIMD3(0.9, x, 0.7), roughness: 0.2, eta: 1.3, absorption: 0.1, anisotropy: x),
      ]
      blackHole(totalResponse(values, direction: SIMD3(0, 0, 1)))
    }
  }

  Benchmark("protocol values: ArenaExistentialArray", configuration: perRound) { benchmark in
    let seed = identity(Float(0.25))
    var arena = MemoryArena()
    arena.withAllocator { alloc in _ = alloc.allocateBytes(byteCount: 1024, alignment: 16) }
    benchmark.startMeasurement()
    for round in 0..<roundsPerSample {
      let x = seed + Float(round)
      arena.withAllocator { alloc in
        var values = alloc.makeExistentialArray(capacity: 3, of: (any SurfaceResponse.Type).self)
        values.append(DiffuseResponse(albedo: SIMD3(x, 0.5, 0.25))) { $0 }
        values.append(SpecularResponse(reflectance: x, eta: 1.5)) { $0 }
        values.append(
          GlossyResponse(tint: SIMD3(0.9, x, 0.7), roughness: 0.2, eta: 1.3, absorption: 0.1, anisotropy: x)) { $0 }
        blackHole(totalResponse(values, direction: SIMD3(0, 0, 1)))
      }
    }
    benchmark.stopMeasurement()
  }

  Benchmark("protocol values: ArenaExistential x3", configuration: perRound) { benchmark in
    let seed = identity(Float(0.25))
    var arena = MemoryArena()
    arena.withAllocator { alloc in _ = alloc.allocateBytes(byteCount: 1024, alignment: 16) }
    benchmark.startMeasurement()
    for round in 0..<roundsPerSample {
      let x = seed + Float(round)
      arena.withAllocator { alloc in
        let diffuse = alloc.allocate(
          DiffuseResponse(albedo: SIMD3(x, 0.5, 0.25))) { $0 as any SurfaceResponse.Type }
        let specular = alloc.allocate(
          SpecularResponse(reflectance: x, eta: 1.5)) { $0 as any SurfaceResponse.Type }
        let glossy = alloc.allocate(
          GlossyResponse(tint: SIMD3(0.9, x, 0.7), roughness: 0.2, eta: 1.3, absorption: 0.1, anisotropy: x)) { $0 as any SurfaceResponse.Type }
        blackHole(totalResponse(diffuse, specular, glossy, direction: SIMD3(0, 0, 1)))
      }
    }
    benchmark.stopMeasurement()
  }
}
