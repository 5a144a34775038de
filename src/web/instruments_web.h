/* instruments_web.h (internal) - what the instrument pages share (page_instruments.c,
 * page_instrument_edit.c). */
#ifndef ONROLL_WEB_INSTRUMENTS_WEB_H
#define ONROLL_WEB_INSTRUMENTS_WEB_H

#include "onroll/instruments.h"
#include "web/web.h"

/* A response type for people ("Yes or no"). */
const char *instruments_resp_words(or_resp_type t);
/* The instrument of the path's {id} (the version of ?version=N, else the newest) in the set
 * read for this request; false: the error page is in res. */
bool instruments_load(const web_request *req, web_response *res, const or_instrument_set **set,
                      const or_instrument **in);

#endif
