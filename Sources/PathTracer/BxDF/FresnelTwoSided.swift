/// A Fresnel term that treats light from either side of the surface as light
/// arriving from outside: `inner` always gets |cos θi|.
///
/// For the clear coat of an opaque, two-sided material (plastic): its back
/// face should look like its front, not like the inside of a glass block,
/// where a dielectric reflects totally beyond the critical angle.
/// Costs what `inner` costs.
public struct FresnelTwoSided<Inner: FresnelTerm>: FresnelTerm {
  public var inner: Inner

  @inlinable
  public init(_ inner: Inner) {
    self.inner = inner
  }

  public func evaluate(cosThetaI: Float) -> Color {
    inner.evaluate(cosThetaI: abs(cosThetaI))
  }
}
