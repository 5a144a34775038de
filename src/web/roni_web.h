/* roni_web.h (internal) - what the Risk of NEET pages share (page_roni.c, page_roni_pupil.c). */
#ifndef ONROLL_WEB_RONI_WEB_H
#define ONROLL_WEB_RONI_WEB_H

#include "onroll/roni.h"

/* The GOV.UK tag colour of a band: substantial red, additional orange, offer yellow, none grey. */
const char *roni_band_colour(or_roni_band b);

#endif
