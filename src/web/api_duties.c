/* api_duties.c - GET /api/v1/duties?as_of=YYYY-MM-DD : the token's school's statutory and
 * local-protocol duties as of a date (default today), as JSON: {"urn", "as_of", "duties"},
 * where duties is exactly `onroll duties --school URN --format json` (listing.h).
 *
 * The school's pupils are those on its roll (or in the last year) and those with an event of
 * it. A small school's pupils are loaded one by one (the model's incremental path); past
 * PER_PUPIL_MAX pupils one load of the whole model is faster (measured on the demo LA: 1,300
 * pupils one by one 3.5 s, the whole LA of 40,000 at once 0.9 s). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/listing.h"
#include "onroll/model.h"
#include "onroll/store_scope.h"
#include "web/api.h"

enum { PER_PUPIL_MAX = 250 };

typedef struct {
    or_arena *arena;
    const char **upns;
    size_t n, cap;
} upn_list;

static or_code on_upn(void *ctx, const char *upn, or_error *err)
{
    upn_list *l = ctx;
    (void)err;
    OR_ALLOC_GROW(l->upns, l->n + 1, l->cap);
    l->upns[l->n++] = or_arena_strdup(l->arena, upn);
    return OR_OK;
}

/* Append the pupil's duties at school urn. */
static or_code pupil_duties(const or_model *m, const char *upn, int urn, or_date as_of,
                            or_duty_list *out, or_error *err)
{
    const or_pupil_facts *f = or_model_find(m, upn);
    if (!f)
        return OR_OK;
    int before = out->n;
    or_code rc = or_duties_for_pupil(f, or_model_params(m), as_of, out, err);
    int kept = before;
    for (int i = before; i < out->n; i++)
        if (out->items[i].urn == urn)
            out->items[kept++] = out->items[i];
    out->n = kept;
    return rc;
}

/* The school's duties into out; the models they borrow strings from into *models (*n). */
static or_code school_duties(or_store *s, int urn, or_date as_of, const upn_list *pupils,
                             or_duty_list *out, or_model ***models, size_t *n, or_error *err)
{
    *n = 0;
    *models = calloc(pupils->n > PER_PUPIL_MAX ? 1 : pupils->n + 1, sizeof **models);
    if (!*models)
        return or_fail(err, OR_ENOMEM, "out of memory");
    or_code rc = OR_OK;
    if (pupils->n > PER_PUPIL_MAX) {
        if ((rc = or_model_load(s, NULL, &(*models)[0], err)))
            return rc;
        *n = 1;
        for (size_t i = 0; i < pupils->n && !rc; i++)
            rc = pupil_duties((*models)[0], pupils->upns[i], urn, as_of, out, err);
        return rc;
    }
    for (size_t i = 0; i < pupils->n && !rc; i++) {
        or_model *m = NULL;
        if ((rc = or_model_load(s, pupils->upns[i], &m, err)))
            break;
        (*models)[(*n)++] = m;
        rc = pupil_duties(m, pupils->upns[i], urn, as_of, out, err);
    }
    return rc;
}

void api_get_duties(const web_request *req, web_response *res)
{
    const char *as_of_text = web_query(req, "as_of");
    or_date as_of = web_today(req);
    if (*as_of_text && !or_date_parse(as_of_text, &as_of)) {
        json_t *errors = json_array();
        json_array_append_new(errors, api_error(0, "as_of", "must be a date as YYYY-MM-DD"));
        api_send_errors(res, 400, errors);
        return;
    }
    or_arena arena = OR_ARENA_INIT;
    upn_list pupils = {&arena, NULL, 0, 0};
    or_duty_list duties;
    or_duty_list_init(&duties, &arena);
    or_model **models = NULL;
    size_t nmodels = 0;
    or_error err = {0};
    char *text = NULL;
    size_t len = 0;
    or_code rc = or_scope_school_pupils(req->store, req->api_urn, as_of, on_upn, &pupils, &err);
    if (!rc)
        rc = school_duties(req->store, req->api_urn, as_of, &pupils, &duties, &models, &nmodels,
                           &err);
    if (!rc) {
        or_duties_sort(&duties);
        FILE *f = open_memstream(&text, &len);
        rc = f ? or_write_duties(f, &duties, OR_FMT_JSON, &err)
               : or_fail(&err, OR_ENOMEM, "out of memory");
        if (f)
            fclose(f);
    }
    for (size_t i = 0; i < nmodels; i++)
        or_model_free(models[i]);
    free(models);
    free(pupils.upns);
    or_arena_free(&arena);
    if (rc) {
        free(text);
        web_error(req, res, 500, "Internal error",
                  "the duties could not be worked out: try again later");
        return;
    }
    char day[11], detail[64];
    or_date_format(as_of, day);
    snprintf(detail, sizeof detail, "duties as of %s", day);
    web_audit(req, "api.duties", NULL, detail);
    res->content_type = "application/json";
    or_sb_addf(&res->body, "{\"urn\":%d,\"as_of\":\"%s\",\"duties\":", req->api_urn, day);
    or_sb_add(&res->body, text, len);
    while (res->body.len && res->body.buf[res->body.len - 1] == '\n')
        res->body.buf[--res->body.len] = '\0';
    or_sb_adds(&res->body, "}\n");
    free(text);
}
