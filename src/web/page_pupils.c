/* page_pupils.c - GET /pupils : the pupils in the user's scope, searched by name or UPN, by
 * school (a URN), and narrowed to the children at risk; PAGE_ROWS a page. Every role that may
 * open a pupil's record may use it (not the analyst); the list is view_scope_pupils's: each
 * pupil confirmed by scope.c. A search is written to the audit log (what was asked, how many
 * were listed) before the list is shown.
 *
 * With ?assign=ID (an entry of the interventions directory, from its "Assign to a pupil"), for
 * those who record: the same search, to choose the pupil; each name then leads to the pupil's
 * interventions page with that entry chosen (page_pupil_interventions.c). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/interventions.h"
#include "onroll/upn.h"
#include "web/view.h"

enum { PAGE_ROWS = 50, QUERY_MAX = 100 };

/* Does haystack contain needle, ignoring ASCII case? */
static bool contains(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    if (!n)
        return true;
    for (const char *h = haystack; *h; h++) {
        size_t i = 0;
        while (i < n && h[i] && tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

static int by_name(const void *x, const void *y)
{
    const view_pupil *a = *(const view_pupil *const *)x, *b = *(const view_pupil *const *)y;
    /* by surname (the last word), then the whole name, then the UPN */
    const char *sa = strrchr(a->name, ' '), *sb = strrchr(b->name, ' ');
    int c = strcasecmp(sa ? sa + 1 : a->name, sb ? sb + 1 : b->name);
    if (!c)
        c = strcasecmp(a->name, b->name);
    return c ? c : strcmp(a->upn, b->upn);
}

static void checkbox(or_sb *out, bool checked)
{
    html_printf(out,
                "<div class=\"govuk-form-group\">\n<div class=\"govuk-checkboxes "
                "govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">\n<div "
                "class=\"govuk-checkboxes__item\">\n<input class=\"govuk-checkboxes__input\" "
                "id=\"risk\" name=\"risk\" type=\"checkbox\" value=\"1\"%s>\n<label "
                "class=\"govuk-label govuk-checkboxes__label\" for=\"risk\">Only children with a "
                "risk indicator</label>\n</div>\n</div>\n</div>\n",
                checked ? " checked" : "");
}

/* The link to another page of the same search. */
static void page_link(or_sb *out, const char *q, const char *school, bool risk, int page,
                      const char *assign)
{
    html_printf(out, "/pupils?q=%t&amp;school=%t&amp;risk=%s&amp;page=%d", q, school,
                risk ? "1" : "", page);
    if (assign)
        html_printf(out, "&amp;assign=%t", assign);
}

/* Choosing the pupil to assign an intervention to: each name leads to their interventions page
 * with the entry chosen. */
static void assign_table(or_sb *out, const web_request *req, const char *caption,
                         const view_snapshot *snap, const view_pupil *const *pupils, int n,
                         const or_intervention *iv)
{
    html_printf(out,
                "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                "govuk-table__caption--s\">%s</caption>\n<thead class=\"govuk-table__head\">\n"
                "<tr class=\"govuk-table__row\">\n<th scope=\"col\" class=\"govuk-table__header\">"
                "Name</th>\n<th scope=\"col\" class=\"govuk-table__header\">UPN</th>\n"
                "<th scope=\"col\" class=\"govuk-table__header\">Year group</th>\n"
                "<th scope=\"col\" class=\"govuk-table__header\">School</th>\n</tr>\n</thead>\n"
                "<tbody class=\"govuk-table__body\">\n",
                caption);
    for (int i = 0; i < n; i++) {
        const view_pupil *p = pupils[i];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                    "class=\"govuk-link\" href=\"/pupils/%t/interventions?intervention=%t#assign\">"
                    "%s<span class=\"govuk-visually-hidden\">: assign %s</span></a></td>\n"
                    "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">%s"
                    "</td>\n",
                    p->upn, iv->id, p->name[0] ? p->name : p->upn, iv->name, p->upn,
                    p->year_words[0] ? p->year_words : "Not recorded");
        view_td_school(out, req, snap, p->urn);
        html_raw(out, "</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n");
}

void page_pupils(const web_request *req, web_response *res)
{
    const char *q = web_query(req, "q"), *school = web_query(req, "school");
    bool risk = !strcmp(web_query(req, "risk"), "1");
    int page = atoi(web_query(req, "page"));
    if (page < 1)
        page = 1;
    /* choosing a pupil for an intervention of the directory (those who record only) */
    or_intervention iv;
    const char *assign = web_query(req, "assign");
    bool assigning = false, listed = false;
    if (*assign && (WEB_RECORD_ROLES & WEB_R(req->user->role)) && or_iv_id_ok(assign)) {
        or_error e = {0};
        assigning =
            !or_iv_get(req->store, assign, req->arena, &iv, &listed, &e) && listed && iv.active;
    }
    gov_error errs[2];
    int nerrs = 0, urn = 0;
    if (strlen(q) > QUERY_MAX)
        errs[nerrs++] = (gov_error){"q", "Enter 100 characters or fewer"};
    if (*school && or_urn_validate(school, &urn, NULL))
        errs[nerrs++] = (gov_error){"school", "Enter a school's URN: 6 digits, like 100001"};
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupils could not be listed. Try again later.");
        return;
    }
    const view_pupil *const *scope = NULL;
    const view_pupil **found = NULL;
    int nscope = 0, nfound = 0;
    if (view_scope_pupils(req, snap, &scope, &nscope, &err)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupils could not be listed. Try again later.");
        return;
    }
    found = or_arena_alloc(req->arena, ((size_t)nscope + 1) * sizeof *found);
    for (int i = 0; !nerrs && i < nscope; i++) {
        const view_pupil *p = scope[i];
        if (urn && p->urn != urn)
            continue;
        if (risk && !p->nflags)
            continue;
        if (*q && !contains(p->name, q) && !contains(p->upn, q))
            continue;
        found[nfound++] = p;
    }
    if (nfound > 1)
        qsort(found, (size_t)nfound, sizeof *found, by_name);
    int pages = nfound ? (nfound + PAGE_ROWS - 1) / PAGE_ROWS : 1;
    if (page > pages)
        page = pages;
    int first = (page - 1) * PAGE_ROWS,
        shown = nfound - first < PAGE_ROWS ? nfound - first : PAGE_ROWS;
    if (shown < 0)
        shown = 0;

    if (!nerrs) {
        char detail[300];
        snprintf(detail, sizeof detail, "q=%.100s school=%.6s risk=%d page=%d: %d listed", q,
                 school, risk, page, shown);
        if (web_audit(req, "pupils.search", NULL, detail)) {
            view_snapshot_put(snap);
            web_error(req, res, 500, "Sorry, there is a problem with the service",
                      "The audit log could not be written, so the list cannot be shown.");
            return;
        }
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, nerrs ? "Error: Pupils" : "Pupils");
    gov_error_summary(out, errs, nerrs);
    if (assigning)
        gov_notification(out, "Assign an intervention",
                         or_arena_printf(req->arena,
                                         "Choose the pupil to assign \"%s\" to: search, then "
                                         "select their name.",
                                         iv.name),
                         false);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Pupils</h1>\n");
    html_printf(out, "<p class=\"govuk-body\">The %d %s you can see.</p>\n", nscope,
                nscope == 1 ? "pupil" : "pupils");
    gov_form_start(out, req, "get", "/pupils");
    if (assigning)
        html_printf(out, "<input type=\"hidden\" name=\"assign\" value=\"%s\">\n", iv.id);
    gov_input(out, "q", "Name or UPN", "text", q, "off", gov_error_for(errs, nerrs, "q"));
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    if (la || *school)
        gov_input(out, "school", "School URN (optional)", "text", school, "off",
                  gov_error_for(errs, nerrs, "school"));
    checkbox(out, risk);
    gov_button(out, "Search", false);
    gov_form_end(out);
    if (nerrs) {
        res->status = 400;
        gov_page_end(out, req);
        view_snapshot_put(snap);
        return;
    }
    html_printf(out, "<h2 class=\"govuk-heading-m\">%d %s</h2>\n", nfound,
                nfound == 1 ? "pupil found" : "pupils found");
    if (shown > 0) {
        char caption[96];
        snprintf(caption, sizeof caption, "Pupils by surname, page %d of %d", page, pages);
        if (assigning)
            assign_table(out, req, caption, snap, found + first, shown, &iv);
        else
            view_pupils_table(out, req, caption, snap, found + first, shown);
    }
    if (pages > 1) {
        html_raw(out, "<nav class=\"govuk-pagination\" aria-label=\"Pages of pupils\">\n");
        if (page > 1) {
            html_raw(out, "<div class=\"govuk-pagination__prev\">\n<a class=\"govuk-link "
                          "govuk-pagination__link\" href=\"");
            page_link(out, q, school, risk, page - 1, assigning ? iv.id : NULL);
            html_raw(out, "\" rel=\"prev\"><span class=\"govuk-pagination__link-title\">Previous"
                          "<span class=\"govuk-visually-hidden\"> page</span></span></a>\n"
                          "</div>\n");
        }
        html_printf(out, "<p class=\"govuk-body govuk-!-margin-bottom-0\">Page %d of %d</p>\n",
                    page, pages);
        if (page < pages) {
            html_raw(out, "<div class=\"govuk-pagination__next\">\n<a class=\"govuk-link "
                          "govuk-pagination__link\" href=\"");
            page_link(out, q, school, risk, page + 1, assigning ? iv.id : NULL);
            html_raw(out, "\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Next"
                          "<span class=\"govuk-visually-hidden\"> page</span></span></a>\n"
                          "</div>\n");
        }
        html_raw(out, "</nav>\n");
    }
    gov_page_end(out, req);
    view_snapshot_put(snap);
}
