/// One node of a flattened BVH: 32 bytes, two to a cache line.
///
/// The nodes are stored depth-first, so an interior node's first child is the
/// next node in the array and only the second child's index needs storing.
/// Bounds are six loose `Float`s rather than two `SIMD3`s, because a `SIMD3`
/// occupies 16 bytes and would make the node 48.
public struct BVHNode: Sendable, BitwiseCopyable {
  var lowerX, lowerY, lowerZ: Float
  var upperX, upperY, upperZ: Float
  /// A leaf: the slot of its first primitive. An interior node: the index of
  /// its second child.
  public var offset: Int32
  /// The number of primitives in a leaf; 0 for an interior node.
  public var primitiveCount: UInt16
  /// The axis (0, 1, 2) an interior node was split along: traversal visits
  /// first the child on the side the ray comes from.
  public var splitAxis: UInt8

  init(bounds: Bounds3, offset: Int32, primitiveCount: UInt16, splitAxis: UInt8) {
    (lowerX, lowerY, lowerZ) = (bounds.lower.x, bounds.lower.y, bounds.lower.z)
    (upperX, upperY, upperZ) = (bounds.upper.x, bounds.upper.y, bounds.upper.z)
    self.offset = offset
    self.primitiveCount = primitiveCount
    self.splitAxis = splitAxis
  }

  /// The node's bounding box.
  @inline(__always)
  public var bounds: Bounds3 {
    Bounds3(lower: Point3(lowerX, lowerY, lowerZ), upper: Point3(upperX, upperY, upperZ))
  }

  /// True for a leaf.
  public var isLeaf: Bool { primitiveCount > 0 }
}
