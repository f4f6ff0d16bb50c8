import RealModule

// Warps: functions that map a uniform sample `u` in [0,1)^2 to a point on some
// domain (a disk, a hemisphere, a sphere) with a known density.
//
// Each sampling function comes with its pdf; Monte Carlo estimators divide by it.
// Directions are in a local frame whose "up" is +Z (see ``ShadingFrame``).
// All functions are branch-light, allocation-free and cost a few flops plus at
// most one square root and one sine/cosine pair.

/// Maps `u` to a point in the unit disk, uniformly by area, with Shirley and
/// Chiu's concentric mapping: squares of the domain go to rings of the disk, so
/// stratified samples stay well spread (unlike the naive `r = sqrt(u.x)` map).
/// Density: 1/π per unit area.
@inlinable
public func concentricSampleDisk(_ u: Point2) -> Point2 {
  let offset = 2 * u - Point2(1, 1)
  if offset.x == 0 && offset.y == 0 { return .zero }
  let radius: Float
  let theta: Float
  if abs(offset.x) > abs(offset.y) {
    radius = offset.x
    theta = (.pi / 4) * (offset.y / offset.x)
  } else {
    radius = offset.y
    theta = .pi / 2 - (.pi / 4) * (offset.x / offset.y)
  }
  return radius * Point2(.cos(theta), .sin(theta))
}

/// A direction on the +Z hemisphere with density proportional to cos θ
/// (Malley's method: lift a uniform disk sample onto the hemisphere).
/// Its pdf is ``cosineHemispherePdf(cosTheta:)``.
@inlinable
public func cosineSampleHemisphere(_ u: Point2) -> Vector3 {
  let d = concentricSampleDisk(u)
  let z = max(0, 1 - d.x * d.x - d.y * d.y).squareRoot()
  return Vector3(d.x, d.y, z)
}

/// The solid-angle density of ``cosineSampleHemisphere(_:)``: cos θ / π.
@inlinable
public func cosineHemispherePdf(cosTheta: Float) -> Float {
  cosTheta * (1 / .pi)
}

/// A direction on the unit sphere, uniformly by solid angle.
/// Its pdf is ``uniformSpherePdf``.
@inlinable
public func uniformSampleSphere(_ u: Point2) -> Vector3 {
  let z = 1 - 2 * u.x
  let r = max(0, 1 - z * z).squareRoot()
  let phi = 2 * Float.pi * u.y
  return Vector3(r * .cos(phi), r * .sin(phi), z)
}

/// The solid-angle density of ``uniformSampleSphere(_:)``: 1 / (4π).
public let uniformSpherePdf: Float = 1 / (4 * .pi)
