@testable import PathTracer

// Nearest hits found by testing every triangle of a mesh in turn: references
// for the aggregate's BVH that share none of its code except the
// ray-triangle test and the hit record. O(triangles) per ray.

extension TriangleMesh {
  /// The nearest hit with `0 < t < ray.tMax` over all triangles, or `nil`.
  func bruteForceIntersect(_ ray: Ray) -> SurfaceHit? {
    let test = WatertightRay(ray)
    var nearest: (triangle: Int, t: Float, barycentrics: SIMD3<Float>)?
    for triangle in 0..<triangleCount {
      if let h = test.hit(corners(of: triangle), tMax: nearest?.t ?? ray.tMax) {
        nearest = (triangle, h.t, h.barycentrics)
      }
    }
    guard let nearest else { return nil }
    let (i0, i1, i2) = (Int(indices[3 * nearest.triangle]), Int(indices[3 * nearest.triangle + 1]),
                        Int(indices[3 * nearest.triangle + 2]))
    return TriangleMesh.surfaceHit(
      corners: (positions[i0], positions[i1], positions[i2]),
      normals: normals.isEmpty ? nil : (normals[i0], normals[i1], normals[i2]),
      uvs: uvs.isEmpty ? nil : (uvs[i0], uvs[i1], uvs[i2]),
      flipsNormals: flipsNormals, t: nearest.t, barycentrics: nearest.barycentrics)
  }
}

extension Primitive {
  /// The nearest hit on this primitive alone: the shape's own test, or every
  /// triangle of the mesh, or the moving shape placed at the ray's time (an
  /// instance's own search: `MeshInstanceTests` checks it against a brute-force one).
  func bruteForceIntersect(_ ray: Ray) -> SurfaceHit? {
    switch self {
    case .shape(let shape): shape.intersect(ray)
    case .mesh(let mesh): mesh.bruteForceIntersect(ray)
    case .meshInstance(let instance): instance.intersect(ray)
    case .moving(let moving): moving.placed(at: ray.time).intersect(ray)
    case .movingMesh(let mesh): mesh.intersect(ray)
    }
  }
}
