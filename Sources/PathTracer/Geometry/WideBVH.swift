/// A four-wide BVH: a ``BVH`` whose tree is collapsed so that every node has
/// up to four children, whose boxes one ray tests together with SIMD
/// arithmetic.
///
/// A binary BVH over a small scene is deep compared with its size: in the
/// Cornell box (30 elements) a ray tests about 17 boxes, one at a time, and
/// reaches only one or two leaves. Collapsing about two levels into one
/// halves the depth, and each visit tests four boxes for about the price of
/// one (3.5 visits per ray in the Cornell box). The nearest boxes are visited
/// first, and a box farther than the nearest hit found since it was seen is
/// skipped without being tested again.
///
/// ```swift
/// let bvh = WideBVH(BVH(primitiveBounds: boxes))
/// var ray = cameraRay
/// bvh.traverse(ray: &ray) { slot, ray in ... }   // as BVH.traverse
/// ```
///
/// Leaves and slots are those of the binary BVH it was made from:
/// ``primitiveOrder`` is the same. Traversal allocates nothing; its stack
/// lives in the caller's stack frame.
struct WideBVH: Sendable {
  /// The nodes, depth first; `nodes[0]` is the root. Empty if there are no primitives.
  let nodes: [WideBVHNode]
  /// Slot `i` of a leaf holds the primitive at index `primitiveOrder[i]` of the
  /// array the BVH was built from; empty once taken (``takePrimitiveOrder()``).
  private(set) var primitiveOrder: [Int32]
  /// The number of node levels (0 without primitives); at most
  /// ``maximumDepth``.
  let depth: Int

  /// The deepest tree the traversal stack has room for.
  static let maximumDepth = 42

  /// The wide tree over the leaves of `binary`. O(number of nodes).
  ///
  /// `widestFirst` chooses how binary levels are merged (see `collapse`);
  /// if the tree it gives is too deep for the traversal stack, the other way,
  /// which halves the depth, is used instead.
  init(_ binary: BVH, widestFirst: Bool = true) {
    var tree = StoredBinaryTree(nodes: binary.nodes)
    (nodes, depth) = binary.nodes.isEmpty ? ([], 0) : Self.collapseTree(&tree, root: 0, widestFirst: widestFirst)
    primitiveOrder = binary.primitiveOrder
  }

  /// The wide tree over the binned-SAH binary tree of `primitives` (see
  /// `BVHBuilder`): the same tree as `WideBVH(BVH(primitiveBounds:))`,
  /// built without storing the binary one. The builder makes each binary
  /// node when the collapse asks for it. O(n log n) time; memory: the
  /// 28-byte build records and the wide nodes (about a third as many as
  /// primitives), nothing per binary node.
  init(primitives: [BVHBuildPrimitive], maxPrimitivesInLeaf: Int = 4) {
    var builder = BVHBuilder(primitives: primitives, maxPrimitivesInLeaf: maxPrimitivesInLeaf)
    if primitives.isEmpty {
      (nodes, depth) = ([], 0)
    } else {
      let root = builder.root()
      (nodes, depth) = Self.collapseTree(&builder, root: root, widestFirst: true)
    }
    primitiveOrder = builder.order
  }

  /// ``init(primitives:maxPrimitivesInLeaf:)`` for primitives with these boxes, in order.
  init(primitiveBounds: [Bounds3], maxPrimitivesInLeaf: Int = 4) {
    self.init(primitives: primitiveBounds.enumerated().map { BVHBuildPrimitive(bounds: $1, index: Int32($0)) },
              maxPrimitivesInLeaf: maxPrimitivesInLeaf)
  }

  /// ``primitiveOrder``, handed over and no longer kept: an owner that lays
  /// its primitives out in slot order needs it once, and traversal never
  /// (4 bytes per primitive).
  mutating func takePrimitiveOrder() -> [Int32] {
    defer { primitiveOrder = [] }
    return primitiveOrder
  }

  /// The box around everything (empty if there are no primitives).
  var bounds: Bounds3 {
    guard let root = nodes.first else { return .empty }
    return (0..<4).reduce(Bounds3.empty) { $0.union(root.bounds($1)) }
  }

  /// The wide nodes for the binary tree at `root`, collapsed with
  /// `widestFirst`, falling back as ``init(_:widestFirst:)`` says; and the depth.
  private static func collapseTree<Tree: BinaryTreeWalk>(_ tree: inout Tree, root: Tree.Node,
                                                         widestFirst: Bool) -> ([WideBVHNode], Int) {
    var nodes: [WideBVHNode] = []
    // Room for the most nodes a tree over `tree.leafCountBound` leaves can
    // have, so that the array never grows by copying; pages never written
    // take no memory.
    nodes.reserveCapacity(tree.leafCountBound)
    var depth = collapse(root, of: &tree, into: &nodes, widestFirst: widestFirst).depth
    if depth > WideBVH.maximumDepth && widestFirst {
      // For the builder, asking again makes the same binary nodes: every
      // range is already partitioned, and partitioning it again changes nothing.
      nodes.removeAll(keepingCapacity: true)
      depth = collapse(root, of: &tree, into: &nodes, widestFirst: false).depth
    }
    return (nodes, depth)
  }

  /// Appends the wide node for the binary subtree at `root`, and then its
  /// descendants, to `nodes`; returns its index and the number of levels
  /// of its subtree.
  ///
  /// The node's children are found by starting from the binary node's two
  /// children and repeatedly replacing an interior child by its own two
  /// children, until there are four (or only leaves).
  ///
  /// `widestFirst`: the child opened is the one with the largest box. A large
  /// box is reached by most rays, so it is better opened now than visited as
  /// a node of its own. Otherwise the child nearest the binary root is opened
  /// first (the larger box among equals): then every interior child lies at
  /// least two binary levels down, and the wide tree has at most half the
  /// depth of the binary one, which is less than 64 (see `BVHBuilder`).
  ///
  /// Allocates nothing but the nodes it appends.
  private static func collapse<Tree: BinaryTreeWalk>(_ root: Tree.Node, of tree: inout Tree,
                                                     into nodes: inout [WideBVHNode],
                                                     widestFirst: Bool) -> (index: Int, depth: Int) {
    // The binary nodes becoming lanes, and their depths below `root`.
    var lanes = InlineArray<4, Tree.Node>(repeating: root)
    var levels = InlineArray<4, Int>(repeating: 1)
    var laneCount = 1
    if !tree.isLeaf(root) {
      (lanes[0], lanes[1]) = tree.children(of: root)
      laneCount = 2
    }
    func opensBefore(_ a: Int, _ b: Int) -> Bool {
      if !widestFirst && levels[a] != levels[b] { return levels[a] < levels[b] }
      return tree.bounds(lanes[a]).surfaceArea > tree.bounds(lanes[b]).surfaceArea
    }
    while laneCount < 4 {
      // The first of the interior lanes that opens before all others.
      var next = -1
      for lane in 0..<laneCount where !tree.isLeaf(lanes[lane]) {
        if next < 0 || opensBefore(lane, next) { next = lane }
      }
      guard next >= 0 else { break }
      // Lane `next` becomes its two children; the lanes after it move up one.
      for lane in stride(from: laneCount, to: next + 1, by: -1) {
        lanes[lane] = lanes[lane - 1]
        levels[lane] = levels[lane - 1]
      }
      (lanes[next], lanes[next + 1]) = tree.children(of: lanes[next])
      levels[next] += 1
      levels[next + 1] = levels[next]
      laneCount += 1
    }

    let index = nodes.count
    var depth = 1
    nodes.append(WideBVHNode())
    for lane in 0..<laneCount {
      let child = lanes[lane]
      nodes[index].setBounds(tree.bounds(child), lane: lane)
      if tree.isLeaf(child) {
        let (first, count) = tree.leaf(child)
        nodes[index].setLeaf(lane: lane, first: first, count: count)
      } else {
        let subtree = collapse(child, of: &tree, into: &nodes, widestFirst: widestFirst)
        nodes[index].child[lane] = Int32(subtree.index)
        depth = Swift.max(depth, subtree.depth + 1)
      }
    }
    return (index, depth)
  }

  // MARK: Traversal

  /// Closest-hit traversal, with the contract of ``BVH/traverse(ray:_:)``:
  /// `intersectPrimitive(slot, &ray)` is called for the primitives of the
  /// leaves the ray reaches within `ray.tMax`; it returns `true` for a hit
  /// closer than `ray.tMax` and lowers `ray.tMax` to it. Returns whether any
  /// call returned `true`.
  ///
  /// Only lanes that hold a child are ever entered, so every node is visited
  /// at most once and the stack's bound holds for any ray: one that is NaN,
  /// infinite or of zero length, whose box tests may pass everywhere, visits
  /// the real nodes and hits no primitive.
  ///
  /// At each node the leaves among the children reached are tested at once
  /// (a hit there lowers `ray.tMax` and prunes the rest); the interior
  /// children are visited nearest first.
  @inline(__always) @discardableResult
  func traverse(ray: inout Ray, _ intersectPrimitive: (Int, inout Ray) -> Bool) -> Bool {
    if nodes.isEmpty { return false }
    let slabs = RaySlabs(ray)
    return nodes.withUnsafeBufferPointer { nodes in
      withUnsafeTemporaryAllocation(of: PendingNode.self, capacity: WideBVH.stackCapacity) { stack in
        var stackCount = 0
        var found = false
        var nodeIndex = 0
        while true {
          let node = nodes.baseAddress! + nodeIndex
          let (reached, tEnter) = slabs.test(node, tMax: ray.tMax)
          let reachedLanes = reached.laneBits & Int(node.pointee.usedLanes)
          let leafLanes = Int(node.pointee.leafLanes)
          // Leaves first, at once: their tests lower `ray.tMax`, which
          // prunes the nodes below.
          var leaves = reachedLanes & leafLanes
          while leaves != 0 {
            let lane = leaves.trailingZeroBitCount
            leaves &= leaves &- 1
            // Skip a leaf that starts beyond a hit found in this loop.
            if tEnter[lane] > ray.tMax { continue }
            let first = Int(node.pointee.child[lane])
            for slot in first..<(first &+ Int(node.pointee.primitiveCount[lane]))
            where intersectPrimitive(slot, &ray) {
              found = true
            }
          }
          var lanes = reachedLanes & ~leafLanes
          // One interior child reached (the common case): go straight there.
          if lanes != 0 && lanes & (lanes &- 1) == 0 {
            nodeIndex = Int(node.pointee.child[lanes.trailingZeroBitCount])
            continue
          }
          // Push the interior children the ray reaches, nearest on top.
          let base = stackCount
          while lanes != 0 {
            let lane = lanes.trailingZeroBitCount
            lanes &= lanes &- 1
            var i = stackCount
            stack[i] = PendingNode(index: node.pointee.child[lane], tEnter: tEnter[lane])
            while i > base && stack[i &- 1].tEnter < stack[i].tEnter {
              stack.swapAt(i &- 1, i)
              i &-= 1
            }
            stackCount &+= 1
          }
          // Pop the nearest node that still starts before the nearest hit.
          nodeIndex = -1
          while nodeIndex < 0 && stackCount > 0 {
            stackCount &-= 1
            let pending = stack[stackCount]
            if pending.tEnter <= ray.tMax { nodeIndex = Int(pending.index) }
          }
          if nodeIndex < 0 { return found }
        }
      }
    }
  }

  /// Any-hit traversal, with the contract of ``BVH/traverseAnyHit(ray:_:)``:
  /// `true` as soon as `hitsPrimitive(slot, ray)` is `true` for a primitive
  /// in a leaf the ray reaches within `ray.tMax`.
  @inline(__always)
  func traverseAnyHit(ray: Ray, _ hitsPrimitive: (Int, Ray) -> Bool) -> Bool {
    if nodes.isEmpty { return false }
    let slabs = RaySlabs(ray)
    return nodes.withUnsafeBufferPointer { nodes in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: WideBVH.stackCapacity) { stack in
        var stackCount = 0
        var nodeIndex = 0
        while true {
          // Leaves are tested at once, interior children pushed: any hit will do,
          // so the order does not matter.
          let node = nodes.baseAddress! + nodeIndex
          var lanes = slabs.test(node, tMax: ray.tMax).reached.laneBits & Int(node.pointee.usedLanes)
          let leafLanes = Int(node.pointee.leafLanes)
          while lanes != 0 {
            let lane = lanes.trailingZeroBitCount
            lanes &= lanes &- 1
            if leafLanes & (1 << lane) == 0 {
              stack[stackCount] = node.pointee.child[lane]
              stackCount &+= 1
            } else {
              let first = Int(node.pointee.child[lane])
              for slot in first..<(first &+ Int(node.pointee.primitiveCount[lane]))
              where hitsPrimitive(slot, ray) {
                return true
              }
            }
          }
          if stackCount == 0 { return false }
          stackCount &-= 1
          nodeIndex = Int(stack[stackCount])
        }
      }
    }
  }

  /// Room for the traversal stack: a node pushes at most four children and
  /// one of them is visited next, so at most three entries wait per level
  /// above the deepest node. 127 entries of 8 bytes: within the 1024 bytes
  /// that `withUnsafeTemporaryAllocation` takes from the call stack rather
  /// than the heap.
  private static let stackCapacity = 3 * maximumDepth + 1

  /// A node seen but not yet visited, and where the ray enters its box.
  private struct PendingNode {
    var index: Int32
    var tEnter: Float
  }
}

/// What the slab test needs of a ray, computed once per traversal, and the
/// test itself: where the ray enters and leaves each of a node's four boxes.
///
/// The arithmetic is that of ``Bounds3/intersects(origin:inverseDirection:directionIsNegative:tMax:)``,
/// one lane per box: per axis, the distances to the near and far planes, the
/// far ones widened by `1 + 2 gamma(3)` so that rounding never lets a ray
/// slip between a box and what it contains.
private struct RaySlabs {
  let originX: SIMD4<Float>, originY: SIMD4<Float>, originZ: SIMD4<Float>
  let inverseX: SIMD4<Float>, inverseY: SIMD4<Float>, inverseZ: SIMD4<Float>
  /// Which of a node's `planes` the ray meets first along each axis (the
  /// lower bound if it travels toward +axis, the upper one otherwise), and last.
  let nearX: Int, nearY: Int, nearZ: Int
  let farX: Int, farY: Int, farZ: Int

  @inline(__always)
  init(_ ray: Ray) {
    let inverse = 1 / ray.direction
    (originX, originY, originZ) = (SIMD4(repeating: ray.origin.x), SIMD4(repeating: ray.origin.y),
                                   SIMD4(repeating: ray.origin.z))
    (inverseX, inverseY, inverseZ) = (SIMD4(repeating: inverse.x), SIMD4(repeating: inverse.y),
                                      SIMD4(repeating: inverse.z))
    nearX = ray.direction.x < 0 ? 3 : 0
    nearY = ray.direction.y < 0 ? 4 : 1
    nearZ = ray.direction.z < 0 ? 5 : 2
    (farX, farY, farZ) = (3 - nearX, 5 - nearY, 7 - nearZ)
  }

  /// Which of the node's boxes the ray passes through within `[0, tMax]`,
  /// and where it enters each (meaningful only for those it reaches).
  @inline(__always)
  func test(_ node: UnsafePointer<WideBVHNode>, tMax: Float)
    -> (reached: SIMDMask<SIMD4<Int32>>, tEnter: SIMD4<Float>)
  {
    let widening = SIMD4<Float>(repeating: 1 + 2 * gamma(3))
    let planes = node.pointer(to: \.planes)!
    let nearXs = (planes.pointee[unchecked: nearX] - originX) * inverseX
    let nearYs = (planes.pointee[unchecked: nearY] - originY) * inverseY
    let nearZs = (planes.pointee[unchecked: nearZ] - originZ) * inverseZ
    let farXs = (planes.pointee[unchecked: farX] - originX) * inverseX * widening
    let farYs = (planes.pointee[unchecked: farY] - originY) * inverseY * widening
    let farZs = (planes.pointee[unchecked: farZ] - originZ) * inverseZ * widening
    // A NaN distance (0 * inf: the origin on a slab plane of a flat
    // direction) must not count as a constraint: these comparisons are
    // false for NaN, so the running bound keeps its value.
    var tEnter = SIMD4<Float>.zero
    tEnter = tEnter.replacing(with: nearXs, where: nearXs .> tEnter)
    tEnter = tEnter.replacing(with: nearYs, where: nearYs .> tEnter)
    tEnter = tEnter.replacing(with: nearZs, where: nearZs .> tEnter)
    var tExit = SIMD4<Float>(repeating: tMax)
    tExit = tExit.replacing(with: farXs, where: farXs .< tExit)
    tExit = tExit.replacing(with: farYs, where: farYs .< tExit)
    tExit = tExit.replacing(with: farZs, where: farZs .< tExit)
    return (tEnter .<= tExit, tEnter)
  }
}

extension SIMDMask<SIMD4<Int32>> {
  /// The lanes that are true as the bits of an integer: bit i for lane i.
  /// A handful of SIMD instructions, no branches.
  @inline(__always)
  fileprivate var laneBits: Int {
    let bits = SIMD4<Int32>(1, 2, 4, 8) & unsafeBitCast(self, to: SIMD4<Int32>.self)
    return Int(bits.wrappedSum())
  }
}
