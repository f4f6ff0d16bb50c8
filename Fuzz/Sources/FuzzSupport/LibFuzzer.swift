/// The function libFuzzer calls with each input: its bytes, valid only
/// during the call. It returns 0 (other values are reserved).
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// libFuzzer's entry point for programs that have their own `main`
/// (LLVM 11 and later). SwiftPM gives every executable target a `main` of
/// its own, so the targets call this rather than letting libFuzzer's `main`
/// look for `LLVMFuzzerTestOneInput`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ target: FuzzTarget
) -> CInt

/// Runs libFuzzer with the program's arguments (`-runs=N`, corpus folders…)
/// on `target`, and returns the exit status it reports.
public func runLibFuzzer(
  argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, target: FuzzTarget
) -> CInt {
  var count = argc
  var arguments = argv
  return LLVMFuzzerRunDriver(&count, &arguments, target)
}

/// The input as an array (what the readers take), or empty for no bytes.
public func bytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
  guard let data, count > 0 else { return [] }
  return Array(UnsafeBufferPointer(start: data, count: count))
}
