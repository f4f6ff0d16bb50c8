/// A pixel's sample sets in a Swift `[Float]`, as code without an arena would
/// keep them: one `malloc` per pixel (or batch), freed when the last
/// reference goes.
///
/// Used only by the allocation ablation (``ScratchMemory/heap``). The
/// integrators read it through the same ``PixelSamples`` view as the arena's.
public struct HeapPixelSamples {
  let layout: SampleLayout
  let floats: [Float]

  /// Makes and fills the sample sets for `count` camera samples of `bounces`
  /// vertices, with a shutter time each when `shutterTimes`.
  public init(count: Int, bounces: Int, shutterTimes: Bool = false, fill: Sampler.ArrayFill = .lowDiscrepancy,
              rng: inout PCG32) {
    let layout = SampleLayout(count: count, bounces: bounces, shutterTimes: shutterTimes)
    var floats = [Float](repeating: 0, count: layout.floatCount)
    floats.withUnsafeMutableBufferPointer { layout.fill($0, with: fill, rng: &rng) }
    self.layout = layout
    self.floats = floats
  }

  /// The sets, as the integrators read them.
  public var samples: PixelSamples {
    @_lifetime(borrow self)
    get { PixelSamples(floats.span, layout: layout) }
  }
}
