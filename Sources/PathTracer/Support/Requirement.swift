/// Stops the program with `message` when `condition` is false, in every build.
///
/// The standard library's `precondition` checks its condition in release
/// builds too but drops the message there: the program dies with a bare
/// `Illegal instruction`. The tracer's requirements are on its own API (a
/// texture with no texels, a pixel outside an image), never on input, which
/// is validated with errors long before; when one fails anyway, whoever
/// reads the crash deserves to know which.
///
/// Cost: the condition, on the fast path; the message is built only on
/// failure, in a separate function kept out of line.
@inline(__always)
func require(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if _slowPath(!condition()) { requirementFailed(message(), file: file, line: line) }
}

/// The cold half of ``require(_:_:file:line:)``: `fatalError` prints its
/// message in release builds too.
@inline(never)
func requirementFailed(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
  fatalError(message, file: file, line: line)
}
