#pragma once
#include <stdint.h>

/// The number of allocating malloc-family calls (`malloc`, `calloc`, `realloc`,
/// `posix_memalign`, `aligned_alloc`, `memalign`, `valloc`, `pvalloc`) made so
/// far on the calling thread, by any code in the process: Swift runtime,
/// Foundation, libc itself. `free` is not counted.
///
/// Cost: one thread-local load. Never allocates.
///
/// Tests take the difference of two readings around the code under test:
///
///     let before = malloc_counter_thread_count()
///     work()
///     #expect(malloc_counter_thread_count() - before == 0)
///
/// The count is per thread because swift-testing runs tests in parallel: a
/// process-wide counter would pick up allocations made by other tests.
uint64_t malloc_counter_thread_count(void);

/// 1 when the counter is in place; 0 under AddressSanitizer, which owns malloc
/// itself, and with a C library other than glibc (then
/// `malloc_counter_thread_count` always returns 0).
int malloc_counter_is_active(void);
