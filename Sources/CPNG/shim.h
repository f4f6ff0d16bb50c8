// libpng, imported into Swift. The tracer uses only the simplified
// `png_image` API, which reports errors through return values instead of longjmp.
#include <png.h>
