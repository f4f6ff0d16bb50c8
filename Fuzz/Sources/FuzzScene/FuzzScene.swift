import FuzzSupport
import PathTracer

/// One input: a scene file, loaded (JSON, then every object, material,
/// texture and model it names, relative to the current folder).
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  _ = try? SceneLoader.parse(String(decoding: bytes(data, count), as: UTF8.self), fileName: "fuzz.json")
  return 0
}

// SwiftPM names an executable target's entry point <target>_main and links
// it as main; this one hands the program to libFuzzer.
@_cdecl("FuzzScene_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc: argc, argv: argv, target: fuzzOneInput)
}
