extension Scene {
  /// Samples the incident radiance of light `index` at `ref`, as the light is
  /// at scene time `time`: ``light(_:at:)`` followed by
  /// ``Light/sampleIncident(from:u:)``, without copying the light.
  ///
  /// Why not simply `light(index, at: time).sampleIncident(...)`: a ``Light``
  /// is a few hundred bytes (a sphere carries two matrices), and returning one
  /// by value is a `memcpy` for every light sample. A light that never
  /// changes is sampled where it lies in ``lights``; an animated one is
  /// evaluated for `time` first, as before. Cost: the light's own sampling.
  @inline(__always)
  public func sampleLight(_ index: Int, at time: Float, from ref: Point3, u: Point2) -> LightSample? {
    guard !lightAnimations.isEmpty else { return lights[index].sampleIncident(from: ref, u: u) }
    return light(index, at: time).sampleIncident(from: ref, u: u)
  }
}
