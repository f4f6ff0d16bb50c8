import FuzzSupport
import PathTracer

/// One input: a PNG texture file, decoded by libpng through the reader.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  _ = try? RGB8Image.decodePNG(bytes(data, count), path: "fuzz.png")
  return 0
}

// SwiftPM names an executable target's entry point <target>_main and links
// it as main; this one hands the program to libFuzzer.
@_cdecl("FuzzPNG_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc: argc, argv: argv, target: fuzzOneInput)
}
