import CMallocCounter

/// Reads the test-support malloc counter for the calling thread.
enum MallocCount {
  static func now() -> UInt64 { malloc_counter_thread_count() }
  /// False under AddressSanitizer and off glibc, where the counter cannot be installed.
  static var isActive: Bool { malloc_counter_is_active() != 0 }
}
