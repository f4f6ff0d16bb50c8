import Dispatch
import PathTracer

// MARK: Platform. The C library, for signal, the signal mask and raise.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM end the tracer as they would any program, but first
/// remove the temporary file of an image being written, so that an
/// interrupted write leaves neither a half file nor a hidden `.tmp-*` one.
///
/// The signals are taken by Dispatch sources rather than C signal handlers,
/// so the cleanup runs as ordinary code on a Dispatch queue (no
/// async-signal-safety rules, no global state): it removes the files, then
/// restores the signal's default action and raises it again, so that the
/// shell sees the usual "killed by SIGINT" status.
final class Interruption {
  let temporaryFiles = TemporaryFiles()
  private var sources: [DispatchSourceSignal] = []

  /// Starts handling SIGINT and SIGTERM; they stay handled while this value lives.
  init() {
    for signalNumber in [SIGINT, SIGTERM] {
      // The default action must be off for the Dispatch source to see the signal.
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { [temporaryFiles] in
        temporaryFiles.removeAllAndClose()
        signal(signalNumber, SIG_DFL)
        // Dispatch's worker threads block signals, and `raise` sends to the
        // calling thread only: unblock it here, or it would stay pending.
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signalNumber)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)
        raise(signalNumber)
      }
      source.resume()
      sources.append(source)
    }
  }
}
