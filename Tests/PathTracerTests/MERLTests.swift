import CMallocCounter
import Foundation
import LightArena
import Testing
@testable import PathTracer

// No real MERL file is available offline, so every table here is synthetic,
// written in the MERL format by `merlFileBytes` and read back by the real reader.

// MARK: - Synthetic MERL files

/// The bytes of a MERL file with the header `dimensions` whose number for each
/// (cell, channel) is `value(cell, channel)`, *before* the file's scale factors.
/// 35 MB; building it costs a fraction of a second.
func merlFileBytes(dimensions: [Int32] = [90, 90, 180], value: (_ cell: Int, _ channel: Int) -> Double) -> [UInt8] {
  let cells = MERLTable.cellCount
  var bytes = [UInt8](repeating: 0, count: MERLFile.byteCount)
  bytes.withUnsafeMutableBytes { raw in
    for (k, dimension) in dimensions.enumerated() {
      raw.storeBytes(of: dimension.littleEndian, toByteOffset: 4 * k, as: Int32.self)
    }
    for channel in 0..<3 {
      for cell in 0..<cells {
        raw.storeBytes(of: value(cell, channel).bitPattern.littleEndian,
                       toByteOffset: MERLFile.headerByteCount + 8 * (channel * cells + cell), as: UInt64.self)
      }
    }
  }
  return bytes
}

/// The table read from in-memory file bytes.
func merlTable(_ bytes: [UInt8]) throws -> MERLTable {
  try bytes.withUnsafeBytes { try MERLFile.table(parsing: $0, fileName: "synthetic.binary") }
}

/// The angles at the centre of a cell, inverting ``MERLTable/cell(for:)``.
func centerAngles(ofCell cell: Int) -> HalfDifferenceAngles {
  let phiDiff = cell % MERLTable.phiDiffCount
  let thetaDiff = cell / MERLTable.phiDiffCount % MERLTable.thetaDiffCount
  let thetaHalf = cell / (MERLTable.phiDiffCount * MERLTable.thetaDiffCount)
  let halfFraction = (Float(thetaHalf) + 0.5) / Float(MERLTable.thetaHalfCount)
  return HalfDifferenceAngles(thetaHalf: halfFraction * halfFraction * (.pi / 2),
                              thetaDiff: (Float(thetaDiff) + 0.5) / Float(MERLTable.thetaDiffCount) * (.pi / 2),
                              phiDiff: (Float(phiDiff) + 0.5) / Float(MERLTable.phiDiffCount) * .pi)
}

/// A plausible shiny material: a dim diffuse part that varies with φd, plus a
/// highlight around θh = 0 that weakens with θd; reddish. Its albedo is below
/// 0.2 + 0.2π ≈ 0.83 whatever the direction.
func smoothReflectance(_ angles: HalfDifferenceAngles) -> Color {
  let diffuse = 0.15 / Float.pi * (1 + 0.3 * sin(angles.phiDiff))
  let highlight = 0.2 * exp(-(angles.thetaHalf / 0.15) * (angles.thetaHalf / 0.15)) * (0.6 + 0.4 * cos(angles.thetaDiff))
  return Color(1, 0.8, 0.5) * (diffuse + highlight)
}

/// The file numbers that make a table hold `reflectance` (undoing the scale factors).
func unscaled(_ reflectance: @escaping (Int) -> Color) -> (Int, Int) -> Double {
  { cell, channel in Double(reflectance(cell).rgb[channel]) / MERLTable.channelScale[channel] }
}

/// Every cell holds its own index in all three channels: a lookup tells which cell it read.
let indexMERLTable = try! merlTable(merlFileBytes(value: unscaled { Color(gray: Float($0)) }))

/// `smoothReflectance` at every cell centre: the table the BxDF property tests use.
/// A global, so that it outlives every ``MeasuredBRDF`` pointing into it.
let smoothMERLTable = try! merlTable(merlFileBytes(value: unscaled { smoothReflectance(centerAngles(ofCell: $0)) }))

/// The number a constant table holds in every cell and channel, chosen so that
/// red and green reflect half the light (albedo π · number · scale = 0.5).
let constantMERLNumber = 0.5 * 1500 / Double.pi

/// tray_rust's computation of the angles, literally: normalized half vector, acos and a rotation.
func trayRustAngles(wo: Vector3, wi: Vector3) -> HalfDifferenceAngles {
  let wh = normalize(wo + wi)
  let (cosThetaH, sinThetaH) = (wh.z, sinTheta(wh))
  let (cosPhiH, sinPhiH) = (cosPhi(wh), sinPhi(wh))
  let tilted = Vector3(cosPhiH * cosThetaH, sinPhiH * cosThetaH, -sinThetaH)
  let sideways = Vector3(-sinPhiH, cosPhiH, 0)
  let wd = Vector3(dot(wi, tilted), dot(wi, sideways), dot(wi, wh))
  var phi = atan2(wd.y, wd.x)
  if phi < 0 { phi += 2 * .pi }
  if phi > .pi { phi -= .pi }
  return HalfDifferenceAngles(thetaHalf: acos(min(wh.z, 1)), thetaDiff: acos(min(max(wd.z, -1), 1)), phiDiff: phi)
}

/// The pair of directions with the given half/difference angles and half-vector azimuth.
func directions(_ angles: HalfDifferenceAngles, phiHalf: Float) -> (wo: Vector3, wi: Vector3) {
  let difference = sphericalDirection(sinTheta: sin(angles.thetaDiff), cosTheta: cos(angles.thetaDiff), phi: angles.phiDiff)
  func fromHalfFrame(_ v: Vector3) -> Vector3 {
    let (c, s) = (cos(angles.thetaHalf), sin(angles.thetaHalf))
    let tilted = Vector3(c * v.x + s * v.z, v.y, -s * v.x + c * v.z)  // about y by θh
    let (cp, sp) = (cos(phiHalf), sin(phiHalf))
    return Vector3(cp * tilted.x - sp * tilted.y, sp * tilted.x + cp * tilted.y, tilted.z)  // about z by φh
  }
  return (fromHalfFrame(Vector3(-difference.x, -difference.y, difference.z)), fromHalfFrame(difference))
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merl-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}

// MARK: - Lookup

@Suite("MERL measured BRDF")
struct MERLTests {
  @Test("the half/difference angles match tray_rust's computation")
  func anglesMatchTrayRust() {
    var rng = PCG32(seed: 71)
    var compared = 0
    for _ in 0..<20_000 {
      let wo = uniformSampleHemisphere(rng.nextPoint2()), wi = uniformSampleHemisphere(rng.nextPoint2())
      let ours = HalfDifferenceAngles(wo: wo, wi: wi), theirs = trayRustAngles(wo: wo, wi: wi)
      #expect(abs(ours.thetaHalf - theirs.thetaHalf) < 1e-3, "wo \(wo) wi \(wi)")
      #expect(abs(ours.thetaDiff - theirs.thetaDiff) < 1e-3, "wo \(wo) wi \(wi)")
      // φd means nothing when θd = 0, and tray_rust's rotation loses precision near θh = 0.
      guard ours.thetaDiff > 0.01 && ours.thetaHalf > 0.01 else { continue }
      let gap = abs(ours.phiDiff - theirs.phiDiff)
      #expect(min(gap, .pi - gap) < 1e-3, "wo \(wo) wi \(wi): φd \(ours.phiDiff) vs \(theirs.phiDiff)")
      compared += 1
    }
    #expect(compared > 19_000)
  }

  @Test("directions built from known angles give those angles back, whatever the half vector's azimuth")
  func anglesRoundTrip() {
    var checked = 0
    for cell in stride(from: 17, to: MERLTable.cellCount, by: 997) {
      let angles = centerAngles(ofCell: cell)
      for phiHalf: Float in [0, 1.3, 4] {
        let (wo, wi) = directions(angles, phiHalf: phiHalf)
        guard wo.z > 0.01 && wi.z > 0.01 else { continue }  // the pair must lie above the surface
        let found = HalfDifferenceAngles(wo: wo, wi: wi)
        #expect(abs(found.thetaHalf - angles.thetaHalf) < 1e-4 && abs(found.thetaDiff - angles.thetaDiff) < 1e-4,
                "cell \(cell): \(found) vs \(angles)")
        // In the first θh cells (θh < 0.0002) the half vector is so close to the
        // normal that its azimuth, and with it φd, is lost to rounding in Float.
        // (An isotropic BRDF hardly depends on φd there.)
        guard angles.thetaHalf > 1e-3 else { continue }
        #expect(abs(found.phiDiff - angles.phiDiff) < 1e-3, "cell \(cell): \(found) vs \(angles)")
        #expect(MERLTable.cell(for: found) == cell)
        checked += 1
      }
    }
    #expect(checked > 2000)
  }

  @Test("θh is looked up through its square root: the cell of θh = ((k + ½)/90)² · π/2 is k",
        arguments: [0, 1, 2, 5, 20, 44, 70, 89])
  func thetaHalfIndex(k: Int) {
    // θd = 10° and φd = 30° in the middle of their cells, so only θh decides the θh index.
    let angles = HalfDifferenceAngles(thetaHalf: pow((Float(k) + 0.5) / 90, 2) * (.pi / 2),
                                      thetaDiff: 10.5 / 90 * (.pi / 2), phiDiff: 60.5 / 180 * .pi)
    let (wo, wi) = directions(angles, phiHalf: 0.7)
    let brdf = MeasuredBRDF(table: indexMERLTable)
    if wo.z > 0 && wi.z > 0 {
      let f = brdf.evaluate(wo: wo, wi: wi)
      let expected = 60 + 180 * (10 + 90 * k)
      #expect(Int(f.r.rounded()) == expected && f.g == f.r && f.b == f.r, "f \(f)")
    } else {
      #expect(k == 89)  // only at grazing does the pair dip below the surface
    }
    // A linear mapping would have put the small angles' cells elsewhere.
    #expect(MERLTable.cell(for: angles) / (180 * 90) == k)
  }

  @Test("cell indices: φd fastest, then θd, then θh; out-of-range and NaN angles are clamped")
  func cellLayout() {
    func cell(_ h: Float, _ d: Float, _ p: Float) -> Int {
      MERLTable.cell(for: HalfDifferenceAngles(thetaHalf: h, thetaDiff: d, phiDiff: p))
    }
    #expect(cell(0, 0, 0) == 0)
    #expect(cell(0, 0, .pi * 0.999) == 179)
    #expect(cell(0, .pi / 2 * 0.999, 0) == 89 * 180)
    #expect(cell(.pi / 2 * 0.999, 0, 0) == 89 * 90 * 180)
    #expect(cell(.pi / 2, .pi / 2, .pi) == MERLTable.cellCount - 1)
    #expect(cell(-1, -1, -1) == 0)
    #expect(cell(.nan, .nan, .nan) == 0)
    #expect(cell(10, 10, 10) == MERLTable.cellCount - 1)
  }

  @Test("reciprocity is exact: (wo, wi) and (wi, wo) read the same cell, on both sides")
  func reciprocity() {
    let brdf = MeasuredBRDF(table: indexMERLTable)
    var rng = PCG32(seed: 72)
    for k in 0..<50_000 {
      var wo = uniformSampleHemisphere(rng.nextPoint2()), wi = uniformSampleHemisphere(rng.nextPoint2())
      if k % 2 == 1 { wo.z = -wo.z; wi.z = -wi.z }
      #expect(brdf.evaluate(wo: wo, wi: wi) == brdf.evaluate(wo: wi, wi: wo), "wo \(wo) wi \(wi)")
    }
  }

  @Test("two-sided: mirroring both directions below the surface reads the same cell; opposite sides read nothing")
  func twoSided() {
    let brdf = MeasuredBRDF(table: indexMERLTable)
    var rng = PCG32(seed: 73)
    for _ in 0..<2000 {
      let wo = uniformSampleHemisphere(rng.nextPoint2()), wi = uniformSampleHemisphere(rng.nextPoint2())
      let mirror = Vector3(1, 1, -1)
      #expect(brdf.evaluate(wo: wo * mirror, wi: wi * mirror) == brdf.evaluate(wo: wo, wi: wi))
      #expect(brdf.evaluate(wo: wo, wi: wi * mirror).isBlack)
      #expect(brdf.pdf(wo: wo * mirror, wi: wi) == 0)
    }
  }

  @Test("a constant table is a Lambertian surface: f = number × scale everywhere, albedo π f")
  func constantTableIsLambertian() throws {
    let table = try merlTable(merlFileBytes { _, _ in constantMERLNumber })
    let expected = Color(SIMD3<Float>(MERLTable.channelScale * constantMERLNumber))
    #expect(isApproximatelyEqual(expected, Color(0.5, 0.5, 0.83) / .pi, relative: 1e-6))
    let brdf = MeasuredBRDF(table: table)
    let lambertian = Lambertian(reflectance: expected * .pi)
    var rng = PCG32(seed: 74)
    for _ in 0..<5000 {
      let wo = uniformSampleSphere(rng.nextPoint2()), wi = uniformSampleSphere(rng.nextPoint2())
      #expect(brdf.evaluate(wo: wo, wi: wi) == (sameHemisphere(wo, wi) ? expected : .black))
      #expect(isApproximatelyEqual(brdf.evaluate(wo: wo, wi: wi), lambertian.evaluate(wo: wo, wi: wi)))
      #expect(brdf.pdf(wo: wo, wi: wi) == lambertian.pdf(wo: wo, wi: wi))
    }
    for wo in outgoingDirections {
      let (albedo, standardError, _) = albedo(of: brdf, wo: wo, sampleCount: 2000, seed: 5)
      #expect(isApproximatelyEqual(albedo, expected * .pi, relative: 1e-3), "wo \(wo): \(albedo)")
      #expect(standardError < 1e-4)  // cosine sampling of a constant f: every weight is the albedo
    }
    withExtendedLifetime(table) {}
  }

  @Test("a cell's three channels come from the file's three channel blocks, each with its own scale; negative numbers become 0")
  func channelsAndClamping() throws {
    let table = try merlTable(merlFileBytes { cell, channel in
      [cell % 2 == 0 ? -1 : 3, 1000, 500][channel]  // MERL marks unmeasured cells with negative numbers
    })
    #expect(table.reflectance(cell: 0) == Color(0, Float(1000.0 / 1500), Float(500 * 1.66 / 1500)))
    #expect(table.reflectance(cell: 1) == Color(Float(3.0 / 1500), Float(1000.0 / 1500), Float(500 * 1.66 / 1500)))
    #expect(table.reflectance(cell: MERLTable.cellCount - 2).r == 0)
  }

  @Test("the synthetic table holds smoothReflectance at each cell centre (the reader's layout matches the writer's)")
  func smoothTable() {
    for cell in stride(from: 0, to: MERLTable.cellCount, by: 7919) {
      #expect(isApproximatelyEqual(smoothMERLTable.reflectance(cell: cell), smoothReflectance(centerAngles(ofCell: cell)),
                                   relative: 1e-5))
    }
  }
}

// MARK: - Files and errors

@Suite("MERL files")
struct MERLFileTests {
  /// Loads a scene whose only non-light material is `merl` with `file`, from `folder`.
  static func loadScene(file: String, folder: URL) throws -> Scene {
    let text = SceneLoaderTests.withMaterial("{ \"name\": \"white\", \"type\": \"merl\", \"file\": \"\(file)\" }")
    try text.write(to: folder.appendingPathComponent("merl.json"), atomically: true, encoding: .utf8)
    return try SceneLoader.load(path: folder.appendingPathComponent("merl.json").path)
  }

  /// The message loading a scene naming `file` gives.
  static func loadError(file: String, folder: URL) -> String {
    do {
      _ = try loadScene(file: file, folder: folder)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test("a missing, truncated, too long or foreign file is reported at the material's file key, with what is wrong")
  func errors() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    func write(_ bytes: [UInt8], _ name: String) throws {
      try Data(bytes).write(to: folder.appendingPathComponent(name))
    }
    func header(_ dimensions: [Int32]) -> [UInt8] {
      dimensions.flatMap { withUnsafeBytes(of: $0.littleEndian) { Array($0) } }
    }
    try write(header([90, 90, 180]) + [UInt8](repeating: 0, count: 988), "short.binary")
    try write([1, 2, 3, 4, 5], "tiny.binary")
    try write(header([90, 90, 360]) + [UInt8](repeating: 0, count: 100), "wide.binary")
    try write(header([180, 90, 90]), "swapped.binary")
    // Too long by one double: a sparse file, so the test writes only its header.
    try write(header([90, 90, 180]), "long.binary")
    #expect(truncate(folder.appendingPathComponent("long.binary").path, off_t(MERLFile.byteCount + 8)) == 0)
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("folder.binary"),
                                            withIntermediateDirectories: false)

    let prefix = "merl.json: materials[0].file: "
    #expect(Self.loadError(file: "missing.binary", folder: folder)
              == prefix + "\"missing.binary\" cannot be read: No such file or directory")
    #expect(Self.loadError(file: "short.binary", folder: folder)
              == prefix + "\"short.binary\" is truncated: expected 34,992,012 bytes, found 1,000")
    #expect(Self.loadError(file: "tiny.binary", folder: folder)
              == prefix + "\"tiny.binary\" is truncated: expected 34,992,012 bytes, found 5")
    #expect(Self.loadError(file: "long.binary", folder: folder)
              == prefix + "\"long.binary\" is too long: expected 34,992,012 bytes, found 34,992,020")
    #expect(Self.loadError(file: "wide.binary", folder: folder)
              == prefix + "\"wide.binary\" is not a MERL BRDF: its header gives dimensions 90 × 90 × 360, expected 90 × 90 × 180")
    #expect(Self.loadError(file: "swapped.binary", folder: folder)
              == prefix + "\"swapped.binary\" is not a MERL BRDF: its header gives dimensions 180 × 90 × 90, expected 90 × 90 × 180")
    #expect(Self.loadError(file: "folder.binary", folder: folder)
              == prefix + "\"folder.binary\" cannot be read: Is a directory")
  }

  @Test("a missing or mistyped file key is reported at its JSON path", arguments: [
    ("{ \"name\": \"white\", \"type\": \"merl\" }", "bad.json: materials[0]: missing required key \"file\""),
    ("{ \"name\": \"white\", \"type\": \"merl\", \"file\": 3 }", "bad.json: materials[0].file: expected a string, found 3"),
  ])
  func badKeys(material: String, expected: String) {
    do {
      _ = try SceneLoader.parse(SceneLoaderTests.withMaterial(material), fileName: "bad.json")
      Issue.record("expected: \(expected)")
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test("numbers that are infinite or NaN are rejected rather than rendered")
  func nonFiniteNumbers() throws {
    var bytes = merlFileBytes { _, _ in 1 }
    bytes.withUnsafeMutableBytes { raw in
      raw.storeBytes(of: Double.nan.bitPattern.littleEndian, toByteOffset: 12 + 8 * 5, as: UInt64.self)
      raw.storeBytes(of: Double.infinity.bitPattern.littleEndian, toByteOffset: 12 + 8 * 7, as: UInt64.self)
    }
    #expect(throws: MERLFileError(file: "synthetic.binary",
                                  problem: "holds 2 numbers that are infinite or NaN (after scaling to Float)")) {
      try merlTable(bytes)
    }
  }

  @Test("thousands are grouped in messages")
  func grouping() {
    #expect(MERLFile.grouped(0) == "0")
    #expect(MERLFile.grouped(999) == "999")
    #expect(MERLFile.grouped(1000) == "1,000")
    #expect(MERLFile.grouped(34_992_012) == "34,992,012")
    #expect(MERLFile.byteCount == 34_992_012)
  }
}

// MARK: - Rendering

@Suite("MERL materials in renders")
struct MERLRenderTests {
  /// The disk-light-over-floor scene with a `merl` floor reading `brdfs/<name>`.
  static func floorScene(file: String, size: Int = 4, samples: Int = 64) -> String {
    diskOverFloorScene(albedo: 0.5, radiance: 2, radius: 3, height: 4, size: size, samples: samples)
      .replacingOccurrences(of: "{ \"name\": \"floor\", \"type\": \"matte\", \"diffuse\": [0.5, 0.5, 0.5], \"roughness\": 0 }",
                            with: "{ \"name\": \"floor\", \"type\": \"merl\", \"file\": \"\(file)\" }")
  }

  @Test("a floor of a constant MERL table, read from a file next to the scene, has the analytic radiance of a Lambertian floor")
  func constantFloor() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("brdfs"), withIntermediateDirectories: false)
    try Data(merlFileBytes { _, _ in constantMERLNumber }).write(to: folder.appendingPathComponent("brdfs/constant.binary"))
    let scenePath = folder.appendingPathComponent("floor.json")
    try Self.floorScene(file: "brdfs/constant.binary").write(to: scenePath, atomically: true, encoding: .utf8)
    let scene = try SceneLoader.load(path: scenePath.path)
    guard case .measured = scene.materials[0] else { Issue.record("expected a measured material"); return }

    var options = RenderOptions()
    options.threads = 2
    let (image, report) = Renderer.render(scene, options: options)
    #expect(report.droppedSamples == 0)
    let mean = image.reduce(Color.black) { $0 + $1 } / Float(image.count)
    let irradianceFactor: Float = 2 * 9 / (9 + 16)  // L R² / (R² + h²)
    let albedo = Color(SIMD3<Float>(MERLTable.channelScale * constantMERLNumber)) * .pi
    #expect(isApproximatelyEqual(mean, albedo * irradianceFactor, relative: 0.02), "mean \(mean)")
  }

  @Test("a scene with a shiny MERL ball and floor renders without NaNs, and without heap allocation per pixel")
  func finiteAndNoMallocs() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = merlFileBytes(value: unscaled { smoothReflectance(centerAngles(ofCell: $0)) })
    try Data(bytes).write(to: folder.appendingPathComponent("smooth.binary"))
    // The floor, and the ball of the narrow-view scene, both of the table;
    // paths bounce between them.
    let text = Self.floorScene(file: "smooth.binary", size: 64, samples: 4)
      .replacingOccurrences(of: "\"max_depth\": 0", with: "\"max_depth\": 5")
      .replacingOccurrences(of: "\"objects\": [", with: """
        "objects": [
          { "name": "ball", "type": "receiver", "material": "floor", "geometry": { "type": "sphere", "radius": 0.5 },
            "transform": [{ "type": "translate", "translation": [0, 0.5, 0] }] },
        """)
    let scene = try SceneLoader.parse(text, fileName: "smooth.json", directory: folder.path)
    #expect(scene.objects.count == 3)

    var options = RenderOptions()
    options.threads = 2
    let (image, report) = Renderer.render(scene, options: options)
    #expect(report.droppedSamples == 0)
    #expect(image.allSatisfy { $0.isFinite && $0.rgb.min() >= 0 })
    #expect(image.reduce(Float(0)) { $0 + $1.luminance } > 0)

    guard malloc_counter_is_active() != 0 else { return }  // off under AddressSanitizer
    options.tileSize = 8
    let film = Film(width: 64, height: 64, filter: scene.film.filter, tileSize: 8)
    var worker = TileRenderer(PixelRenderer(scene: scene, film: scene.film, options: options))
    worker.render(tile: 0, film: film)  // warm-up: the arena gets its block
    let before = malloc_counter_thread_count()
    for tile in 1..<33 { worker.render(tile: tile, film: film) }
    #expect(malloc_counter_thread_count() - before == 0)
    #expect(worker.arena.statistics.blockCount == 1)
  }
}
