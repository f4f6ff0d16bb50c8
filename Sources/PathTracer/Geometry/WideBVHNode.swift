/// One node of a ``WideBVH``: the boxes of up to four children, stored lane
/// by lane so that one ray is tested against all four boxes with SIMD
/// arithmetic. 128 bytes, two cache lines.
///
/// `planes[axis]` holds the four children's lower bounds along `axis` and
/// `planes[3 + axis]` their upper bounds. A child is either another node
/// (`child[i]` its index) or a leaf (`child[i]` its first slot,
/// `primitiveCount[i]` its number of primitives, bit i of `leafLanes` set).
/// Unused lanes hold the empty box, which no finite ray hits, and their bits
/// in `usedLanes` are clear, so that traversal skips them whatever the ray.
struct WideBVHNode: Sendable, BitwiseCopyable {
  /// Lower bounds along x, y, z, then upper bounds along x, y, z; lane i is child i.
  var planes: InlineArray<6, SIMD4<Float>>
  /// Per child: the node index of an interior child, or the first slot of a leaf.
  var child: SIMD4<Int32>
  /// Per child: the number of primitives of a leaf; 0 for an interior child
  /// and for an unused lane.
  var primitiveCount: SIMD4<UInt16>
  /// Bit i is set if child i is a leaf: which lanes to test at once and which
  /// to descend into, without looking at the counts.
  var leafLanes: Int32
  /// Bit i is set if lane i holds a child at all. (The node stays 128 bytes.)
  var usedLanes: Int32

  /// A node with no children yet: every lane empty.
  init() {
    planes = [SIMD4(repeating: .infinity), SIMD4(repeating: .infinity), SIMD4(repeating: .infinity),
              SIMD4(repeating: -.infinity), SIMD4(repeating: -.infinity), SIMD4(repeating: -.infinity)]
    child = .zero
    primitiveCount = .zero
    leafLanes = 0
    usedLanes = 0
  }

  /// The box of child `lane`.
  func bounds(_ lane: Int) -> Bounds3 {
    Bounds3(lower: Point3(planes[0][lane], planes[1][lane], planes[2][lane]),
            upper: Point3(planes[3][lane], planes[4][lane], planes[5][lane]))
  }

  /// Stores `bounds` as the box of child `lane`, which is then in use.
  mutating func setBounds(_ bounds: Bounds3, lane: Int) {
    usedLanes |= 1 << lane
    for axis in 0..<3 {
      planes[axis][lane] = bounds.lower[axis]
      planes[3 + axis][lane] = bounds.upper[axis]
    }
  }

  /// Makes child `lane` a leaf of `count` (at least 1) primitives from slot `first` on.
  mutating func setLeaf(lane: Int, first: Int32, count: UInt16) {
    child[lane] = first
    primitiveCount[lane] = count
    leafLanes |= 1 << lane
  }
}
