/* surveys_web.c - what the survey pages share (surveys_web.h). */
#include <stdlib.h>
#include <string.h>

#include "onroll/store.h"
#include "web/surveys_web.h"
#include "web/view.h"

bool survey_load(const web_request *req, web_response *res, survey_page *p)
{
    memset(p, 0, sizeof *p);
    const char *ids = web_path(req, "id");
    char *end = NULL;
    long long id = strtoll(ids, &end, 10);
    bool found = false;
    or_error err = {0};
    if (*ids && !*end && id > 0 && or_survey_get(req->store, id, req->arena, &p->s, &found, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The survey could not be read.");
        return false;
    }
    if (!found || !web_can_see_school(req, p->s.urn)) {
        if (found)
            web_audit(req, "denied", NULL, "another school's survey");
        web_error(req, res, 404, "Page not found",
                  "If you typed the web address, check it is correct.");
        return false;
    }
    if (or_survey_from_json(p->s.definition, req->arena, &p->d, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The survey's questions could not be read.");
        return false;
    }
    p->school = view_school_label(req, p->s.urn);
    p->path = or_arena_printf(req->arena, "/surveys/%lld", (long long)p->s.id);
    return true;
}

const char *survey_audience_words(or_survey_audience a)
{
    static const char *const w[OR_AUD__N] = {"Pupils", "Parents", "Staff"};
    return (unsigned)a < OR_AUD__N ? w[a] : "";
}

const char *survey_template_words(const char *id)
{
    const or_survey_template *t = or_survey_template_find(id);
    return t ? t->title : "The school's own";
}

or_code survey_save(const web_request *req, const survey_page *p, const or_survey_def *d,
                    const char *what, or_error *err)
{
    or_code rc = or_survey_check(d, false, err);
    if (rc)
        return rc;
    if ((rc = or_store_begin(req->store, err)))
        return rc;
    rc = or_survey_set_definition(req->store, p->s.id, d, web_today(req), err);
    if (!rc && web_audit(req, "change", NULL,
                         or_arena_printf(req->arena, "survey changed: %lld (URN %d): %s",
                                         (long long)p->s.id, p->s.urn, what)))
        rc = or_fail(err, OR_ESTORE, "%s", "the audit line could not be written");
    if (!rc)
        rc = or_store_commit(req->store, err);
    if (rc)
        or_store_rollback(req->store);
    return rc;
}
