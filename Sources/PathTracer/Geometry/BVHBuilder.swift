/// Builds a ``BVH`` top-down with the binned surface area heuristic
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
/// Building costs O(n log n) time; it allocates the node and order arrays it
/// returns and one temporary array (the centroids).
struct BVHBuilder {
  /// Cost of visiting one node relative to testing one primitive (pbrt-v4's 1/2).
  static let traversalCost: Float = 0.5
  static let binCount = 12
  /// Below this depth the SAH decides; past it nodes are split at the median,
  /// which bounds the depth by 32 + log2(n) < 64, the traversal stack's size.
  static let maxSAHDepth = 32

  let primitiveBounds: [Bounds3]
  let centroids: [Point3]
  let maxPrimitivesInLeaf: Int
  var order: [Int32]
  var nodes: [BVHNode] = []

  init(primitiveBounds: [Bounds3], maxPrimitivesInLeaf: Int) {
    require(primitiveBounds.count < Int(Int32.max), "too many primitives for a BVH")
    self.primitiveBounds = primitiveBounds
    centroids = primitiveBounds.map(\.centroid)
    self.maxPrimitivesInLeaf = Swift.min(Swift.max(maxPrimitivesInLeaf, 1), Int(UInt16.max))
    order = (0..<Int32(primitiveBounds.count)).map { $0 }
    nodes.reserveCapacity(2 * primitiveBounds.count)
  }

  /// Builds the subtree over slots `range` of `order` and returns its node index.
  @discardableResult
  mutating func build(_ range: Range<Int>, depth: Int) -> Int {
    let nodeIndex = nodes.count
    var bounds = Bounds3.empty
    var centroidBounds = Bounds3.empty
    for slot in range {
      let primitive = Int(order[slot])
      bounds = bounds.union(primitiveBounds[primitive])
      centroidBounds = centroidBounds.union(centroids[primitive])
    }
    let count = range.count
    func makeLeaf() -> Int {
      nodes.append(BVHNode(bounds: bounds, offset: Int32(range.lowerBound),
                           primitiveCount: UInt16(count), splitAxis: 0))
      return nodeIndex
    }
    if count == 1 { return makeLeaf() }

    let axis = centroidBounds.longestAxis
    let middle: Int
    if centroidBounds.diagonal[axis] <= 0 {
      // All centroids coincide: no plane separates them. Keep them together if
      // they fit in a leaf, otherwise halve the list arbitrarily.
      if count <= maxPrimitivesInLeaf { return makeLeaf() }
      middle = range.lowerBound + count / 2
    } else if depth >= Self.maxSAHDepth {
      if count <= maxPrimitivesInLeaf { return makeLeaf() }
      middle = splitAtMedian(range, axis: axis)
    } else {
      switch bestSAHSplit(range, axis: axis, bounds: bounds, centroidBounds: centroidBounds) {
      case .leaf where count <= maxPrimitivesInLeaf:
        return makeLeaf()
      case .leaf:
        middle = splitAtMedian(range, axis: axis)
      case .split(let m):
        middle = m
      }
    }

    nodes.append(BVHNode(bounds: bounds, offset: 0, primitiveCount: 0, splitAxis: UInt8(axis)))
    build(range.lowerBound..<middle, depth: depth + 1)
    let secondChild = build(middle..<range.upperBound, depth: depth + 1)
    nodes[nodeIndex].offset = Int32(secondChild)
    return nodeIndex
  }

  private enum SplitDecision {
    case leaf
    case split(middle: Int)
  }

  /// Bins the centroids, finds the cheapest bin boundary, and partitions
  /// `order[range]` there if splitting beats a leaf.
  private mutating func bestSAHSplit(_ range: Range<Int>, axis: Int, bounds: Bounds3,
                                     centroidBounds: Bounds3) -> SplitDecision {
    let binCount = Self.binCount
    // A local copy (a reference-counted handle, not the elements), so that the
    // binning function does not capture `self` while `order` is partitioned.
    let centroids = self.centroids
    let lowerEdge = centroidBounds.lower[axis]
    let binScale = Float(binCount) / centroidBounds.diagonal[axis]
    func bin(of primitive: Int32) -> Int {
      let scaled = (centroids[Int(primitive)][axis] - lowerEdge) * binScale
      // `>= 0` is false for NaN, which then lands in bin 0 instead of trapping.
      return scaled >= 0 ? Swift.min(Int(scaled), binCount - 1) : 0
    }

    var binCounts = InlineArray<12, Int>(repeating: 0)
    var binBounds = InlineArray<12, Bounds3>(repeating: .empty)
    for slot in range {
      let b = bin(of: order[slot])
      binCounts[b] += 1
      binBounds[b] = binBounds[b].union(primitiveBounds[Int(order[slot])])
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

    let middle = withOrder(range) { slots in slots.partition { bin(of: $0) >= bestBoundary } }
    return .split(middle: range.lowerBound + middle)
  }

  /// Partitions `order[range]` around its median centroid along `axis`.
  private mutating func splitAtMedian(_ range: Range<Int>, axis: Int) -> Int {
    let centroids = self.centroids
    withOrder(range) { slots in
      slots.sort { centroids[Int($0)][axis] < centroids[Int($1)][axis] }
    }
    return range.lowerBound + range.count / 2
  }

  /// Runs `body` on `order[range]` in place. (Mutating the slice `order[range]`
  /// directly made Swift copy it, since the array and the slice then share
  /// storage.)
  private mutating func withOrder<R>(_ range: Range<Int>,
                                     _ body: (inout UnsafeMutableBufferPointer<Int32>) -> R) -> R {
    order.withUnsafeMutableBufferPointer { all in
      var slots = UnsafeMutableBufferPointer(rebasing: all[range])
      return body(&slots)
    }
  }
}
