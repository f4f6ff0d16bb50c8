import FuzzSupport
import PathTracer

/// One input: an OpenEXR file, decoded as `tracer merge` reads a part, and
/// merged as the only part of a render when it claims to be one.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let image = try? EXRImage.decode(bytes(data, count), path: "fuzz.exr") else { return 0 }
  _ = try? RenderPartFile.merge([(path: "fuzz.exr", image: image)])
  return 0
}

// SwiftPM names an executable target's entry point <target>_main and links
// it as main; this one hands the program to libFuzzer.
@_cdecl("FuzzEXR_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc: argc, argv: argv, target: fuzzOneInput)
}
