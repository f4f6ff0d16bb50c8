// OpenEXR's C API (OpenEXRCore), imported into Swift. The tracer writes and
// reads scanline images through custom read and write functions, so that
// files are written atomically and read through the tracer's own checks.
#include <openexr.h>
