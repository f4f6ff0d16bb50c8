import LightArena

/// One set of sample values for a pixel: in the pixel's arena scope, or, for
/// the allocation ablation (``ScratchMemory/heap``), in a Swift array.
public struct SampleArray<Element: BitwiseCopyable>: ~Escapable {
  var arena: ArenaArray<Element>
  var heap: [Element]

  /// `count` copies of `value`, in `alloc`'s scope or on the heap.
  @_lifetime(copy alloc)
  init(repeating value: Element, count: Int, memory: ScratchMemory, alloc: ArenaAllocator) {
    switch memory {
    case .arena:
      arena = alloc.allocateArray(repeating: value, count: count)
      heap = []
    case .heap:
      arena = alloc.allocateArray(repeating: value, count: 0)
      heap = Array(repeating: value, count: count)
    }
  }

  public subscript(index: Int) -> Element {
    heap.isEmpty ? arena[index] : heap[index]
  }

  public var count: Int { heap.isEmpty ? arena.count : heap.count }

  /// Fills the elements in `range` through a buffer pointer.
  mutating func fill(_ range: Range<Int>, _ body: (UnsafeMutableBufferPointer<Element>) -> Void) {
    if heap.isEmpty {
      arena.withUnsafeMutableBufferPointer { body(.init(rebasing: $0[range])) }
    } else {
      heap.withUnsafeMutableBufferPointer { body(.init(rebasing: $0[range])) }
    }
  }
}
