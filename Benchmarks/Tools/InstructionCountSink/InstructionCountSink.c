#include "InstructionCountSink.h"

void instruction_count_sink(const void *pointer) {
  (void)pointer;
}
