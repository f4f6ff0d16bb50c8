// A small request-handling loop: each request is a task, and each task
// borrows a warm arena from a pool for the duration of its work.
//
//   swift run ArenaPerRequest [requests]
import LightArena

/// What a request asks for: a name and some readings to summarize.
struct Request: Sendable {
  var name: String
  var readings: [Float]
}

/// A protocol value the handler keeps in the arena: how to weigh a reading.
protocol Weighting: BitwiseCopyable {
  func weight(_ reading: Float) -> Float
}
struct Uniform: Weighting { func weight(_ reading: Float) -> Float { 1 } }
struct Clamped: Weighting {
  var limit: Float
  func weight(_ reading: Float) -> Float { abs(reading) > limit ? 0 : 1 }
}

extension ArenaExistential where Metatype == any Weighting.Type {
  func weight(_ reading: Float) -> Float {
    func open<W: Weighting>(_: W.Type) -> Float { load(as: W.self).weight(reading) }
    return open(metatype)
  }
}

/// Handles one request with memory from `arena`: everything it allocates is
/// released when its scope ends, and the arena goes back to the pool warm.
func handle(_ request: Request, in arena: inout MemoryArena) -> String {
  arena.withAllocator { alloc in
    let name = alloc.allocateString(copying: request.name)
    let readings = alloc.allocateArray(copying: request.readings)
    let weighting = request.readings.count > 8
      ? alloc.allocate(Clamped(limit: 50)) { $0 as any Weighting.Type }
      : alloc.allocate(Uniform()) { $0 as any Weighting.Type }
    // Keep only the readings that count, in a vector that grows in place.
    var kept = alloc.makeVector(of: Float.self)
    for i in readings.indices where weighting.weight(readings[i]) > 0 { kept.append(readings[i]) }
    var sum: Float = 0
    for i in kept.indices { sum += kept[i] }
    let mean = kept.isEmpty ? 0 : sum / Float(kept.count)
    return "\(name.makeString()): \(kept.count) of \(readings.count) readings, mean \(mean)"
  }
}

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000
let requests = (0..<count).map { i in
  Request(name: "request \(i)", readings: (0..<(4 + i % 16)).map { Float(($0 * 37 + i) % 120) - 10 })
}
let pool = ArenaPool(maximumIdleCount: 8)
let answers = await withTaskGroup(of: String.self) { group in
  for request in requests {
    group.addTask { pool.withArena { arena in handle(request, in: &arena) } }
  }
  var answers: [String] = []
  for await answer in group { answers.append(answer) }
  return answers
}
print("\(answers.count) requests handled with \(pool.madeCount) arena(s); for example:")
print(answers.sorted().first ?? "none")
