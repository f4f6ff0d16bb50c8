import Foundation
import LightArena
import Synchronization

/// The worker threads a render runs on, each with its own ``MemoryArena``,
/// kept from one render to the next.
///
/// An animation renders many frames of one scene: with one set of workers
/// for all of them, each thread is started once and each arena reserves its
/// blocks once, for the first frame, and reuses them for every later one.
///
/// ```swift
/// let workers = RenderWorkers(threads: 2)
/// for frame in frames {
///   let (image, _) = Renderer.render(scene, options: options(for: frame), on: workers)
/// }
/// // The threads end when `workers` is released.
/// ```
///
/// A render takes all the workers (one render at a time: ``run(_:)`` waits
/// for the last to finish). Costs: the threads' stacks (8 MiB each, reserved,
/// not touched) and the arenas' blocks, held until `workers` is released.
public final class RenderWorkers: Sendable {
  /// What a worker does in one render: its arena goes in, and comes back out
  /// for the next render.
  typealias Job = @Sendable (consuming MemoryArena) -> MemoryArena

  /// The number of threads.
  public let count: Int
  /// One per worker: signalled to start it on the current job.
  private let starts: [DispatchSemaphore]
  /// What the threads share with this object (they hold it, not `self`,
  /// so that releasing `self` can stop them).
  private let mailbox = Mailbox()

  private final class Mailbox: Sendable {
    /// The job the workers are to run next; `nil` tells them to stop.
    let job = Mutex<Job?>(nil)
    /// Signalled by each worker when it has finished a job, or stopped.
    let finishes = DispatchSemaphore(value: 0)
  }

  /// Starts `threads` worker threads (at least one), which wait for work.
  public init(threads: Int) {
    count = max(1, threads)
    starts = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    for start in starts {
      let thread = Thread { [mailbox] in
        var arena = MemoryArena()
        while true {
          start.wait()
          guard let next = mailbox.job.withLock({ $0 }) else { break }
          arena = next(arena)
          mailbox.finishes.signal()
        }
        mailbox.finishes.signal()
      }
      // The stack a Linux main thread has. Defaults for new threads differ by
      // platform (512 KiB on macOS), and the Whitted integrator recurses once
      // per specular bounce with a BSDF and rays on the stack at every level.
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  /// Stops the threads and waits for them to end.
  deinit {
    mailbox.job.withLock { $0 = nil }
    for start in starts { start.signal() }
    for _ in starts { mailbox.finishes.wait() }
  }

  /// Runs `job` on every worker, with its arena, and returns when all have
  /// finished; meanwhile calls `waiting` on the calling thread about four
  /// times a second.
  func run(_ job: @escaping Job, waiting: () -> Void) {
    mailbox.job.withLock { $0 = job }
    for start in starts { start.signal() }
    var finished = 0
    while finished < count {
      if mailbox.finishes.wait(timeout: .now() + 0.25) == .success {
        finished += 1
      } else {
        waiting()
      }
    }
    // Let go of what the job holds (the render's film, its scene).
    mailbox.job.withLock { $0 = nil }
  }
}
