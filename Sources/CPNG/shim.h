#ifndef ASTROKIT_CPNG_SHIM_H
#define ASTROKIT_CPNG_SHIM_H
// libpng's simplified API (png_image_*): encode report thumbnails to PNG in memory and read
// rendered screenshots back, without hand-written codecs.
#include <png.h>

// The version and format constants are macros over macros, which Swift does not import.
static inline png_uint_32 astrokit_png_image_version(void) { return PNG_IMAGE_VERSION; }
static inline png_uint_32 astrokit_png_format_rgb(void) { return PNG_FORMAT_RGB; }
static inline png_uint_32 astrokit_png_format_rgba(void) { return PNG_FORMAT_RGBA; }
// PNG_IMAGE_FAILED is a macro; the warning/error bit says whether a call failed.
static inline int astrokit_png_image_failed(png_imagep image) { return PNG_IMAGE_FAILED(*image); }

#endif
