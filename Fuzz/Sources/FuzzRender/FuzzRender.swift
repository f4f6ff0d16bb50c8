import FuzzSupport
import PathTracer

/// One input: a scene file, loaded and, when it loads and passes the
/// render limits, rendered at 8×8 with at most 4 samples per pixel on one
/// thread (the small size keeps each input fast; every code path of the
/// renderer is still reached).
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let scene = try? SceneLoader.parse(String(decoding: bytes(data, count), as: UTF8.self), fileName: "fuzz.json")
  else { return 0 }
  var film = scene.film
  film.width = 8
  film.height = 8
  film.samplesPerPixel = min(film.samplesPerPixel, 4)
  if case .adaptive(var adaptive) = film.sampler {
    adaptive.maxSamples = min(adaptive.maxSamples ?? 16, 16)
    film.sampler = .adaptive(adaptive)
  }
  let options = RenderOptions(threads: 1)
  guard (try? RenderLimits.check(scene, film: film, options: options)) != nil else { return 0 }
  _ = Renderer.render(scene, film: film, options: options)
  return 0
}

// SwiftPM names an executable target's entry point <target>_main and links
// it as main; this one hands the program to libFuzzer.
@_cdecl("FuzzRender_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc: argc, argv: argv, target: fuzzOneInput)
}
