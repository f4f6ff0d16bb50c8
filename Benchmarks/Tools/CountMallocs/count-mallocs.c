// A preloadable library that counts malloc-family calls in a whole process and
// prints the total to standard error when the process exits. Used to measure
// mallocs per sample of the tracer (see ../../../README.md, "Measurements"):
//
//   gcc -O2 -shared -fPIC -o /tmp/count-mallocs.so count-mallocs.c
//   LD_PRELOAD=/tmp/count-mallocs.so .build/release/tracer scene.json ...
//
// It forwards to glibc's own allocator entry points, as the test-suite's
// CMallocCounter does, but counts for all threads (atomically).
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static atomic_ulong count;

void *malloc(size_t size) { atomic_fetch_add_explicit(&count, 1, memory_order_relaxed); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { atomic_fetch_add_explicit(&count, 1, memory_order_relaxed); return __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { atomic_fetch_add_explicit(&count, 1, memory_order_relaxed); return __libc_realloc(p, size); }
void *aligned_alloc(size_t alignment, size_t size) { atomic_fetch_add_explicit(&count, 1, memory_order_relaxed); return __libc_memalign(alignment, size); }
int posix_memalign(void **out, size_t alignment, size_t size) {
  atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
  void *p = __libc_memalign(alignment, size);
  if (!p) return 12; // ENOMEM
  *out = p;
  return 0;
}

__attribute__((destructor)) static void report(void) {
  fprintf(stderr, "mallocs: %lu\n", (unsigned long)atomic_load(&count));
}
