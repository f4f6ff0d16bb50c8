// Group 3: a realistic mix of allocations per scope, repeated. After warm-up
// the arena must not call malloc at all; the heap version of the same work is
// measured beside it. Every sample runs 1,000 scopes; the default table shows
// figures per scope.

import Benchmark
import LightArena

let scopesPerMixSample = 1_000

/// One scope's worth of work in the arena: two `Float` arrays, four small
/// values, three protocol values called once each, and a nested scope with a
/// temporary array. Returns a number that depends on all of it.
@inline(never)
func arenaMixedScope(_ arena: inout MemoryArena, seed: Float) -> Float {
  arena.withAllocator { alloc in
    var samples = alloc.allocateArray(repeating: Float(0), count: 64)
    for index in stride(from: 0, to: samples.count, by: 8) { samples[index] = seed + Float(index) }
    let weights = alloc.allocateArray(count: 16) { Float($0) * seed }

    var total: Float = samples[8] + weights[15]
    for index in 0..<4 {
      let value = alloc.allocate(SmallValue(seed: seed + Float(index)))
      total += value.value.u
    }

    var responses = alloc.makeExistentialArray(capacity: 3, of: (any SurfaceResponse.Type).self)
    responses.append(DiffuseResponse(albedo: SIMD3(seed, 0.5, 0.25))) { $0 }
    responses.append(SpecularResponse(reflectance: seed, eta: 1.5)) { $0 }
    responses.append(
      GlossyResponse(tint: SIMD3(0.9, seed, 0.7), roughness: 0.2, eta: 1.3, absorption: 0.1, anisotropy: 0.3)) { $0 }
    total += totalResponse(responses, direction: SIMD3(0, 0, 1))

    total += alloc.withScope { temporary in
      let directions = temporary.allocateArray(repeating: SIMD3<Float>(0, 0, seed), count: 32)
      return directions[31].z
    }
    return total
  }
}

/// The same work with Swift arrays, class instances and `[any P]`.
@inline(never)
func heapMixedScope(seed: Float) -> Float {
  var samples = [Float](repeating: 0, count: 64)
  for index in stride(from: 0, to: samples.count, by: 8) { samples[index] = seed + Float(index) }
  let weights = (0..<16).map { Float($0) * seed }

  var total: Float = samples[8] + weights[15]
  for index in 0..<4 {
    let value = SmallObject(seed: seed + Float(index))
    blackHole(value)
    total += value.u
  }

  let responses: [any SurfaceResponse] = [
    DiffuseResponse(albedo: SIMD3(seed, 0.5, 0.25)),
    SpecularResponse(reflectance: seed, eta: 1.5),
    GlossyResponse(tint: SIMD3(0.9, seed, 0.7), roughness: 0.2, eta: 1.3, absorption: 0.1, anisotropy: 0.3),
  ]
  total += totalResponse(responses, direction: SIMD3(0, 0, 1))

  let directions = [SIMD3<Float>](repeating: SIMD3(0, 0, seed), count: 32)
  total += directions[31].z
  return total
}

func registerSteadyStateBenchmarks() {
  let perScope = Benchmark.Configuration(scalingFactor: .kilo)

  Benchmark("steady state: arena scope (mixed work)", configuration: perScope) { benchmark in
    let seed = identity(Float(0.5))
    var arena = MemoryArena()
    // Warm-up: the arena reserves its block in the first scope and keeps it.
    for _ in 0..<10 { blackHole(arenaMixedScope(&arena, seed: seed)) }
    let reservedBefore = arena.statistics.systemAllocationCount
    benchmark.startMeasurement()
    for round in 0..<scopesPerMixSample {
      blackHole(arenaMixedScope(&arena, seed: seed + Float(round)))
    }
    benchmark.stopMeasurement()
    // The arena's own account must agree with the malloc counter.
    if arena.statistics.systemAllocationCount != reservedBefore {
      benchmark.error("the arena obtained memory after warm-up: \(arena.statistics)")
    }
  }

  Benchmark("steady state: heap scope (same work)", configuration: perScope) { benchmark in
    let seed = identity(Float(0.5))
    for round in 0..<scopesPerMixSample {
      blackHole(heapMixedScope(seed: seed + Float(round)))
    }
  }
}
