#pragma once
#include <stdint.h>
/// The number of malloc-family calls made so far on the calling thread.
uint64_t malloc_counter_thread_count(void);
