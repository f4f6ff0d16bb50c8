import FuzzSupport
import PathTracer

/// One input: a MERL BRDF table file.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let input = bytes(data, count)
  _ = input.withUnsafeBytes { try? MERLFile.table(parsing: $0, fileName: "fuzz.binary") }
  return 0
}

// SwiftPM names an executable target's entry point <target>_main and links
// it as main; this one hands the program to libFuzzer.
@_cdecl("FuzzMERL_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc: argc, argv: argv, target: fuzzOneInput)
}
