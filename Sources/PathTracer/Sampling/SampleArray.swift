import LightArena

/// One set of sample values for a pixel, as floats: in the pixel's arena
/// scope, or, for the allocation ablation (``ScratchMemory/heap``), in a
/// Swift `[Float]`.
///
/// A set of 2D samples stores each point as two consecutive floats. Keeping
/// the type concrete (not generic over the element) lets every file of the
/// renderer call it without generic dispatch, even in debug builds, which
/// compile one file at a time.
public struct SampleArray: ~Escapable {
  @usableFromInline var arena: ArenaArray<Float>
  @usableFromInline var heap: [Float]

  /// `count` zeros, in `alloc`'s scope or on the heap.
  @_lifetime(copy alloc)
  init(count: Int, memory: ScratchMemory, alloc: ArenaAllocator) {
    switch memory {
    case .arena:
      arena = alloc.allocateArray(repeating: 0, count: count)
      heap = []
    case .heap:
      arena = alloc.allocateArray(repeating: 0, count: 0)
      heap = Array(repeating: 0, count: count)
    }
  }

  /// The float at `index`.
  @inlinable
  public subscript(index: Int) -> Float {
    heap.isEmpty ? arena[index] : heap[index]
  }

  /// The 2D point made of the floats at `2 * index` and `2 * index + 1`.
  @inlinable
  public func point(_ index: Int) -> Point2 {
    Point2(self[2 * index], self[2 * index + 1])
  }

  /// Fills the floats in `range` through a buffer pointer.
  mutating func fill(_ range: Range<Int>, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
    if heap.isEmpty {
      arena.withUnsafeMutableBufferPointer { body(.init(rebasing: $0[range])) }
    } else {
      heap.withUnsafeMutableBufferPointer { body(.init(rebasing: $0[range])) }
    }
  }
}
