import Foundation
import CMallocCounter
import LightArena
import Testing
@testable import PathTracer

@Suite("Rendering")
struct RenderTests {
  @Test("a Lambertian floor under a disk light has the analytic radiance albedo * L * R² / (R² + h²)")
  func analyticDiskLight() throws {
    let (albedo, radiance, radius, height): (Float, Float, Float, Float) = (0.5, 2, 3, 4)
    let scene = try SceneLoader.parse(diskOverFloorScene(albedo: albedo, radiance: radiance, radius: radius, height: height),
                                      fileName: "disk.json")
    var options = RenderOptions()
    options.threads = 2
    let (image, report) = Renderer.render(scene, options: options)
    let mean = image.reduce(Float(0)) { $0 + $1.g } / Float(image.count)
    let expected = albedo * radiance * radius * radius / (radius * radius + height * height)
    #expect(abs(mean - expected) / expected < 0.02, "mean \(mean), expected \(expected)")
    #expect(report.droppedSamples == 0)
  }

  @Test("the same seed gives the same image with 1 and 2 threads; another seed does not")
  func deterministicAcrossThreads() throws {
    let scene = try SceneLoader.parse(diskOverFloorScene(albedo: 0.7, radiance: 1, radius: 5, height: 3, size: 20, samples: 4),
                                      fileName: "disk.json")
    var options = RenderOptions()
    options.tileSize = 8
    options.threads = 1
    let one = Renderer.render(scene, options: options).image
    options.threads = 2
    let two = Renderer.render(scene, options: options).image
    options.seed = 99
    let otherSeed = Renderer.render(scene, options: options).image
    #expect(one == two)
    #expect(one != otherSeed)
  }

  @Test("the allocation ablation renders the same image, bit for bit, with every sampler",
        arguments: ["\"low_discrepancy\"", "\"uniform\"", "{ \"type\": \"adaptive\", \"max_samples\": 16, \"threshold\": 0.01 }"])
  func heapScratchMemoryGivesTheSameImage(sampler: String) throws {
    let text = everyMaterialScene(size: 16, samples: 4)
      .replacingOccurrences(of: "\"samples\": 4,", with: "\"samples\": 4, \"sampler\": \(sampler),")
    let scene = try SceneLoader.parse(text, fileName: "materials.json")
    #expect(sampler.contains(scene.film.sampler.name.rawValue))
    let arena = Renderer.render(scene, options: RenderOptions(threads: 2, scratchMemory: .arena))
    let heap = Renderer.render(scene, options: RenderOptions(threads: 2, scratchMemory: .heap))
    #expect(arena.image == heap.image)
    #expect(arena.report.samples == heap.report.samples)
    #expect(heap.report.arenaPeakBytesPerPixel < arena.report.arenaPeakBytesPerPixel)  // the heap held it instead
  }

  @Test("rendering makes no heap allocation per pixel or per sample: the count does not grow with the pixel count",
        .enabled(if: malloc_counter_is_active() != 0, "the malloc counter is off under AddressSanitizer"),
        arguments: ["a diffuse floor", "every material", "a textured floor", "an animated scene"],
                  ["low_discrepancy", "uniform", "adaptive"])
  func noMallocsPerPixel(sceneName: String, sampler: String) throws {
    let folder = try TextureFolder()
    let text = switch sceneName {
    case "every material": everyMaterialScene(size: 64, samples: 4)
    case "a textured floor": try texturedFloorScene(in: folder, size: 64, samples: 4)
    // A sliding sphere, a spinning disk in a moving group, a moving camera
    // and a light that fades in, rendered with an open shutter.
    case "an animated scene": animatedScene(size: 64, samples: 4)
    default: diskOverFloorScene(albedo: 0.7, radiance: 1, radius: 5, height: 3, size: 64, samples: 4)
    }
    let scene = try SceneLoader.parse(text, fileName: "scene.json", directory: folder.path)
    #expect(scene.textures.count == (sceneName == "a textured floor" ? 2 : 0))
    #expect(scene.changesOverTime == (sceneName == "an animated scene" || sceneName == "a textured floor"))
    var description = scene.film
    description.sampler = switch sampler {
    case "uniform": .uniform
    // Up to three batches (4 + 4 + 8 samples) in nested scopes.
    case "adaptive": .adaptive(AdaptiveSampling(maxSamples: 16, threshold: 0.01))
    default: .lowDiscrepancy
    }
    // Between the animated texture's keyframes; the animated scene over an open shutter.
    let options = sceneName == "an animated scene" ? RenderOptions(shutter: 0.25...0.75, tileSize: 8)
      : RenderOptions(time: 0.5, tileSize: 8)
    var worker = TileRenderer(PixelRenderer(scene: scene, film: description, options: options))
    let film = Film(width: 64, height: 64, filter: scene.film.filter, tileSize: 8)
    worker.render(tile: 0, film: film)  // warm-up: the arena gets its block
    func mallocs(tiles: Range<Int>) -> UInt64 {
      let before = malloc_counter_thread_count()
      for tile in tiles { worker.render(tile: tile, film: film) }
      return malloc_counter_thread_count() - before
    }
    let small = mallocs(tiles: 1..<2)     // 64 pixels
    let large = mallocs(tiles: 2..<34)    // 2048 pixels
    #expect(small == 0)
    #expect(large == 0)
    #expect(worker.arena.statistics.blockCount == 1)
    #expect(worker.samplesTaken >= 34 * 64 * 4)
  }
}

@Suite("Whitted integrator")
struct WhittedTests {
  @Test("direct lighting on a Lambertian floor matches the analytic value, as with the path tracer")
  func analyticDiskLight() throws {
    let (albedo, radiance, radius, height): (Float, Float, Float, Float) = (0.5, 2, 3, 4)
    let text = diskOverFloorScene(albedo: albedo, radiance: radiance, radius: radius, height: height)
      .replacingOccurrences(of: "\"type\": \"pathtracer\", \"min_depth\": 0, \"max_depth\": 0",
                            with: "\"type\": \"whitted\", \"min_depth\": 3")
    let scene = try SceneLoader.parse(text, fileName: "disk.json")
    guard case .whitted(let whitted) = scene.integrator else {
      Issue.record("expected the whitted integrator")
      return
    }
    #expect(whitted.maxDepth == 3)
    var options = RenderOptions()
    options.threads = 2
    let image = Renderer.render(scene, options: options).image
    let mean = image.reduce(Float(0)) { $0 + $1.g } / Float(image.count)
    let expected = albedo * radiance * radius * radius / (radius * radius + height * height)
    #expect(abs(mean - expected) / expected < 0.02, "mean \(mean), expected \(expected)")
  }

  @Test("a mirror floor shows the light only through specular recursion, dimmed by the conductor's Fresnel term")
  func mirrorRecursion() throws {
    func meanOfMirrorFloor(depth: Int) throws -> Float {
      let text = diskOverFloorScene(albedo: 0.5, radiance: 2, radius: 3, height: 4)
        .replacingOccurrences(of: "\"type\": \"pathtracer\", \"min_depth\": 0, \"max_depth\": 0",
                              with: "\"type\": \"whitted\", \"min_depth\": \(depth)")
        .replacingOccurrences(of: "{ \"name\": \"floor\", \"type\": \"matte\", \"diffuse\": [0.5, 0.5, 0.5], \"roughness\": 0 }",
                              with: "{ \"name\": \"floor\", \"type\": \"specular_metal\", \"refractive_index\": [0.2, 0.2, 0.2], \"absorption_coefficient\": [3.9, 3.9, 3.9] }")
      let scene = try SceneLoader.parse(text, fileName: "mirror.json")
      let image = Renderer.render(scene).image
      return image.reduce(Float(0)) { $0 + $1.g } / Float(image.count)
    }
    // The camera looks straight down at the mirror; the reflected ray goes straight up into
    // the light, which faces down. Without recursion the mirror has nothing to show; with
    // it, the light's radiance 2 times the conductor's reflectance at normal incidence,
    // ((n - 1)² + k²) / ((n + 1)² + k²) with n = 0.2, k = 3.9.
    let reflectance: Float = (0.64 + 15.21) / (1.44 + 15.21)
    #expect(try meanOfMirrorFloor(depth: 0) == 0)
    let mirrored = try meanOfMirrorFloor(depth: 1)
    #expect(abs(mirrored - 2 * reflectance) < 0.01, "\(mirrored)")
  }
}

@Suite("Render workers")
struct RenderWorkersTests {
  @Test("frames rendered on kept workers are the frames rendered each on new threads, bit for bit")
  func keptWorkersRenderTheSameFrames() throws {
    let scene = try SceneLoader.parse(animatedScene(size: 24, samples: 4), fileName: "scene.json")
    let timing = try FrameTiming(frames: 4, sceneTime: 2, startFrame: 0, endFrame: 3, shutterSize: 0.5)
    let workers = RenderWorkers(threads: 2)
    #expect(workers.count == 2)
    for frame in 0..<3 {
      let options = RenderOptions(threads: 2, shutter: timing.shutterInterval(frame), frame: frame)
      let kept = Renderer.render(scene, options: options, on: workers)
      let alone = Renderer.render(scene, options: options)
      #expect(kept.image == alone.image, "frame \(frame)")
      #expect(kept.report.samples == 24 * 24 * 4)
    }
  }

  @Test("kept workers keep their arenas: a later render starts with what an earlier one reserved")
  func keptWorkersKeepTheirArenas() throws {
    let large = try SceneLoader.parse(everyMaterialScene(size: 16, samples: 64), fileName: "large.json")
    let small = try SceneLoader.parse(everyMaterialScene(size: 16, samples: 2), fileName: "small.json")
    let workers = RenderWorkers(threads: 1)
    let first = Renderer.render(large, on: workers).report
    let later = Renderer.render(small, on: workers).report
    let alone = Renderer.render(small).report
    // The small render alone peaks lower; on the kept arena the peak is the large one's.
    #expect(alone.arenaPeakBytesPerPixel < first.arenaPeakBytesPerPixel)
    #expect(later.arenaPeakBytesPerPixel == first.arenaPeakBytesPerPixel)
    #expect(later.arenaBlocks == first.arenaBlocks)
  }
}
