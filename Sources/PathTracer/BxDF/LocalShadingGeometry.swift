import RealModule

// Trigonometry of a unit direction in the local shading frame, where the normal
// is +Z: θ is the angle to the normal, φ the angle around it from +X.
// Reading these off the coordinates avoids calling acos/atan2 on the hot path.

/// cos θ of a unit vector in the shading frame: its z coordinate.
@inlinable public func cosTheta(_ w: Vector3) -> Float { w.z }
/// cos² θ.
@inlinable public func cos2Theta(_ w: Vector3) -> Float { w.z * w.z }
/// |cos θ|, the projected-area factor of a two-sided surface.
@inlinable public func absCosTheta(_ w: Vector3) -> Float { abs(w.z) }
/// sin² θ, clamped so rounding cannot make it negative.
@inlinable public func sin2Theta(_ w: Vector3) -> Float { max(0, 1 - cos2Theta(w)) }
/// sin θ.
@inlinable public func sinTheta(_ w: Vector3) -> Float { sin2Theta(w).squareRoot() }
/// tan² θ; infinite on the horizon.
@inlinable public func tan2Theta(_ w: Vector3) -> Float { sin2Theta(w) / cos2Theta(w) }
/// cos φ; 1 along the normal, where φ is undefined.
@inlinable public func cosPhi(_ w: Vector3) -> Float {
  let s = sinTheta(w)
  return s == 0 ? 1 : min(max(w.x / s, -1), 1)
}
/// sin φ; 0 along the normal, where φ is undefined.
@inlinable public func sinPhi(_ w: Vector3) -> Float {
  let s = sinTheta(w)
  return s == 0 ? 0 : min(max(w.y / s, -1), 1)
}

/// True when the two shading-frame vectors are strictly on the same side of the
/// surface (a vector exactly on the horizon is on neither side).
@inlinable public func sameHemisphere(_ a: Vector3, _ b: Vector3) -> Bool { a.z * b.z > 0 }

/// The unit vector with spherical coordinates (θ, φ) around +Z, given sin θ and cos θ.
@inlinable
public func sphericalDirection(sinTheta: Float, cosTheta: Float, phi: Float) -> Vector3 {
  Vector3(sinTheta * .cos(phi), sinTheta * .sin(phi), cosTheta)
}

/// The mirror reflection of `wo` about `normal`: both point away from the
/// surface. The sign of `normal` does not matter.
@inlinable
public func reflect(_ wo: Vector3, about normal: Vector3) -> Vector3 {
  -wo + 2 * dot(wo, normal) * normal
}

/// The direction refracted through a surface by Snell's law, or `nil` on total
/// internal reflection.
///
/// - Parameters:
///   - wi: the incident direction, unit length, pointing away from the surface.
///   - normal: the unit normal on the same side as `wi`.
///   - eta: the ratio η_i / η_t of the refractive index on `wi`'s side to the one
///     on the other side.
/// - Returns: the transmitted direction on the other side, pointing away from
///   the surface, unit length.
@inlinable
public func refract(_ wi: Vector3, normal: Normal3, eta: Float) -> Vector3? {
  let cosThetaI = dot(normal, wi)
  let sin2ThetaI = max(0, 1 - cosThetaI * cosThetaI)
  let sin2ThetaT = eta * eta * sin2ThetaI
  if sin2ThetaT >= 1 { return nil }
  let cosThetaT = (1 - sin2ThetaT).squareRoot()
  return eta * -wi + (eta * cosThetaI - cosThetaT) * normal
}
