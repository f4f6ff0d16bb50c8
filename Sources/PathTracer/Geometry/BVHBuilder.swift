/// Builds a BVH top-down with the binned surface area heuristic
/// (Wald 2007; pbrt-v3 section 4.3).
///
/// The SAH estimates the cost of tracing a random ray through a node split into
/// children A and B as
/// `traversalCost + (area(A) * count(A) + area(B) * count(B)) / area(node)`,
/// in units of one primitive test: a ray that hits the node hits each child
/// with probability proportional to its surface area. Instead of trying every
/// split, primitives are dropped into 12 bins by centroid along the longest
/// axis and only the 11 bin boundaries are tried, which is O(n) per level.
///
/// The builder makes one node at a time (``node(_:depth:)``): it decides
/// whether the primitives of a slot range become a leaf or are split, and
/// partitions them. Who asks for the nodes decides what is kept: ``BVH``
/// stores every node of the binary tree, ``WideBVH`` asks for the children
/// it merges into each 4-wide node and keeps only those. A node depends only
/// on its own slot range, so the tree is the same in either order.
///
/// Memory: one ``BVHBuildPrimitive`` (28 bytes) per primitive.
struct BVHBuilder {
  /// Cost of visiting one node relative to testing one primitive (pbrt-v4's 1/2).
  static let traversalCost: Float = 0.5
  static let binCount = 12
  /// Below this depth the SAH decides; past it nodes are split at the median,
  /// which bounds the depth by 32 + log2(n) < 64, the traversal stack's size.
  static let maxSAHDepth = 32

  /// The primitives in slot order: a node's primitives are `primitives[node.range]`.
  private(set) var primitives: [BVHBuildPrimitive]
  let maxPrimitivesInLeaf: Int

  /// One node of the binary tree: its slots, depth, box, and how it splits.
  struct Node {
    var range: Range<Int>
    var depth: Int
    var bounds: Bounds3
    /// The axis it is split along and the first slot of its second child;
    /// `nil` for a leaf.
    var split: (axis: Int, middle: Int)?

    var isLeaf: Bool { split == nil }
  }

  /// A builder over `primitives` (their boxes and indices, in any order).
  init(primitives: [BVHBuildPrimitive], maxPrimitivesInLeaf: Int) {
    require(primitives.count < Int(Int32.max), "too many primitives for a BVH")
    self.primitives = primitives
    self.maxPrimitivesInLeaf = Swift.min(Swift.max(maxPrimitivesInLeaf, 1), Int(UInt16.max))
  }

  /// A builder over the primitives with these boxes, primitive `i` having `primitiveBounds[i]`.
  init(primitiveBounds: [Bounds3], maxPrimitivesInLeaf: Int) {
    self.init(primitives: primitiveBounds.enumerated().map { BVHBuildPrimitive(bounds: $1, index: Int32($0)) },
              maxPrimitivesInLeaf: maxPrimitivesInLeaf)
  }

  /// Slot `i` of a leaf holds primitive `order[i]`: valid once every node is made.
  var order: [Int32] { primitives.map(\.index) }

  /// The root: the node over all primitives (there must be at least one).
  mutating func root() -> Node { node(0..<primitives.count, depth: 0) }

  /// The two children of an interior node.
  mutating func children(of parent: Node) -> (Node, Node) {
    let middle = parent.split!.middle
    return (node(parent.range.lowerBound..<middle, depth: parent.depth + 1),
            node(middle..<parent.range.upperBound, depth: parent.depth + 1))
  }

  /// The node over slots `range` at `depth`: its box, and whether and where
  /// it splits, with its primitives partitioned accordingly. O(range.count).
  mutating func node(_ range: Range<Int>, depth: Int) -> Node {
    var bounds = Bounds3.empty
    var centroidBounds = Bounds3.empty
    primitives.withUnsafeBufferPointer { primitives in
      for slot in range {
        let box = primitives[slot].bounds
        bounds = bounds.union(box)
        centroidBounds = centroidBounds.union(box.centroid)
      }
    }
    var node = Node(range: range, depth: depth, bounds: bounds, split: nil)
    let count = range.count
    if count == 1 { return node }

    let axis = centroidBounds.longestAxis
    let middle: Int
    if centroidBounds.diagonal[axis] <= 0 {
      // All centroids coincide: no plane separates them. Keep them together if
      // they fit in a leaf, otherwise halve the list arbitrarily.
      if count <= maxPrimitivesInLeaf { return node }
      middle = range.lowerBound + count / 2
    } else if depth >= Self.maxSAHDepth {
      if count <= maxPrimitivesInLeaf { return node }
      middle = splitAtMedian(range, axis: axis)
    } else {
      switch bestSAHSplit(range, axis: axis, bounds: bounds, centroidBounds: centroidBounds) {
      case .leaf where count <= maxPrimitivesInLeaf:
        return node
      case .leaf:
        middle = splitAtMedian(range, axis: axis)
      case .split(let m):
        middle = m
      }
    }
    node.split = (axis, middle)
    return node
  }

  private enum SplitDecision {
    case leaf
    case split(middle: Int)
  }

  /// Bins the centroids, finds the cheapest bin boundary, and partitions
  /// `primitives[range]` there if splitting beats a leaf.
  private mutating func bestSAHSplit(_ range: Range<Int>, axis: Int, bounds: Bounds3,
                                     centroidBounds: Bounds3) -> SplitDecision {
    let binCount = Self.binCount
    let lowerEdge = centroidBounds.lower[axis]
    let binScale = Float(binCount) / centroidBounds.diagonal[axis]
    func bin(of primitive: BVHBuildPrimitive) -> Int {
      let scaled = (primitive.centroid[axis] - lowerEdge) * binScale
      // `>= 0` is false for NaN, which then lands in bin 0 instead of trapping.
      return scaled >= 0 ? Swift.min(Int(scaled), binCount - 1) : 0
    }

    var binCounts = InlineArray<12, Int>(repeating: 0)
    var binBounds = InlineArray<12, Bounds3>(repeating: .empty)
    primitives.withUnsafeBufferPointer { primitives in
      for slot in range {
        let b = bin(of: primitives[slot])
        binCounts[b] += 1
        binBounds[b] = binBounds[b].union(primitives[slot].bounds)
      }
    }

    // Sweep from the right to know the area and count right of each boundary,
    // then from the left to price each split.
    var rightArea = InlineArray<12, Float>(repeating: 0)
    var rightCount = InlineArray<12, Int>(repeating: 0)
    var accumulated = Bounds3.empty
    var countSoFar = 0
    for b in stride(from: binCount - 1, to: 0, by: -1) {
      accumulated = accumulated.union(binBounds[b])
      countSoFar += binCounts[b]
      rightArea[b] = accumulated.surfaceArea
      rightCount[b] = countSoFar
    }
    var bestCost = Float.infinity
    var bestBoundary = 0  // split between bins bestBoundary - 1 and bestBoundary
    accumulated = .empty
    countSoFar = 0
    for boundary in 1..<binCount {
      accumulated = accumulated.union(binBounds[boundary - 1])
      countSoFar += binCounts[boundary - 1]
      // A split with an empty side would not make progress.
      guard countSoFar > 0, rightCount[boundary] > 0 else { continue }
      let cost = Float(countSoFar) * accumulated.surfaceArea
        + Float(rightCount[boundary]) * rightArea[boundary]
      if cost < bestCost {
        bestCost = cost
        bestBoundary = boundary
      }
    }
    let nodeArea = bounds.surfaceArea
    let splitCost = Self.traversalCost + (nodeArea > 0 ? bestCost / nodeArea : 0)
    let leafCost = Float(range.count)
    if bestBoundary == 0 || leafCost <= splitCost { return .leaf }

    let middle = withSlots(range) { slots in slots.partition { bin(of: $0) >= bestBoundary } }
    return .split(middle: range.lowerBound + middle)
  }

  /// Partitions `primitives[range]` around its median centroid along `axis`.
  private mutating func splitAtMedian(_ range: Range<Int>, axis: Int) -> Int {
    withSlots(range) { slots in
      slots.sort { $0.centroid[axis] < $1.centroid[axis] }
    }
    return range.lowerBound + range.count / 2
  }

  /// Runs `body` on `primitives[range]` in place. (Mutating the slice
  /// `primitives[range]` directly made Swift copy it, since the array and the
  /// slice then share storage.)
  private mutating func withSlots<R>(_ range: Range<Int>,
                                     _ body: (inout UnsafeMutableBufferPointer<BVHBuildPrimitive>) -> R) -> R {
    primitives.withUnsafeMutableBufferPointer { all in
      var slots = UnsafeMutableBufferPointer(rebasing: all[range])
      return body(&slots)
    }
  }
}
