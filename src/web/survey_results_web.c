/* survey_results_web.c - what the results pages share (survey_results_web.h): the survey of the
 * path loaded for a user who may see it, the two waves chosen, and its suppressed results
 * (survey_results.h); the words for counts and waves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/stats.h"
#include "web/survey_results_web.h"
#include "web/view.h"

static int wave_of(const sr_ctx *x, const char *n)
{
    if (!*n)
        return -1;
    int k = atoi(n);
    for (int i = 0; i < x->nwaves; i++)
        if (x->waves[i].n == k)
            return i;
    return -1;
}

bool sr_load(const web_request *req, web_response *res, sr_ctx *x)
{
    memset(x, 0, sizeof *x);
    x->wi = x->ei = -1;
    or_error err = {0};
    const char *id_text = web_path(req, "id");
    char *end = NULL;
    long long id = strtoll(id_text, &end, 10);
    bool found = false;
    if (id <= 0 || !end || *end ||
        or_survey_get(req->store, (int64_t)id, req->arena, &x->s, &found, &err) || !found) {
        web_error(req, res, 404, "Page not found",
                  "If you typed the web address, check it is correct.");
        return false;
    }
    if (!web_can_see_school(req, x->s.urn)) {
        web_audit(req, "denied", NULL, "another school's survey results");
        web_error(req, res, 403, "You do not have access to this page",
                  "This survey belongs to another school.");
        return false;
    }
    or_survey_answer *ans = NULL;
    or_survey_respondent *resp = NULL;
    int nans = 0, nresp = 0, nw2 = 0;
    if (or_survey_from_json(x->s.definition, req->arena, &x->def, &err) ||
        or_survey_waves(req->store, x->s.id, req->arena, &x->waves, &x->nwaves, &err) ||
        or_survey_counts(req->store, x->s.id, req->arena, &x->issued, &x->answered, &nw2, &err) ||
        or_survey_answers(req->store, x->s.id, req->arena, &ans, &nans, &err) ||
        or_survey_respondents(req->store, x->s.id, req->arena, &resp, &nresp, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The survey's results could not be read. Try again later.");
        return false;
    }
    x->school = view_school_label(req, x->s.urn);
    or_date today = web_today(req);
    x->wi = wave_of(x, web_query(req, "wave"));
    if (x->wi < 0)
        for (int i = 0; i < x->nwaves; i++)
            if (x->waves[i].opens_on <= today)
                x->wi = i; /* the latest that has opened */
    if (x->wi < 0 && x->nwaves > 0)
        x->wi = 0;
    const char *cmp = web_query(req, "compare");
    if (!strcmp(cmp, "none"))
        x->ei = -1;
    else if (*cmp)
        x->ei = wave_of(x, cmp);
    else
        x->ei = x->wi - 1;
    if (x->ei == x->wi)
        x->ei = -1;
    int64_t wid = x->wi >= 0 ? x->waves[x->wi].id : 0, eid = x->ei >= 0 ? x->waves[x->ei].id : 0;
    if (or_survey_results_of(&x->def, ans, nans, resp, nresp, wid, eid, OR_SUPPRESS_THRESHOLD,
                             req->arena, &x->r, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The survey's results could not be worked out. Try again later.");
        return false;
    }
    return true;
}

const char *sr_count(const web_request *req, int64_t n, uint8_t flag)
{
    if (flag != OR_SUP_NONE)
        return "c";
    char *b = or_arena_alloc(req->arena, OR_FMT_INT_LEN);
    return or_fmt_int(n, b);
}

const char *sr_wave_name(const web_request *req, const or_survey_wave *w)
{
    char a[OR_FMT_DATE_LEN], b[OR_FMT_DATE_LEN];
    const char *label =
        w->label && *w->label ? w->label : or_arena_printf(req->arena, "Wave %d", w->n);
    return or_arena_printf(req->arena, "%s (%s to %s)", label, or_fmt_date(w->opens_on, a),
                           or_fmt_date(w->closes_on, b));
}
