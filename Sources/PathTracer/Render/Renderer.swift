import Foundation
import Synchronization

/// Renders a scene with a pool of worker threads.
///
/// The image is cut into 16×16 tiles; workers (``RenderWorkers``) take the
/// next tile number from a shared atomic counter (no lock is ever taken per
/// pixel) and render it with a ``TileRenderer`` around the thread's arena.
public enum Renderer {
  /// Progress while rendering: called on the calling thread about four times a second.
  public struct Progress: Sendable {
    public var completedTiles: Int
    public var totalTiles: Int
    /// Camera samples taken in the completed tiles.
    public var completedSamples: Int
    public var elapsedSeconds: Double
    public var fraction: Double { Double(completedTiles) / Double(max(totalTiles, 1)) }
  }

  /// Renders `scene` on `film` (the scene's own when `nil`) as `options`
  /// say, and returns the linear-RGB image (top row first) and a report.
  ///
  /// The scene's camera is fitted to the film rendered, so a film of another
  /// size than the scene's frames the same view.
  ///
  /// The run must be within ``RenderLimits``: call
  /// ``RenderLimits/check(_:film:options:)`` first to get an error for input
  /// that is not; here it stops the program with the same message.
  ///
  /// `workers`: the threads to render on, kept for later renders (frames of
  /// an animation); `nil` starts `options.threads` of them for this render
  /// alone. The image does not depend on the number of threads.
  public static func render(
    _ scene: Scene, film description: FilmDescription? = nil, options: RenderOptions = RenderOptions(),
    on workers: RenderWorkers? = nil, progress: (Progress) -> Void = { _ in }
  ) -> (image: [Color], report: RenderReport) {
    renderTiles(scene, film: description, options: options, on: workers, progress: progress) { film, report in
      (film.resolve(), report)
    }
  }

  /// Renders the tiles of `scene` that `part` selects (all of them by
  /// default) and hands `use` the film with their filtered samples,
  /// unresolved: what a render part writes (see ``RenderPartFile``) and
  /// ``render(_:film:options:progress:)`` resolves. The other tiles' buffers
  /// stay zero. Returns what `use` returns.
  public static func renderTiles<Result>(
    _ scene: Scene, film description: FilmDescription? = nil, options: RenderOptions = RenderOptions(),
    part: RenderPart = .whole, on workers: RenderWorkers? = nil, progress: (Progress) -> Void = { _ in },
    then use: (borrowing Film, RenderReport) -> Result
  ) -> Result {
    let description = description ?? scene.film
    do throws(RenderLimitError) {
      try RenderLimits.check(scene, film: description, options: options)
    } catch {
      fatalError("Renderer.render: \(error)")
    }
    let pixels = PixelRenderer(scene: scene, film: description, options: options)
    let film = Film(width: description.width, height: description.height, filter: description.filter,
                    tileSize: options.tileSize)
    let tiles = part.tiles(of: film.tiles)
    let totalTiles = tiles.count
    let threadCount = max(1, min(options.threads, totalTiles))
    let work = SharedWork()
    let start = ContinuousClock.now

    // The workers only read `film`'s tile geometry and write disjoint tile buffers.
    withUnsafePointer(to: film) { filmPointer in
      let shared = UnsafeSendable(filmPointer)
      let workers = workers ?? RenderWorkers(threads: threadCount)
      workers.run({ arena in
        var worker = TileRenderer(pixels, arena: arena)
        while true {
          let next = work.nextTile.wrappingAdd(1, ordering: .relaxed).oldValue
          guard next < totalTiles else { break }
          let tile = tiles[next]
          let samplesBefore = worker.samplesTaken
          worker.render(tile: tile, film: shared.value.pointee)
          work.completedSamples.wrappingAdd(worker.samplesTaken - samplesBefore, ordering: .relaxed)
          work.completedTiles.wrappingAdd(1, ordering: .relaxed)
        }
        let stats = worker.arena.statistics
        work.results.withLock {
          $0.append(WorkerResult(samples: worker.samplesTaken, dropped: worker.droppedSamples,
                                 peakBytes: stats.highWaterBytes, blocks: stats.blockCount))
        }
        return worker.takeArena()
      }, waiting: {
        progress(Progress(completedTiles: work.completedTiles.load(ordering: .relaxed), totalTiles: totalTiles,
                          completedSamples: work.completedSamples.load(ordering: .relaxed),
                          elapsedSeconds: (ContinuousClock.now - start).seconds))
      })
    }
    let seconds = (ContinuousClock.now - start).seconds
    let workers = work.results.withLock { $0 }
    let report = RenderReport(
      samples: workers.reduce(0) { $0 + $1.samples },
      seconds: seconds,
      droppedSamples: workers.reduce(0) { $0 + $1.dropped },
      arenaPeakBytesPerPixel: workers.map(\.peakBytes).max() ?? 0,
      arenaBlocks: workers.reduce(0) { $0 + $1.blocks })
    return use(film, report)
  }

  /// What the workers share: the tile counter, progress, and their results.
  final class SharedWork: Sendable {
    /// The next tile to hand out.
    let nextTile = Atomic<Int>(0)
    let completedTiles = Atomic<Int>(0)
    let completedSamples = Atomic<Int>(0)
    let results = Mutex<[WorkerResult]>([])
  }

  struct WorkerResult: Sendable {
    var samples: Int
    var dropped: Int
    var peakBytes: Int
    var blocks: Int
  }
}

/// Hands a pointer to threads that only read through it or write disjoint parts.
struct UnsafeSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

extension Duration {
  var seconds: Double {
    let (s, attoseconds) = components
    return Double(s) + Double(attoseconds) * 1e-18
  }
}
