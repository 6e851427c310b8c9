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

// GSL publishes its method tables as mutable global pointers, which Swift 6 strict
// concurrency refuses to read. They are written once by the library's static initialisers
// and never again, so reading them through these functions is safe.
static inline const gsl_multifit_robust_type *astrokit_robust_bisquare(void) { return gsl_multifit_robust_bisquare; }
static inline const gsl_interp_type *astrokit_interp_linear(void) { return gsl_interp_linear; }
static inline const gsl_interp_type *astrokit_interp_cspline(void) { return gsl_interp_cspline; }
static inline const gsl_interp_type *astrokit_interp_steffen(void) { return gsl_interp_steffen; }
static inline const gsl_multifit_nlinear_type *astrokit_nlinear_trust(void) { return gsl_multifit_nlinear_trust; }
static inline const gsl_multifit_nlinear_trs *astrokit_trs_lm(void) { return gsl_multifit_nlinear_trs_lm; }
static inline const gsl_multifit_nlinear_trs *astrokit_trs_lmaccel(void) { return gsl_multifit_nlinear_trs_lmaccel; }
static inline const gsl_multifit_nlinear_trs *astrokit_trs_dogleg(void) { return gsl_multifit_nlinear_trs_dogleg; }
static inline const gsl_multifit_nlinear_trs *astrokit_trs_ddogleg(void) { return gsl_multifit_nlinear_trs_ddogleg; }
static inline const gsl_multifit_nlinear_trs *astrokit_trs_subspace2D(void) { return gsl_multifit_nlinear_trs_subspace2D; }
static inline const gsl_multifit_nlinear_scale *astrokit_scale_more(void) { return gsl_multifit_nlinear_scale_more; }

#endif
