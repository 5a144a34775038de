/* ideas_commit_form.c - the facilitator's form recording a commitment against a ranked idea of
 * Energy for change (ideas_web.h): its fields, the owners it offers (an onroll account of the LA
 * or a school: the workshop's school when it is one school's) and its HTML, which the board page
 * shows and page_ideas_commit.c validates. */
#include <stdlib.h>
#include <string.h>

#include "onroll/accounts.h"
#include "web/form.h"
#include "web/ideas_web.h"
#include "web/view.h"

static const form_field commit_fields[COMMIT__N] = {
    [COMMIT_IDEA] = {"idea", "Idea", "In order of their overall place", FORM_RADIOS,
                     FORM_REQUIRED | FORM_SMALL,
                     .missing = "Select the idea the commitment is for"},
    [COMMIT_STEP] = {"next_step", "What will be done",
                     "For example, bring the threshold models to the next heads' meeting",
                     FORM_TEXT, FORM_REQUIRED, .noun = "what will be done", .max = 300},
    [COMMIT_OWNER] = {"owner", "Owner", "It becomes a duty on their list of duties", FORM_SELECT,
                      FORM_REQUIRED, .missing = "Select the owner of the commitment"},
    [COMMIT_DUE] = {"due", "By when", "For example, 27 3 2027", FORM_DATE, FORM_REQUIRED,
                    .noun = "date"},
};

typedef struct {
    const web_request *req;
    int urn; /* the workshop's school, 0: any school's accounts may own */
    gov_choice *c;
    size_t n, cap;
} owners;

static or_code add_owner(void *ctx, const or_user *u, or_error *err)
{
    (void)err;
    owners *o = ctx;
    if (u->disabled)
        return OR_OK;
    bool la = u->role == OR_ROLE_LA_ADMIN || u->role == OR_ROLE_LA_OFFICER ||
              u->role == OR_ROLE_VIRTUAL_SCHOOL;
    int school = u->role == OR_ROLE_SCHOOL ? atoi(u->scope) : 0;
    if (!la && !(school && (!o->urn || school == o->urn)))
        return OR_OK;
    const char *where = la ? or_role_label(u->role) : view_school_label(o->req, school);
    OR_ARENA_GROW(o->req->arena, o->c, o->n + 1, o->cap);
    o->c[o->n++] = (gov_choice){or_arena_strdup(o->req->arena, u->email),
                                or_arena_printf(o->req->arena, "%s (%s)", u->name, where), NULL};
    return OR_OK;
}

void ideas_commit_form_init(form *f, const web_request *req, const ideas_board *b)
{
    form_init(f, req, commit_fields, COMMIT__N);
    /* the ideas, best overall first */
    int *order = or_arena_alloc(req->arena, sizeof *order * (size_t)(b->nideas ? b->nideas : 1));
    or_ideas_order(b->tally, b->nideas, OR_RANK_OVERALL, order);
    gov_choice *ic = or_arena_alloc(req->arena, sizeof *ic * (size_t)(b->nideas ? b->nideas : 1));
    for (int k = 0; k < b->nideas; k++) {
        int i = order[k];
        ic[k] = (gov_choice){or_arena_printf(req->arena, "%lld", (long long)b->ideas[i].id),
                             or_arena_printf(req->arena, "Idea %d: %s", i + 1, b->ideas[i].text),
                             or_arena_printf(req->arena, "%d votes in all", b->tally[i].total)};
    }
    f->fields[COMMIT_IDEA].choices = ic;
    f->fields[COMMIT_IDEA].nchoices = b->nideas;
    owners o = {req, b->w.urn, NULL, 0, 0};
    or_error err = {0};
    or_user_each(req->store, add_owner, &o, &err);
    if (o.n > 1)
        qsort(o.c, o.n, sizeof *o.c, gov_choice_cmp);
    f->fields[COMMIT_OWNER].choices = o.c;
    f->fields[COMMIT_OWNER].nchoices = (int)o.n;
}

void ideas_commit_form_html(or_sb *out, const web_request *req, const ideas_board *b, form *f)
{
    form f0;
    if (!f) {
        ideas_commit_form_init(&f0, req, b);
        f = &f0;
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"commit\">Record a commitment</h2>\n"
                  "<p class=\"govuk-body\">A commitment has an owner with an account on onroll "
                  "and a date: it becomes a duty on their list of duties until they record it "
                  "done.</p>\n");
    form_start(
        out, f,
        or_arena_printf(req->arena, "/workshops/%lld/ideas/commitments", (long long)b->w.id));
    form_fields_html(out, f, 0, f->n);
    gov_button(out, "Record the commitment", false);
    gov_form_end(out);
}
