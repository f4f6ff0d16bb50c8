import Synchronization

// MARK: Platform. The C library, for unlink.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files being written right now, so that an interrupted
/// program can remove them.
///
/// ``replaceFileAtomically(at:mode:temporaryFiles:writingWith:)`` writes an
/// image to a hidden file beside its target and renames it into place. A
/// SIGINT or SIGTERM during that write would leave the hidden file behind.
/// A program that handles those signals (the `tracer` command does) hands
/// the writer a `TemporaryFiles` and, when a signal comes, calls
/// ``removeAllAndClose()``: every file still being written is removed, and
/// no new one can be created afterwards. The target itself is never touched,
/// so it keeps its previous content.
///
/// Thread-safe; the lock is held only while a name is added, removed or
/// created, never while a file is written.
public final class TemporaryFiles: Sendable {
  private struct State {
    var paths: Set<String> = []
    var isClosed = false
  }
  private let state = Mutex(State())

  public init() {}

  /// Runs `create` (which creates the file at `path`) and records `path`,
  /// unless the registry is closed; returns `false` then, without calling `create`.
  func register(_ path: String, creatingWith create: () -> Bool) -> Bool {
    state.withLock { state in
      guard !state.isClosed, create() else { return false }
      state.paths.insert(path)
      return true
    }
  }

  /// Runs `finish` (which renames or removes the file) and forgets `path`.
  func unregister(_ path: String, finishingWith finish: () -> Void) {
    state.withLock { state in
      finish()
      state.paths.remove(path)
    }
  }

  /// Whether no more temporary files may be created.
  public var isClosed: Bool { state.withLock { $0.isClosed } }

  /// Removes every temporary file still being written and refuses new ones.
  /// Cost: one `unlink` per file.
  public func removeAllAndClose() {
    state.withLock { state in
      state.isClosed = true
      for path in state.paths { unlink(path) }
      state.paths.removeAll()
    }
  }
}
