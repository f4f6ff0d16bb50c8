// Counts malloc-family calls per thread, by interposition.
//
// How it works: the dynamic linker resolves a symbol to its first definition
// in load order, and the executable comes first. This file is compiled into
// the test executable, so its `malloc` (and friends) replaces glibc's for the
// whole process, including calls made from libswiftCore.so, Foundation and
// libc itself. Each replacement bumps a counter and forwards to glibc's real
// allocator, which glibc also exports under the names `__libc_malloc` etc.
// (Calling those names, rather than looking `malloc` up with dlsym(RTLD_NEXT),
// keeps the wrappers allocation-free and usable before dlsym would work.)
//
// Allocations and frees always go to the same glibc allocator, so memory
// obtained through a function not wrapped here (e.g. `reallocarray`,
// `strdup`) is still freed correctly by our `free`.

#include "CMallocCounter.h"

#include <errno.h>
#include <stddef.h>

// AddressSanitizer and ThreadSanitizer replace malloc themselves, and call it
// before this file's thread-local counter can be used. Under either (`swift test
// --sanitize=address` or `--sanitize=thread`) the counter is therefore left out, and reports itself
// inactive so that the tests that need it are skipped. The same goes for C
// libraries other than glibc (macOS, musl), which have no `__libc_malloc`
// to forward to. (<errno.h> above has defined __GLIBC__ if it is glibc.)
#if !defined(__GLIBC__)
#define MALLOC_COUNTER_ACTIVE 0
#elif defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MALLOC_COUNTER_ACTIVE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MALLOC_COUNTER_ACTIVE 0
#endif
#endif
#ifndef MALLOC_COUNTER_ACTIVE
#define MALLOC_COUNTER_ACTIVE 1
#endif

int malloc_counter_is_active(void) { return MALLOC_COUNTER_ACTIVE; }

#if !MALLOC_COUNTER_ACTIVE
uint64_t malloc_counter_thread_count(void) { return 0; }
#else

// glibc's own allocator entry points (exported by libc.so.6, GLIBC_2.2.5).
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void  __libc_free(void *pointer);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

// One counter per thread: swift-testing runs tests concurrently, so only a
// per-thread count can tell what the code under test allocated.
// `initial-exec` places the counter in the static TLS block, reached with a
// single %fs-relative access. The default (general-dynamic) model may call
// __tls_get_addr, which can itself call malloc: infinite recursion.
static _Thread_local uint64_t allocationCount
    __attribute__((tls_model("initial-exec"))) = 0;

uint64_t malloc_counter_thread_count(void) { return allocationCount; }

void *malloc(size_t size) {
  allocationCount += 1;
  return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
  allocationCount += 1;
  return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
  allocationCount += 1;
  return __libc_realloc(pointer, size);
}

// Not counted: freeing is never what an allocation-free test forbids.
void free(void *pointer) { __libc_free(pointer); }

void *memalign(size_t alignment, size_t size) {
  allocationCount += 1;
  return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
  allocationCount += 1;
  return __libc_memalign(alignment, size);
}

void *valloc(size_t size) {
  allocationCount += 1;
  return __libc_valloc(size);
}

void *pvalloc(size_t size) {
  allocationCount += 1;
  return __libc_pvalloc(size);
}

// posix_memalign reports errors through its return value, not errno, and
// requires a power-of-two multiple of sizeof(void *); __libc_memalign does
// not check the latter, so we do.
int posix_memalign(void **result, size_t alignment, size_t size) {
  allocationCount += 1;
  if (alignment == 0 || alignment % sizeof(void *) != 0 ||
      (alignment & (alignment - 1)) != 0) {
    return EINVAL;
  }
  int savedErrno = errno;  // posix_memalign must leave errno alone
  void *memory = __libc_memalign(alignment, size);
  if (memory == NULL && size != 0) {
    errno = savedErrno;
    return ENOMEM;
  }
  errno = savedErrno;
  *result = memory;
  return 0;
}

#endif  // MALLOC_COUNTER_ACTIVE
