import FuzzSupport
import PathTracer

/// One input: an OBJ file, parsed into its models.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  _ = try? OBJFile.parse(String(decoding: bytes(data, count), as: UTF8.self), fileName: "fuzz.obj")
  return 0
}

// SwiftPM names an executable target's entry point <target>_main and links
// it as main; this one hands the program to libFuzzer.
@_cdecl("FuzzOBJ_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc: argc, argv: argv, target: fuzzOneInput)
}
