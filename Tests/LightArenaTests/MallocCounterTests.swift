import CMallocCounter
// The C library's math and memory functions; its module has a different name on each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// Checks that the test-support malloc counter really sees allocations.
/// Every "allocates nothing" test in this package relies on it.
@Suite("Malloc counter", .enabled(if: MallocCount.isActive, "the malloc counter is off under AddressSanitizer"))
struct MallocCounterTests {
  @Test("an array allocation on this thread is counted")
  func countsArrayAllocation() {
    let before = malloc_counter_thread_count()
    let numbers = Array(repeating: 7, count: 1000)
    let after = malloc_counter_thread_count()
    #expect(after - before >= 1)
    #expect(numbers.count == 1000)  // keeps the array alive until after the reading
  }

  @Test("a direct malloc call is counted exactly once")
  func countsDirectMalloc() {
    let before = malloc_counter_thread_count()
    let pointer = malloc(64)
    let after = malloc_counter_thread_count()
    free(pointer)
    #expect(after - before == 1)
  }

  @Test("pure arithmetic allocates nothing")
  func arithmeticIsNotCounted() {
    var sum = 0
    let before = malloc_counter_thread_count()
    for i in 0..<10_000 { sum &+= i &* i }
    let after = malloc_counter_thread_count()
    #expect(after - before == 0)
    #expect(sum == 333_283_335_000)
  }

  @Test("aligned allocations are counted")
  func countsAlignedAllocation() {
    let before = malloc_counter_thread_count()
    let pointer = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 64)
    let after = malloc_counter_thread_count()
    pointer.deallocate()
    #expect(after - before >= 1)
  }

  @Test("allocations on another thread are not counted on this one")
  func otherThreadsAreNotCounted() throws {
    let before = malloc_counter_thread_count()
    var thread = pthread_t()
    // The new thread makes 1000 allocations; creating and joining it costs
    // this thread only a handful (glibc's thread bookkeeping).
    let status = pthread_create(&thread, nil, { _ in
      for _ in 0..<1000 { free(malloc(16)) }
      return nil
    }, nil)
    try #require(status == 0)
    pthread_join(thread, nil)
    let after = malloc_counter_thread_count()
    #expect(after - before < 100)
  }
}
