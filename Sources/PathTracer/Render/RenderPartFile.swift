/// What makes two renders the same render: merging refuses parts that differ
/// in any of it. Written into every part file as string attributes.
public struct RenderIdentity: Sendable, Equatable {
  /// The attributes, by name (`tracer.scene_hash`, `tracer.resolution`, …).
  public let attributes: [String: String]

  /// The identity of rendering the scene file whose bytes are `sceneFile`
  /// on `film` with `options`. Threads and scratch memory are not part of
  /// it: they never change the image.
  public init(sceneFile: [UInt8], film: FilmDescription, options: RenderOptions) {
    // FNV-1a, 64 bits: a content hash to tell scene files apart, not a secure one.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in sceneFile { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let apron = Int(max(film.filter.radius.x, film.filter.radius.y).rounded(.up))
    attributes = [
      "tracer.scene_hash": String(hash, radix: 16),
      "tracer.resolution": "\(film.width)x\(film.height)",
      "tracer.spp": String(film.samplesPerPixel),
      "tracer.sampler": String(describing: film.sampler),
      "tracer.seed": String(options.seed),
      // An instant as before motion blur; an open shutter as "open...close".
      "tracer.time": options.hasMotionBlur ? "\(options.shutter.lowerBound)...\(options.shutter.upperBound)"
        : String(options.time),
      "tracer.tile_size": String(options.tileSize),
      "tracer.apron": String(apron),
    ]
  }

  /// The identity written in a part file's attributes, if it has every one.
  init?(partAttributes: [String: String]) {
    var attributes: [String: String] = [:]
    for key in Self.keys {
      guard let value = partAttributes[key] else { return nil }
      attributes[key] = value
    }
    self.attributes = attributes
  }

  /// Whether `attributes` (a part file's) hold exactly `identity`.
  public static func keysMatch(_ attributes: [String: String], _ identity: RenderIdentity) -> Bool {
    keys.allSatisfy { attributes[$0] == identity.attributes[$0] }
  }

  /// Every attribute's name, in the order differences are reported.
  static let keys = ["tracer.scene_hash", "tracer.resolution", "tracer.spp", "tracer.sampler", "tracer.seed",
                     "tracer.time", "tracer.tile_size", "tracer.apron"]
}

/// A render part as an OpenEXR file, and merging parts into the image.
///
/// A part holds its tiles' splat buffers exactly as the film keeps them:
/// for each of its tiles (in increasing order), the tile and its apron (the
/// filter's reach past the tile), `bufferSide` pixels square, as channels
/// `R`, `G`, `B` (filter-weighted radiance sums) and `W` (the sum of filter
/// weights), stacked top to bottom. Merging puts every tile's buffer back
/// into a film and resolves it with the same code, in the same order, as a
/// single process does, so the merged image is the same bit for bit
/// whatever the part count and the threads each part used.
public enum RenderPartFile {
  /// The attribute that marks a part and says which: `K/N`.
  public static let partAttribute = "tracer.part"

  /// The part file of `part`, rendered into `film` (see ``Renderer/renderTiles(_:film:options:part:progress:then:)``).
  /// Cost: one image of `bufferSide² × tiles × 4` floats.
  public static func image(of film: borrowing Film, part: RenderPart, identity: RenderIdentity) -> EXRImage {
    let tiles = part.tiles(of: film.tiles)
    let side = film.bufferSide
    var attributes = identity.attributes
    attributes[partAttribute] = part.description
    var image = EXRImage(width: side, height: side * max(tiles.count, 1), channels: ["R", "G", "B", "W"],
                         attributes: attributes)
    for (slot, tile) in tiles.enumerated() {
      let buffer = film.accumulators.baseAddress! + tile * side * side
      for pixel in 0..<side * side {
        let sum = buffer[pixel]
        let base = (slot * side * side + pixel) * 4
        image.pixels[base] = sum.x
        image.pixels[base + 1] = sum.y
        image.pixels[base + 2] = sum.z
        image.pixels[base + 3] = sum.w
      }
    }
    return image
  }

  /// Joins the parts of one render, read from the files named by `path`,
  /// into its image: linear colours, row by row from the top.
  ///
  /// Cost: one film of the image's size, filled from the parts, then resolved.
  /// - Throws: ``RenderMergeError`` naming the file that is not a part, is
  ///   part of another render, repeats a part or is damaged, or the parts missing.
  public static func merge(_ parts: [(path: String, image: EXRImage)])
    throws(RenderMergeError) -> (image: [Color], width: Int, height: Int)
  {
    guard let first = parts.first else { throw RenderMergeError(path: nil, problem: "no part to merge") }
    func refuse(_ path: String, _ problem: String) -> RenderMergeError { RenderMergeError(path: path, problem: problem) }

    // Every file must be a part of the first file's render, each part once.
    var identity: RenderIdentity?
    var found: [Int: String] = [:]
    var count = 0
    for (path, image) in parts {
      guard let label = image.attributes[partAttribute], let part = RenderPart(parsing: label),
            let its = RenderIdentity(partAttributes: image.attributes)
      else {
        throw refuse(path, "not a render part (it has no valid \(partAttribute) attribute: write parts with --part K/N)")
      }
      if let identity {
        for key in RenderIdentity.keys where its.attributes[key] != identity.attributes[key] {
          throw refuse(path, "part of another render than \(first.path): its \(key) is \(its.attributes[key]!), "
                       + "not \(identity.attributes[key]!)")
        }
        guard part.count == count else {
          throw refuse(path, "part \(part) of \(part.count), but \(first.path) is one of \(count)")
        }
      } else {
        identity = its
        count = part.count
      }
      if let other = found[part.index] {
        throw refuse(path, "part \(part) again: \(other) is that part already")
      }
      found[part.index] = path
    }
    let missing = (1...count).filter { found[$0] == nil }
    guard missing.isEmpty else {
      let list = missing.map(String.init).joined(separator: ", ")
      throw RenderMergeError(path: nil, problem: "part\(missing.count == 1 ? "" : "s") \(list) of \(count) missing")
    }

    // The film the parts were rendered on, rebuilt from the identity.
    let attributes = identity!.attributes
    let size = attributes["tracer.resolution"]!.split(separator: "x").compactMap { Int($0) }
    guard size.count == 2, let tileSize = Int(attributes["tracer.tile_size"]!), let apron = Int(attributes["tracer.apron"]!),
          size[0] > 0, size[1] > 0, (1...RenderLimits.maximumTileSize).contains(tileSize), (0...tileSize).contains(apron),
          MemoryRequirement(count: size[0], stride: size[1]).fits(in: 1 << 32)
    else {
      throw refuse(first.path, "its size attributes are damaged")
    }
    // Each part's shape first, from the tile grid alone, so that sizes a
    // file merely claims allocate nothing.
    let grid = TileGrid(width: size[0], height: size[1], tileSize: tileSize)
    let side = tileSize + 2 * apron
    var channelIndices: [[Int]] = []
    for (path, image) in parts {
      let tileCount = RenderPart(parsing: image.attributes[partAttribute]!)!.tiles(of: grid).count
      guard image.width == side, image.height == side * max(tileCount, 1),
            let r = image.channelIndex("R"), let g = image.channelIndex("G"), let b = image.channelIndex("B"),
            let w = image.channelIndex("W")
      else {
        throw refuse(path, "damaged: a part of \(tileCount) tiles is \(side)×\(side * max(tileCount, 1)) pixels "
                     + "of channels R, G, B, W; this one is \(image.width)×\(image.height) of \(image.channels.joined(separator: ", "))")
      }
      channelIndices.append([r, g, b, w])
    }
    let filmBytes = MemoryRequirement(count: grid.count, stride: side * side * MemoryLayout<SIMD4<Float>>.stride)
      + MemoryRequirement(count: size[0] * size[1], stride: 2 * MemoryLayout<SIMD4<Float>>.stride)
    guard filmBytes.fits() else {
      throw refuse(first.path, "a \(size[0])×\(size[1]) film needs \(filmBytes), more than this machine has")
    }

    let film = Film(width: size[0], height: size[1], filter: .box(radius: SIMD2(repeating: Float(apron))),
                    tileSize: tileSize)
    for ((_, image), indices) in zip(parts, channelIndices) {
      let part = RenderPart(parsing: image.attributes[partAttribute]!)!
      let stride = image.channels.count
      for (slot, tile) in part.tiles(of: film.tiles).enumerated() {
        let buffer = film.accumulators.baseAddress! + tile * side * side
        for pixel in 0..<side * side {
          let base = (slot * side * side + pixel) * stride
          buffer[pixel] = SIMD4(image.pixels[base + indices[0]], image.pixels[base + indices[1]],
                                image.pixels[base + indices[2]], image.pixels[base + indices[3]])
        }
      }
    }
    return (film.resolve(), film.width, film.height)
  }
}

/// Why parts could not be merged; names the file when one is at fault.
public struct RenderMergeError: Error, Sendable, Equatable, CustomStringConvertible {
  public let path: String?
  public let problem: String
  public var description: String { path.map { "\($0): \(problem)" } ?? problem }
}
