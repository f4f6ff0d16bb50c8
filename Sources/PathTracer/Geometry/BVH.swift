/// A bounding volume hierarchy over any primitives that have bounding boxes.
///
/// The BVH knows only boxes; what a primitive is stays with the caller, who
/// passes a closure that tests one primitive. The scene's ``Aggregate`` builds
/// one over all its shapes and mesh triangles, and traverses the 4-wide tree
/// made from it (`WideBVH`); the binary traversal here is the plain textbook
/// loop, which the tests use as the reference for the wide one.
///
/// ```swift
/// let bvh = BVH(primitiveBounds: triangles.map(\.bounds))
/// // Leaves refer to *slots*; slot i holds primitive bvh.primitiveOrder[i].
/// var ray = cameraRay
/// let hitSomething = bvh.traverse(ray: &ray) { slot, ray in
///   let triangle = triangles[Int(bvh.primitiveOrder[slot])]
///   guard let t = triangle.hitDistance(ray) else { return false }
///   ray.tMax = t        // only closer hits from now on
///   return true
/// }
/// ```
///
/// Callers that own their primitive array usually reorder it once by
/// ``primitiveOrder`` after building, so that a slot *is* the index and the
/// primitives of a leaf sit next to each other in memory (``Aggregate`` does).
///
/// Built with the binned SAH (see `BVHBuilder`); stored as a depth-first
/// array of 32-byte ``BVHNode``s. Traversal allocates nothing: its stack is a
/// 64-entry `InlineArray` on the call stack.
public struct BVH: Sendable {
  /// The flattened tree; `nodes[0]` is the root. Empty if there are no primitives.
  public let nodes: [BVHNode]
  /// Slot `i` of a leaf holds the primitive at index `primitiveOrder[i]` of the
  /// array the BVH was built from.
  public let primitiveOrder: [Int32]

  /// Builds the hierarchy over primitives with the given world-space boxes.
  /// A leaf holds at most `maxPrimitivesInLeaf` primitives (fewer when the SAH
  /// prefers a split). O(n log n).
  public init(primitiveBounds: [Bounds3], maxPrimitivesInLeaf: Int = 4) {
    var builder = BVHBuilder(primitiveBounds: primitiveBounds,
                             maxPrimitivesInLeaf: maxPrimitivesInLeaf)
    var nodes: [BVHNode] = []
    if !primitiveBounds.isEmpty {
      nodes.reserveCapacity(2 * primitiveBounds.count)
      Self.append(builder.root(), of: &builder, to: &nodes)
    }
    self.nodes = nodes
    primitiveOrder = builder.order
  }

  /// Appends `node` and its subtree to `nodes`, depth first; returns its index.
  @discardableResult
  private static func append(_ node: BVHBuilder.Node, of builder: inout BVHBuilder,
                             to nodes: inout [BVHNode]) -> Int {
    let index = nodes.count
    guard let split = node.split else {
      nodes.append(BVHNode(bounds: node.bounds, offset: Int32(node.range.lowerBound),
                           primitiveCount: UInt16(node.range.count), splitAxis: 0))
      return index
    }
    nodes.append(BVHNode(bounds: node.bounds, offset: 0, primitiveCount: 0, splitAxis: UInt8(split.axis)))
    let (first, second) = builder.children(of: node)
    append(first, of: &builder, to: &nodes)
    nodes[index].offset = Int32(append(second, of: &builder, to: &nodes))
    return index
  }

  /// The box around everything (empty if there are no primitives).
  public var bounds: Bounds3 { nodes.first?.bounds ?? .empty }

  /// Closest-hit traversal.
  ///
  /// Calls `intersectPrimitive(slot, &ray)` for the primitives of every leaf
  /// whose box the ray reaches within `ray.tMax`, nearer children first. The
  /// closure should return `true` if it found a hit closer than `ray.tMax` and
  /// then lower `ray.tMax` to that hit's distance, which prunes the rest of the
  /// search; it is where the caller records the hit. Returns whether any call
  /// returned `true`.
  @inline(__always) @discardableResult
  public func traverse(ray: inout Ray, _ intersectPrimitive: (Int, inout Ray) -> Bool) -> Bool {
    if nodes.isEmpty { return false }
    let inverseDirection = 1 / ray.direction
    let directionIsNegative = ray.direction .< 0
    return nodes.withUnsafeBufferPointer { nodes in
      var stack = InlineArray<64, Int32>(repeating: 0)
      var stackCount = 0
      var current = 0
      var found = false
      while true {
        let node = nodes[current]
        if node.bounds.intersects(origin: ray.origin, inverseDirection: inverseDirection,
                                  directionIsNegative: directionIsNegative, tMax: ray.tMax) {
          if node.primitiveCount == 0 {
            // Interior: go to the child on the side the ray comes from, keep
            // the other for later.
            if directionIsNegative[Int(node.splitAxis)] {
              stack[stackCount] = Int32(current + 1)
              current = Int(node.offset)
            } else {
              stack[stackCount] = node.offset
              current += 1
            }
            stackCount += 1
            continue
          }
          let first = Int(node.offset)
          for slot in first..<(first + Int(node.primitiveCount)) where intersectPrimitive(slot, &ray) {
            found = true
          }
        }
        if stackCount == 0 { break }
        stackCount -= 1
        current = Int(stack[stackCount])
      }
      return found
    }
  }

  /// Any-hit traversal, for shadow rays: returns `true` as soon as
  /// `hitsPrimitive(slot, ray)` returns `true` for some primitive in a leaf the
  /// ray reaches within `ray.tMax`; `false` if none does.
  @inline(__always)
  public func traverseAnyHit(ray: Ray, _ hitsPrimitive: (Int, Ray) -> Bool) -> Bool {
    if nodes.isEmpty { return false }
    let inverseDirection = 1 / ray.direction
    let directionIsNegative = ray.direction .< 0
    return nodes.withUnsafeBufferPointer { nodes in
      var stack = InlineArray<64, Int32>(repeating: 0)
      var stackCount = 0
      var current = 0
      while true {
        let node = nodes[current]
        if node.bounds.intersects(origin: ray.origin, inverseDirection: inverseDirection,
                                  directionIsNegative: directionIsNegative, tMax: ray.tMax) {
          if node.primitiveCount == 0 {
            // Near child first here too: an occluder near the origin ends the
            // search sooner.
            if directionIsNegative[Int(node.splitAxis)] {
              stack[stackCount] = Int32(current + 1)
              current = Int(node.offset)
            } else {
              stack[stackCount] = node.offset
              current += 1
            }
            stackCount += 1
            continue
          }
          let first = Int(node.offset)
          for slot in first..<(first + Int(node.primitiveCount)) where hitsPrimitive(slot, ray) {
            return true
          }
        }
        if stackCount == 0 { return false }
        stackCount -= 1
        current = Int(stack[stackCount])
      }
    }
  }
}
