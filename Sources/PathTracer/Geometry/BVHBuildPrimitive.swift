/// One primitive as the BVH builder sees it: its box, packed into six
/// `Float`s, and its index in the caller's array. 28 bytes.
///
/// The builder partitions an array of these in place, so that the
/// primitives of a node are always next to each other in memory and each
/// box is read where it lies instead of through an index. (Two `SIMD3`s
/// would take 32 bytes, plus a separate array of centroids.)
struct BVHBuildPrimitive: BitwiseCopyable {
  var lowerX, lowerY, lowerZ: Float
  var upperX, upperY, upperZ: Float
  /// The primitive's index in the array its boxes came from.
  var index: Int32

  init(bounds: Bounds3, index: Int32) {
    (lowerX, lowerY, lowerZ) = (bounds.lower.x, bounds.lower.y, bounds.lower.z)
    (upperX, upperY, upperZ) = (bounds.upper.x, bounds.upper.y, bounds.upper.z)
    self.index = index
  }

  @inline(__always)
  var bounds: Bounds3 {
    Bounds3(lower: Point3(lowerX, lowerY, lowerZ), upper: Point3(upperX, upperY, upperZ))
  }

  /// The box's centre, as ``Bounds3/centroid`` computes it.
  @inline(__always)
  var centroid: Point3 { bounds.centroid }
}
