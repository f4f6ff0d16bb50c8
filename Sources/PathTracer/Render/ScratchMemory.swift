/// Where a pixel's short-lived data lives: the sample arrays and the BSDFs.
///
/// The renderer always uses ``arena``. ``heap`` exists only for the
/// allocation ablation (`tracer --allocator heap`): it makes the very same
/// data as Swift `[Float]` arrays and `[any BxDF]` existential arrays, so that
/// the two can be timed against each other in one run.
public enum ScratchMemory: String, Sendable, CaseIterable {
  /// Pointer bumps in the thread's ``MemoryArena``; released per pixel and per sample in O(1).
  case arena
  /// Swift arrays and existential boxes on the heap, freed by reference counting.
  case heap
}
