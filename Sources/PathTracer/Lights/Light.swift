/// A light source of the scene. An enum rather than a protocol: there are two
/// kinds, and a `switch` costs less than a dynamic call in the inner loop.
public enum Light: Sendable {
  case area(AreaLight)
  case point(PointLight)

  /// Samples the light's incident radiance at `ref`.
  public func sampleIncident(from ref: Point3, u: Point2) -> LightSample? {
    switch self {
    case .area(let light): light.sampleIncident(from: ref, u: u)
    case .point(let light): light.sampleIncident(from: ref)
    }
  }

  /// The solid-angle density of sampling `wi` from `ref` (0 for a point light:
  /// no BSDF sample can hit it).
  public func pdfIncident(from ref: Point3, direction wi: Vector3) -> Float {
    switch self {
    case .area(let light): light.pdfIncident(from: ref, direction: wi)
    case .point: 0
    }
  }

  public var power: Float {
    switch self {
    case .area(let light): light.power
    case .point(let light): light.power
    }
  }
}

/// Incident light arriving at a point from a sampled point on a light.
public struct LightSample: Sendable {
  /// Radiance arriving along `-wi` (before occlusion).
  public var radiance: Color
  /// Unit direction from the receiving point toward the light.
  public var wi: Vector3
  /// Solid-angle density of this direction (1 for a delta light).
  public var pdf: Float
  /// The point on the light, the target of the shadow ray.
  public var point: Point3
  /// True for lights that BSDF sampling can never hit (points).
  public var isDelta: Bool
}
