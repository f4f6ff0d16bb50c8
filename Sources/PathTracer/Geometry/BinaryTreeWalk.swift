/// A binary BVH as the 4-wide collapse reads it (see ``WideBVH``): a node's
/// box, whether it is a leaf and which slots it holds, and its two children.
///
/// Two trees conform: a stored ``BVH`` (``StoredBinaryTree``, nodes are
/// array indices) and the ``BVHBuilder`` itself, whose nodes are made only
/// when the collapse asks for their parent's children, so that no binary
/// node outlives the wide node it becomes part of.
protocol BinaryTreeWalk {
  associatedtype Node
  /// At least the number of leaves, for reserving the wide nodes.
  var leafCountBound: Int { get }
  func isLeaf(_ node: Node) -> Bool
  func bounds(_ node: Node) -> Bounds3
  /// A leaf's first slot and number of slots.
  func leaf(_ node: Node) -> (first: Int32, count: UInt16)
  /// An interior node's children, in order.
  mutating func children(of node: Node) -> (Node, Node)
}

/// The nodes of a built ``BVH``, walked by index.
struct StoredBinaryTree: BinaryTreeWalk {
  let nodes: [BVHNode]

  var leafCountBound: Int { (nodes.count + 1) / 2 }
  func isLeaf(_ node: Int) -> Bool { nodes[node].isLeaf }
  func bounds(_ node: Int) -> Bounds3 { nodes[node].bounds }
  func leaf(_ node: Int) -> (first: Int32, count: UInt16) { (nodes[node].offset, nodes[node].primitiveCount) }
  func children(of node: Int) -> (Int, Int) { (node + 1, Int(nodes[node].offset)) }
}

extension BVHBuilder: BinaryTreeWalk {
  var leafCountBound: Int { primitives.count }
  func isLeaf(_ node: Node) -> Bool { node.isLeaf }
  func bounds(_ node: Node) -> Bounds3 { node.bounds }
  func leaf(_ node: Node) -> (first: Int32, count: UInt16) { (Int32(node.range.lowerBound), UInt16(node.range.count)) }
}
