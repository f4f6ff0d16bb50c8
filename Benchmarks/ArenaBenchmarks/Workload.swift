// The values the benchmarks allocate: small, trivially copyable structs of the
// kind a path tracer makes per intersection, and a class with the same fields.

import LightArena

/// 32 bytes, 16-byte aligned: a `SIMD3<Float>` (16 bytes) and four `Float`s.
struct SmallValue: BitwiseCopyable {
  var position: SIMD3<Float>
  var u: Float
  var v: Float
  var weight: Float
  var pdf: Float

  /// A value that depends on `seed`, so that the optimizer cannot fold it away.
  init(seed: Float) {
    position = SIMD3(seed, seed + 1, seed + 2)
    u = seed
    v = -seed
    weight = 1
    pdf = 0.5
  }
}

/// The same fields as ``SmallValue`` in a class: each instance is a heap
/// object (16-byte header + 32 bytes) with a reference count.
final class SmallObject {
  var position: SIMD3<Float>
  var u: Float
  var v: Float
  var weight: Float
  var pdf: Float

  init(seed: Float) {
    position = SIMD3(seed, seed + 1, seed + 2)
    u = seed
    v = -seed
    weight = 1
    pdf = 0.5
  }
}

/// A protocol with one requirement, called once per value: a stand-in for a
/// BxDF evaluated once per shading point.
protocol SurfaceResponse: BitwiseCopyable {
  func respond(to direction: SIMD3<Float>) -> Float
}

/// 16 bytes with a `SIMD3<Float>`: too aligned for an `any` value's inline buffer, so boxed there.
struct DiffuseResponse: SurfaceResponse {
  var albedo: SIMD3<Float>
  func respond(to direction: SIMD3<Float>) -> Float {
    (albedo * direction).sum() * 0.318_309_9
  }
}

/// 8 bytes: fits an `any` value's inline buffer, no box.
struct SpecularResponse: SurfaceResponse {
  var reflectance: Float
  var eta: Float
  func respond(to direction: SIMD3<Float>) -> Float {
    direction.z > 0 ? reflectance : reflectance / eta
  }
}

/// 32 bytes: larger than an `any` value's 24-byte inline buffer, so boxed there.
struct GlossyResponse: SurfaceResponse {
  var tint: SIMD3<Float>
  var roughness: Float
  var eta: Float
  var absorption: Float
  var anisotropy: Float
  func respond(to direction: SIMD3<Float>) -> Float {
    let cosine = Swift.max(direction.z, 0)
    return (tint * cosine).sum() * roughness / (eta + absorption + anisotropy)
  }
}

extension ArenaExistential where Metatype == any SurfaceResponse.Type {
  /// Calls the protocol requirement on the value in the arena by opening its metatype.
  func respond(to direction: SIMD3<Float>) -> Float {
    func open<Response: SurfaceResponse>(_: Response.Type) -> Float {
      load(as: Response.self).respond(to: direction)
    }
    return open(metatype)
  }
}
