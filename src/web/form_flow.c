/* form_flow.c - the one flow of a form's POST (form.h form_post): change, check or save.
 *
 * Every error at once: the page's own checks, then each field's by its type, then the row
 * through the importer (forms.h web_ingest_row: one batch, source kind "form", validated as a
 * CSV row is) inside a transaction. With errors the form comes back, each error against its
 * field. Without, the check page is written with the row in the store (the pupil's facts as
 * they would be), then everything is rolled back; or, on "Save", the row is committed in the
 * same transaction as its line in the audit log (no log line, no change). */
#include <string.h>

#include "web/form.h"

static void server_error(const web_request *req, web_response *res, const char *what)
{
    or_sb_reset(&res->body);
    web_error(req, res, 500, "Sorry, there is a problem with the service", what);
}

static void show_form(form *f, web_response *res, const form_flow *fl, void *ctx)
{
    form_errors_in_order(f);
    fl->show_form(f, res, ctx);
    if (f->nerrors && res->status == 200)
        res->status = 400;
}

void form_post(form *f, web_response *res, const form_flow *fl, void *ctx)
{
    const web_request *req = f->req;
    const char *action = web_form(req, "action");
    const char *what = fl->what ? fl->what : "record";
    if (!fl->no_check && !strcmp(action, "change")) {
        show_form(f, res, fl, ctx);
        return;
    }
    bool save = fl->no_check || !strcmp(action, "save");
    if (fl->validate)
        fl->validate(f, ctx);
    form_validate(f);

    const char *cells[OR_EV__N];
    for (int c = 0; c < OR_EV__N; c++)
        cells[c] = "";
    const char *detail = "";
    if (!fl->row(f, cells, &detail, ctx)) {
        if (!f->nerrors)
            form_error(f, -1, or_arena_printf(req->arena, "The %s could not be checked.", what));
        show_form(f, res, fl, ctx);
        return;
    }
    /* one transaction: the batch (a savepoint) and what goes with it, the check page's look
     * at the pupil's facts (then rolled back) or the audit line (committed with it) */
    or_error err = {0};
    if (or_store_begin(req->store, &err)) {
        server_error(req, res, "The database did not answer. Nothing was saved.");
        return;
    }
    or_ingest_result ir = {0};
    or_code rc = web_ingest_row(req, or_kind_get(OR_K_EVENTS), fl->source, cells, &ir, &err);
    if (rc && rc != OR_EINPUT) {
        or_store_rollback(req->store);
        or_ingest_result_release(&ir);
        server_error(
            req, res,
            or_arena_printf(req->arena, "The %s could not be checked. Nothing was saved.", what));
        return;
    }
    if (rc == OR_EINPUT) {
        int before = f->nerrors;
        form_importer_errors(f, ir.errors.len ? or_sb_str(&ir.errors) : err.msg, fl->source);
        if (f->nerrors == before)
            form_error(f, -1, or_arena_printf(req->arena, "The %s could not be checked.", what));
    }
    bool changed = ir.committed;
    or_ingest_result_release(&ir);
    if (f->nerrors) {
        or_store_rollback(req->store);
        show_form(f, res, fl, ctx);
        return;
    }
    if (!save) {
        or_model *m = NULL;
        const or_pupil_facts *pf = NULL;
        if (fl->facts && !or_model_load(req->store, fl->upn, &m, &err))
            pf = or_model_find(m, fl->upn);
        if (fl->facts && !pf)
            server_error(req, res, "The pupil's record could not be read. Nothing was saved.");
        else
            fl->show_check(f, res, pf, m, ctx);
        or_store_rollback(req->store); /* the check leaves no trace */
        or_model_free(m);
        return;
    }
    if ((changed && web_audit(req, "change", fl->upn, detail)) ||
        or_store_commit(req->store, &err)) {
        or_store_rollback(req->store);
        server_error(req, res,
                     "The change could not be written to the audit log, so it was not saved.");
        return;
    }
    web_redirect(req, res, fl->done);
}
