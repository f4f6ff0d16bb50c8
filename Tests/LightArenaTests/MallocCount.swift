import CMallocCounter

/// Reads the test-support malloc counter for the calling thread.
enum MallocCount {
  static func now() -> UInt64 { malloc_counter_thread_count() }
}
