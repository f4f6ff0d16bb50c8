import RealModule

// Warps: functions that map a uniform sample `u` in [0,1)^2 to a point on some
// domain (a disk, a hemisphere, a sphere, a cone, a triangle) with a known density.
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

/// A direction on the +Z hemisphere, uniformly by solid angle.
/// Its pdf is ``uniformHemispherePdf``.
@inlinable
public func uniformSampleHemisphere(_ u: Point2) -> Vector3 {
  let z = u.x
  let r = max(0, 1 - z * z).squareRoot()
  let phi = 2 * Float.pi * u.y
  return Vector3(r * .cos(phi), r * .sin(phi), z)
}

/// The solid-angle density of ``uniformSampleHemisphere(_:)``: 1 / (2π).
public let uniformHemispherePdf: Float = 1 / (2 * .pi)

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

/// A point uniformly distributed (by area) on a triangle, as barycentric weights
/// `(b0, b1, b2)` that are non-negative and sum to 1: the point is
/// `b0 * p0 + b1 * p1 + b2 * p2`. Its density is 1 / area of the triangle.
@inlinable
public func uniformSampleTriangle(_ u: Point2) -> SIMD3<Float> {
  // Fold the unit square onto the triangle: sqrt(u.x) makes rows near the
  // wide end of the triangle proportionally more likely.
  let s = u.x.squareRoot()
  let b0 = 1 - s
  let b1 = u.y * s
  return SIMD3(b0, b1, max(0, 1 - b0 - b1))
}

/// A direction inside the cone around +Z with half-angle `acos(cosThetaMax)`,
/// uniformly by solid angle: how a spherical light is sampled from outside.
/// Its pdf is ``uniformConePdf(cosThetaMax:)``.
@inlinable
public func uniformSampleCone(_ u: Point2, cosThetaMax: Float) -> Vector3 {
  let cosTheta = (1 - u.x) + u.x * cosThetaMax
  let sinTheta = max(0, 1 - cosTheta * cosTheta).squareRoot()
  let phi = 2 * Float.pi * u.y
  return Vector3(sinTheta * .cos(phi), sinTheta * .sin(phi), cosTheta)
}

/// The solid-angle density of ``uniformSampleCone(_:cosThetaMax:)``:
/// one over the cone's solid angle 2π (1 − cos θmax).
@inlinable
public func uniformConePdf(cosThetaMax: Float) -> Float {
  1 / (2 * .pi * (1 - cosThetaMax))
}
