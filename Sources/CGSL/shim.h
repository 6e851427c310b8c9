#ifndef ASTROKIT_CGSL_SHIM_H
#define ASTROKIT_CGSL_SHIM_H
// The GNU Scientific Library headers AstroKit's fitting layer calls into.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_sf_expint.h>
#endif
