import LightArena

/// All the random numbers one pixel's paths consume (or one batch of them, for
/// the adaptive sampler), generated up front.
///
/// Each *dimension* of the paths gets its own stratified set across the
/// pixel's `count` camera samples: one set of 2D film positions, with motion
/// blur one set of 1D shutter times, and for every
/// bounce one set each of light-position samples (2D), light-choice samples
/// (1D), BSDF-direction samples (2D) and BSDF-component samples (1D). Camera
/// sample `s` takes element `s` of every set, so each dimension is well
/// stratified over the pixel: the bounce-0 light samples of a pixel's 64 paths,
/// say, cover the light evenly. The ``Sampler/ArrayFill`` decides the values:
/// low-discrepancy, uniform random, or an adaptive batch.
///
/// tray_rust does it the other way round: for each camera sample its path
/// integrator draws, per dimension, one array of `max_depth + 1` values, one
/// per bounce, in an arena scope opened for that camera sample. That
/// stratifies a dimension across the bounces of one path, which are different
/// integrals, and leaves the pixel's samples of any one bounce independent of
/// each other. Drawing across the pixel's samples, as pbrt's sample arrays do,
/// is what stratification is for; the price is that the arrays live in the
/// pixel's scope, not the camera sample's (3.5 KB for 16 spp and
/// `max_depth` 8).
///
/// This value is a read-only view: five `Span`s into one buffer of floats. The
/// renderer's buffer is an allocation in the pixel's arena scope
/// (``init(alloc:count:bounces:fill:rng:)``): a pointer bump, released with
/// the scope. The allocation ablation keeps it in a Swift array instead
/// (``HeapPixelSamples``); reading is the same code either way.
public struct PixelSamples: ~Escapable {
  /// The camera samples in these sets: the pixel's samples per pixel, or one batch.
  public let count: Int
  /// The path vertices that take samples (`max_depth + 1` for the path tracer).
  public let bounces: Int
  /// Film positions within the pixel, in [0, 1)², as x, y pairs.
  let film: Span<Float>
  /// Where in the shutter interval each camera sample is taken, in [0, 1);
  /// empty when the shutter is an instant (nothing is drawn for it then).
  let time: Span<Float>
  /// For each of the four per-bounce dimensions, `[bounce * count + sample]`
  /// (2D sets store two floats per sample).
  let light: Span<Float>
  let lightChoice: Span<Float>
  let bsdf: Span<Float>
  let bsdfComponent: Span<Float>

  /// Allocates the sample sets for one pixel or one batch in `alloc`'s scope
  /// and fills them.
  ///
  /// - Parameters:
  ///   - alloc: The pixel's arena scope (or the batch's, nested in it).
  ///   - count: The number of camera samples.
  ///   - bounces: The number of path vertices that take samples (`max_depth + 1`).
  ///   - shutterTimes: Whether to draw a shutter time per camera sample (motion
  ///     blur). Without, the sets are exactly those of a renderer without motion blur.
  ///   - fill: How the values are chosen; low-discrepancy by default.
  ///   - rng: The pixel's generator, seeded from the pixel's index.
  /// Cost: one pointer bump for `layout.floatCount` floats, and filling them
  /// (each written once).
  @_lifetime(copy alloc)
  public init(alloc: ArenaAllocator, count: Int, bounces: Int, shutterTimes: Bool = false,
              fill: Sampler.ArrayFill = .lowDiscrepancy, rng: inout PCG32) {
    let layout = SampleLayout(count: count, bounces: bounces, shutterTimes: shutterTimes)
    // Filled in place, without zeroing first: `fill` writes every float of
    // the layout (zeroing them was a `memset` of 3.5 KB per pixel at 16 spp).
    let floats = alloc.allocateArray(capacity: layout.floatCount) { (output: inout OutputSpan<Float>) in
      output.withUnsafeMutableBufferPointer { buffer, initializedCount in
        layout.fill(buffer, with: fill, rng: &rng)
        initializedCount = buffer.count
      }
    }
    self.init(floats.freeze(), layout: layout)
  }

  /// The sets of `layout`, read from `floats`.
  @_lifetime(copy floats)
  init(_ floats: Span<Float>, layout: SampleLayout) {
    count = layout.count
    bounces = layout.bounces
    film = floats.extracting(layout.film)
    time = floats.extracting(layout.time)
    light = floats.extracting(layout.light)
    lightChoice = floats.extracting(layout.lightChoice)
    bsdf = floats.extracting(layout.bsdf)
    bsdfComponent = floats.extracting(layout.bsdfComponent)
  }

  /// Where camera sample `sample` lies within its pixel, in [0, 1)².
  public func filmOffset(_ sample: Int) -> Point2 {
    Point2(film[2 * sample], film[2 * sample + 1])
  }

  /// Where in the shutter camera sample `sample` is taken, in [0, 1): its
  /// element of the stratified time set. Only for sets made with shutter times.
  public func shutterOffset(_ sample: Int) -> Float {
    time[sample]
  }

  /// The samples one path vertex uses: for camera sample `sample` at bounce `bounce`.
  @inline(__always)  // once per path vertex; as a call it cost 0.4% of a render
  public func vertex(sample: Int, bounce: Int) -> VertexSamples {
    // One check for all six reads: the four sets hold `bounces * count`
    // samples each (two floats per sample for the 2D ones), so a valid
    // (sample, bounce) is inside every one of them.
    precondition(sample >= 0 && sample < count && bounce >= 0 && bounce < bounces,
                 "PixelSamples.vertex: no such sample or bounce")
    let i = bounce &* count &+ sample
    return VertexSamples(light: Point2(light[unchecked: 2 &* i], light[unchecked: 2 &* i &+ 1]),
                         lightChoice: lightChoice[unchecked: i],
                         bsdf: Point2(bsdf[unchecked: 2 &* i], bsdf[unchecked: 2 &* i &+ 1]),
                         bsdfComponent: bsdfComponent[unchecked: i])
  }
}

/// Where each set of a ``PixelSamples`` lies in its buffer of floats, and how
/// the sets are filled.
struct SampleLayout {
  let count: Int
  let bounces: Int
  let film: Range<Int>
  /// One float per camera sample with motion blur, else empty.
  let time: Range<Int>
  let light: Range<Int>
  let lightChoice: Range<Int>
  let bsdf: Range<Int>
  let bsdfComponent: Range<Int>

  /// Floats for every set: `2 * count + 6 * count * bounces`, and `count`
  /// more for shutter times.
  var floatCount: Int { bsdfComponent.upperBound }

  /// The floats one camera sample takes: 2 for its film position, 1 for its
  /// shutter time with motion blur, 6 per bounce.
  static func floatsPerSample(bounces: Int, shutterTimes: Bool = false) -> Int {
    2 + (shutterTimes ? 1 : 0) + 6 * bounces
  }

  /// The most floats one set of sample arrays may hold: 256 KiB of them, which
  /// a pixel of 1024 samples at `max_depth` 8 fills (57,344 floats).
  static let maximumFloatCount = 1 << 16

  /// The most camera samples one set of arrays holds for paths of `bounces`
  /// vertices: the largest power of two (so that batches of a (0,2)-sequence
  /// stay aligned, stratified blocks) whose arrays fit ``maximumFloatCount``,
  /// and at least 1. Pixels with more samples take them in batches.
  static func batchLimit(bounces: Int, shutterTimes: Bool = false) -> Int {
    let fitting = max(1, maximumFloatCount / floatsPerSample(bounces: bounces, shutterTimes: shutterTimes))
    return 1 << (Int.bitWidth - 1 - fitting.leadingZeroBitCount)
  }

  init(count: Int, bounces: Int, shutterTimes: Bool = false) {
    self.count = count
    self.bounces = bounces
    let perBounce = count * bounces
    film = 0..<2 * count
    time = film.upperBound..<film.upperBound + (shutterTimes ? count : 0)
    light = time.upperBound..<time.upperBound + 2 * perBounce
    lightChoice = light.upperBound..<light.upperBound + perBounce
    bsdf = lightChoice.upperBound..<lightChoice.upperBound + 2 * perBounce
    bsdfComponent = bsdf.upperBound..<bsdf.upperBound + perBounce
  }

  /// Fills every set in `floats` (`floatCount` of them).
  ///
  /// Always the same order of sets: film positions, shutter times (only with
  /// motion blur, so that sets without are exactly as before), then bounce by
  /// bounce the light, light-choice, BSDF and component samples. An adaptive
  /// batch relies on it to give every set the scramble it had in the previous batches.
  func fill(_ floats: UnsafeMutableBufferPointer<Float>, with fill: Sampler.ArrayFill, rng: inout PCG32) {
    var fill = fill
    func set(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Float> { .init(rebasing: floats[range]) }
    fill.fill2D(set(film), rng: &rng)
    if !time.isEmpty { fill.fill1D(set(time), rng: &rng) }
    for bounce in 0..<bounces {
      let samples = bounce * count..<(bounce + 1) * count
      let pairs = 2 * samples.lowerBound..<2 * samples.upperBound
      fill.fill2D(set(pairs + light.lowerBound), rng: &rng)
      fill.fill1D(set(samples + lightChoice.lowerBound), rng: &rng)
      fill.fill2D(set(pairs + bsdf.lowerBound), rng: &rng)
      fill.fill1D(set(samples + bsdfComponent.lowerBound), rng: &rng)
    }
  }
}

extension Range<Int> {
  /// The range moved `offset` up.
  fileprivate static func + (range: Range<Int>, offset: Int) -> Range<Int> {
    range.lowerBound + offset..<range.upperBound + offset
  }
}

/// The four sample values one path vertex consumes.
public struct VertexSamples: Sendable, BitwiseCopyable {
  public var light: Point2
  public var lightChoice: Float
  public var bsdf: Point2
  public var bsdfComponent: Float

  public init(light: Point2, lightChoice: Float, bsdf: Point2, bsdfComponent: Float) {
    self.light = light
    self.lightChoice = lightChoice
    self.bsdf = bsdf
    self.bsdfComponent = bsdfComponent
  }
}
