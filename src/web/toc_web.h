/* toc_web.h (internal) - what the theory-of-change pages share (page_toc.c, page_toc_items.c,
 * page_toc_indicator.c): who may see and change a theory, its owner's name, and the theory
 * with its items, links and indicators read for one request. */
#ifndef ONROLL_WEB_TOC_WEB_H
#define ONROLL_WEB_TOC_WEB_H

#include "onroll/store_toc.h"
#include "web/web.h"

/* A theory as a page shows it. */
typedef struct {
    or_toc t;
    or_toc_item *items;
    int nitems;
    or_toc_link *links;
    int nlinks;
    or_toc_indicator *ind;
    int nind;
    const char *owner;    /* "The local authority" or the school's name */
    const char *workshop; /* the title of the workshop it came out of, or NULL */
    bool can_edit;
} toc_page;

/* May the user see / change theories owned by owner_urn (0: the LA's)? LA roles: every one;
 * the analyst: see every one (figures suppressed), change none; a school: its own. */
bool toc_can_see(const web_request *req, int owner_urn);
bool toc_can_edit(const web_request *req, int owner_urn);
/* The figures the user sees: unsuppressed for the LA and a school (its own pupils), suppressed
 * as the published rates for the analyst. */
bool toc_unsuppressed(const web_request *req);
const char *toc_owner_label(const web_request *req, int owner_urn);

/* The theory of the path's {id} with everything in it, when the user may see it (and, with
 * edit, change it); else the 404 page (audited as denied) and false. */
bool toc_load(const web_request *req, web_response *res, bool edit, toc_page *p);
const or_toc_item *toc_item_by_id(const toc_page *p, long long id);
/* An academic year for people: "2025/26". */
const char *toc_year_label(const web_request *req, int ay);
/* A cohort in words: "Year 7 at Kestrel Academy", "Girls in Year 7, the whole LA". */
const char *toc_cohort_words(const web_request *req, const or_toc_indicator *x);
/* The extra characteristics a cohort may keep to (dim, code, label); NULL-terminated. */
typedef struct {
    const char *dim, *code, *label;
} toc_group;
extern const toc_group toc_groups[];
const toc_group *toc_group_find(const char *dim, const char *code);

#endif
