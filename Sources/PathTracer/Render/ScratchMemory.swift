/// Where a run keeps its pixels' short-lived data: the sample arrays and the BSDFs.
///
/// The renderer always uses ``arena``. ``heap`` exists only for the
/// allocation ablation (`tracer --scratch-memory heap`): it makes the very
/// same data as a Swift `[Float]` per pixel (``HeapPixelSamples``) and an
/// `[any BxDF]` per BSDF (``HeapBxDFs``), so that the two can be timed against
/// each other in one run. The choice is made once per tile (in the
/// renderer's `TileRenderer`); below that, rendering code is generic
/// over the BSDF's storage and reads samples through one view type, so the
/// arena path carries nothing of the ablation.
public enum ScratchMemory: String, Sendable, CaseIterable {
  /// Pointer bumps in the thread's `MemoryArena`; released per pixel and per sample in O(1).
  case arena
  /// Swift arrays and existential boxes on the heap, freed by reference counting.
  case heap
}
