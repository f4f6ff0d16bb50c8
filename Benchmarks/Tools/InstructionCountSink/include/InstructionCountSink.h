#ifndef INSTRUCTION_COUNT_SINK_H
#define INSTRUCTION_COUNT_SINK_H

/// Does nothing with `pointer`, in a separate C file, so that the Swift
/// optimizer cannot see that it does nothing: what is passed to it must be
/// really allocated and written.
void instruction_count_sink(const void *pointer);

#endif
