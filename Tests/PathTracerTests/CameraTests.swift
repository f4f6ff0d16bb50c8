import Foundation
import Testing
@testable import PathTracer

@Suite("Camera")
struct CameraTests {
  @Test("the centre of the image looks along the camera's +Z, transformed to world space")
  func centreRay() {
    let camera = PerspectiveCamera(cameraToWorld: .translate(Vector3(0, 12, -60)), fieldOfView: 30)
      .fitted(toWidth: 800, height: 600)
    let ray = camera.generateRay(filmPoint: Point2(400, 300), time: 0)
    #expect(ray.origin == Point3(0, 12, -60))
    #expect(length(ray.direction - Vector3(0, 0, 1)) < 1e-6)
  }

  @Test("the field of view spans the shorter side; +X is image right and +Y image up")
  func edgesOfTheView() {
    let camera = PerspectiveCamera(cameraToWorld: .identity, fieldOfView: 90).fitted(toWidth: 200, height: 100)
    // The top edge's middle is 45° up (the vertical side is the shorter one).
    let top = camera.generateRay(filmPoint: Point2(100, 0), time: 0).direction
    #expect(abs(top.y - top.z) < 1e-5 && top.y > 0)
    // The right edge is twice as far out: tan = 2.
    let right = camera.generateRay(filmPoint: Point2(200, 50), time: 0).direction
    #expect(abs(right.x / right.z - 2) < 1e-5 && right.x > 0)
    // Portrait images spread the field of view across their width instead.
    let portrait = PerspectiveCamera(cameraToWorld: .identity, fieldOfView: 90).fitted(toWidth: 100, height: 200)
    let left = portrait.generateRay(filmPoint: Point2(0, 100), time: 0).direction
    #expect(abs(-left.x - left.z) < 1e-5)
  }

  @Test("a rotated camera turns with its transform: rotate_y(90) looks along +X")
  func rotatedCamera() {
    let camera = PerspectiveCamera(cameraToWorld: .rotateY(degrees: 90), fieldOfView: 40).fitted(toWidth: 10, height: 10)
    let ray = camera.generateRay(filmPoint: Point2(5, 5), time: 0)
    #expect(length(ray.direction - Vector3(1, 0, 0)) < 1e-6)
  }

  @Test("a camera ray carries the time it was asked for")
  func rayTime() {
    let camera = PerspectiveCamera(cameraToWorld: .identity, fieldOfView: 40).fitted(toWidth: 10, height: 10)
    #expect(camera.generateRay(filmPoint: Point2(5, 5), time: 0.25).time == 0.25)
  }

  @Test("a render fits the scene's camera to the film it renders: another resolution frames the same view")
  func renderFitsTheCameraToTheFilm() throws {
    // Looking straight down at a floor lit by a point light right below the
    // camera: the brightest pixel is the middle one, whatever the film's size.
    let text = floorScene(albedo: 0.5, emitters: [pointEmitter(intensity: 1, height: 0.5)], size: 16, samples: 4)
      .replacingOccurrences(of: "\"fov\": 0.5", with: "\"fov\": 60")
    let scene = try SceneLoader.parse(text, fileName: "floor.json")
    var film = scene.film
    film.width = 48
    film.height = 32
    let image = Renderer.render(scene, film: film).image
    #expect(image.count == 48 * 32)
    let brightest = image.indices.max { image[$0].luminance < image[$1].luminance }!
    let (x, y) = (brightest % 48, brightest / 48)
    #expect(abs(Float(x) - 23.5) <= 1 && abs(Float(y) - 15.5) <= 1, "brightest pixel (\(x), \(y))")
  }
}

@Suite("Film")
struct FilmTests {
  @Test("a pixel's value is the filter-weighted mean of the samples near it")
  func weightedMean() {
    let film = Film(width: 4, height: 4, filter: .box(radius: SIMD2(0.5, 0.5)), tileSize: 2)
    // Two samples inside pixel (1, 1), which lies in tile 0.
    film.tileBuffer(0).addSample(Point2(1.2, 1.7), Color(1, 2, 3))
    film.tileBuffer(0).addSample(Point2(1.8, 1.3), Color(3, 2, 1))
    let image = film.resolve()
    #expect(image[1 * 4 + 1] == Color(2, 2, 2))
    #expect(image[0] == .black)
  }

  @Test("samples near a tile edge reach the neighbouring tile's pixels through the apron")
  func apron() {
    let film = Film(width: 4, height: 2, filter: .gaussian(radius: SIMD2(1.5, 1.5), alpha: 1), tileSize: 2)
    film.tileBuffer(0).addSample(Point2(1.9, 0.5), Color(gray: 1))   // in tile 0, close to tile 1
    let image = film.resolve()
    #expect(image[2].r == 1)   // pixel (2, 0) belongs to tile 1 and still receives the sample
    #expect(image[3] == .black) // beyond the radius
  }

  @Test("8-bit sRGB output rounds to the nearest code")
  func srgbRounding() {
    #expect(SRGB.byte(0) == 0)
    #expect(SRGB.byte(1) == 255)
    #expect(SRGB.byte(2) == 255)
    #expect(SRGB.byte(.nan) == 0)
    // Linear 0.5 encodes to 0.7354 -> 187.5...: rounds to 188 (truncation would give 187).
    #expect(SRGB.byte(0.5) == 188)
    #expect(abs(SRGB.decode(SRGB.encode(0.3)) - 0.3) < 1e-6)
  }

  @Test("Mitchell-Netravali weights peak at the centre and vanish at the radius")
  func mitchell() {
    let filter = ReconstructionFilter.mitchellNetravali(radius: SIMD2(2, 2), b: 1.0 / 3, c: 1.0 / 3)
    #expect(filter.weight(SIMD2(0, 0)) > 0.7)
    #expect(filter.weight(SIMD2(2, 0)) == 0)
    #expect(filter.weight(SIMD2(0.5, 0.5)) > filter.weight(SIMD2(1.0, 1.0)))
  }
}
