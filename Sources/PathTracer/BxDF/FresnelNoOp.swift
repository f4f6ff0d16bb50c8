/// A Fresnel term that reflects everything at every angle: used when the
/// reflectance is already baked into the BxDF's colour (tray_rust's metals
/// that are given a plain colour, or tests that need F = 1). Costs nothing.
public struct FresnelNoOp: FresnelTerm {
  @inlinable public init() {}

  public func evaluate(cosThetaI: Float) -> Color { .white }
}
