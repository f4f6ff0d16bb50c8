import FuzzSupport
import PathTracer

/// One input: any bytes, parsed as a JSON scene file. A parse error is a
/// fine outcome; a crash, a hang or a leak is not.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  _ = try? JSONNode.parse(bytes(data, count), fileName: "fuzz.json")
  return 0
}

// SwiftPM names an executable target's entry point <target>_main and links
// it as main; this one hands the program to libFuzzer.
@_cdecl("FuzzJSON_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc: argc, argv: argv, target: fuzzOneInput)
}
