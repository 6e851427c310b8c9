#ifndef ASTROKIT_CFITSIO_SHIM_H
#define ASTROKIT_CFITSIO_SHIM_H
#include <fitsio.h>
#endif
