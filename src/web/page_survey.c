/* page_survey.c - one survey (surveys.h):
 *
 *   GET        /surveys/{id}            its questions by domain, its scales, its waves with how
 *                                       many answered each, how many links were issued
 *   GET, POST  /surveys/{id}/waves/new  add the next wave (a label, the days it is open); refused
 *                                       while a scale in use has no levels
 *
 * Who: the survey's school, LA officers (survey_load). The builder is page_survey_edit.c,
 * issuing links page_survey_links.c. */
#include <string.h>

#include "onroll/labels.h"
#include "web/form.h"
#include "web/surveys_web.h"
#include "web/view.h"

/* n with thousands separators, in the request's arena. */
static const char *num(const web_request *req, int n)
{
    char b[OR_FMT_INT_LEN];
    return or_arena_strdup(req->arena, or_fmt_int(n, b));
}

/* The scale's levels in words: "Yes / Most of the time; No" (with scores when scored). */
static const char *levels_words(const web_request *req, const or_survey_scale *sc)
{
    if (!sc || !sc->nlevels)
        return "Not set yet";
    const char *w = "";
    for (int l = 0; l < sc->nlevels; l++)
        w = sc->levels[l].scored
                ? or_arena_printf(req->arena, "%s%s%s (scores %d)", w, l ? "; " : "",
                                  sc->levels[l].label, sc->levels[l].score)
                : or_arena_printf(req->arena, "%s%s%s", w, l ? "; " : "", sc->levels[l].label);
    return w;
}

/* The survey's questions, domain by domain (the builder shows them too, with its links). */
static void questions(or_sb *out, const web_request *req, const or_survey_def *d)
{
    for (int i = 0; i < d->ndomains; i++) {
        const or_survey_domain *dm = &d->domains[i];
        html_printf(out, "<h3 class=\"govuk-heading-s\">%s</h3>\n",
                    *dm->title ? dm->title
                               : (d->ndomains == 1 ? "Statements" : "Untitled section"));
        if (*dm->note)
            html_printf(out, "<p class=\"govuk-body-s\">%s</p>\n", dm->note);
        if (!dm->nitems) {
            html_raw(out, "<p class=\"govuk-body\">No questions yet.</p>\n");
            continue;
        }
        html_raw(out, "<ol class=\"govuk-list govuk-list--number\">\n");
        for (int j = 0; j < dm->nitems; j++) {
            const or_survey_item *it = &dm->items[j];
            const or_survey_scale *sc =
                it->type == OR_SQ_SCALE ? or_survey_scale_find(d, it->scale) : NULL;
            html_printf(out,
                        "<li>%s <span class=\"govuk-hint govuk-!-font-size-16\">(%s)</span></li>\n",
                        it->text, sc ? sc->title : or_sq_type_names[it->type]);
        }
        html_raw(out, "</ol>\n");
    }
    (void)req;
}

void page_survey(const web_request *req, web_response *res)
{
    survey_page p;
    if (!survey_load(req, res, &p))
        return;
    or_error err = {0};
    or_survey_wave *w = NULL;
    int nw = 0, issued = 0, *answered = NULL, na = 0;
    bool frozen = false;
    if (or_survey_waves(req->store, p.s.id, req->arena, &w, &nw, &err) ||
        or_survey_counts(req->store, p.s.id, req->arena, &issued, &answered, &na, &err) ||
        or_survey_frozen(req->store, p.s.id, web_today(req), &frozen, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The survey's waves could not be read.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, p.s.title);
    html_raw(out, "<a href=\"/surveys\" class=\"govuk-back-link onroll-no-print\">Back to "
                  "surveys</a>\n");
    if (*web_query(req, "started"))
        gov_notification(out, "Success", "The survey was started.", true);
    if (*web_query(req, "wave"))
        gov_notification(out, "Success", "The wave was added.", true);
    html_printf(out,
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">%s</h1>\n",
                p.school, p.s.title);
    gov_summary_start(out);
    gov_summary_row(out, "Who answers", survey_audience_words(p.d.audience));
    gov_summary_row(out, "Started from", survey_template_words(p.s.template_id));
    if (*p.d.source)
        gov_summary_row(out, "Source", p.d.source);
    if (*p.d.about)
        gov_summary_row(out, "What it is for", p.d.about);
    gov_summary_row(out, "Domain score",
                    p.d.scoring == OR_SCORE_MEAN
                        ? "The mean of the level scores of the answered statements"
                    : p.d.scoring == OR_SCORE_SUM ? "The sum of the level scores"
                                                  : "None");
    if (*p.d.scoring_note)
        gov_summary_row(out, "About the domain score", p.d.scoring_note);
    gov_summary_row(out, "Links issued", num(req, issued));
    gov_summary_end(out);
    html_printf(out, "<div class=\"govuk-button-group onroll-no-print\">\n");
    if (!frozen)
        html_printf(out,
                    "<a class=\"govuk-button\" href=\"/surveys/%lld/edit\">Change the "
                    "questions</a>\n",
                    (long long)p.s.id);
    html_printf(out,
                "<a class=\"govuk-button govuk-button--secondary\" "
                "href=\"/surveys/%lld/waves/new\">Add a wave</a>\n"
                "<a class=\"govuk-button govuk-button--secondary\" "
                "href=\"/surveys/%lld/links\">Issue links</a>\n"
                "<a class=\"govuk-button govuk-button--secondary\" "
                "href=\"/surveys/%lld/results\">Results</a>\n</div>\n",
                (long long)p.s.id, (long long)p.s.id, (long long)p.s.id);
    if (frozen)
        html_raw(out, "<div class=\"govuk-inset-text\">A wave has opened, so the questions can "
                      "no longer change: every wave asks the same questions.</div>\n");

    if (!nw) {
        html_raw(out, "<h2 class=\"govuk-heading-m\">Waves</h2>\n<p class=\"govuk-body\">No "
                      "waves yet. Add the first wave when the questions are ready: for example, "
                      "before a nurture group starts, then again after it ends.</p>\n");
    } else {
        static const char *heads[] = {"Wave", "Open", "Answered"};
        html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                      "aria-label=\"Waves\">\n");
        gov_table_start(out, "Waves", heads, 3);
        char d1[24], d2[24];
        for (int i = 0; i < nw; i++) {
            gov_table_row_start(out);
            gov_td(out, or_arena_printf(req->arena, "Wave %d: %s", w[i].n, w[i].label));
            gov_td(out, or_arena_printf(req->arena, "%s to %s", view_date(w[i].opens_on, d1),
                                        view_date(w[i].closes_on, d2)));
            gov_td(out, or_arena_printf(req->arena, "%s of %s", num(req, i < na ? answered[i] : 0),
                                        num(req, issued)));
            gov_table_row_end(out);
        }
        gov_table_end(out);
        html_raw(out, "</div>\n");
    }

    html_raw(out, "<h2 class=\"govuk-heading-m\">Scales</h2>\n");
    if (!p.d.nscales)
        html_raw(out, "<p class=\"govuk-body\">No scales yet.</p>\n");
    gov_summary_start(out);
    for (int i = 0; i < p.d.nscales; i++)
        gov_summary_row(out, p.d.scales[i].title, levels_words(req, &p.d.scales[i]));
    gov_summary_end(out);
    for (int i = 0; i < p.d.nscales; i++)
        if (*p.d.scales[i].note)
            html_printf(out, "<p class=\"govuk-body-s\">%s: %s</p>\n", p.d.scales[i].title,
                        p.d.scales[i].note);

    html_printf(out, "<h2 class=\"govuk-heading-m\">Questions (%d)</h2>\n", or_survey_items(&p.d));
    questions(out, req, &p.d);
    gov_page_end(out, req);
}

/* ---- a new wave ---- */

enum { W_LABEL, W_OPENS, W_CLOSES, W__N };
static const form_field wave_fields[W__N] = {
    [W_LABEL] = {"label", "Label", "For example, Before the nurture group", FORM_TEXT,
                 FORM_REQUIRED, .noun = "label", .max = 200},
    [W_OPENS] = {"opens_on", "Opens on", "For example, 11 1 2027", FORM_DATE, FORM_REQUIRED,
                 .noun = "day the wave opens"},
    [W_CLOSES] = {"closes_on", "Closes on", "The last day people can answer", FORM_DATE,
                  FORM_REQUIRED, .noun = "day the wave closes"},
};

static void wave_show(form *f, web_response *res, const survey_page *p)
{
    or_sb *out = &res->body;
    form_page_start(out, f, "Add a wave", p->path, "Back to the survey", p->s.title);
    html_raw(out, "<p class=\"govuk-body\">Everyone answers each wave once, through the same "
                  "link. Once a wave has opened, the questions can no longer change.</p>\n");
    form_start(out, f, or_arena_printf(f->req->arena, "%s/waves/new", p->path));
    form_fields_html(out, f, 0, W__N);
    form_page_end(out, f, res, "Add the wave", NULL);
}

void page_survey_wave_new(const web_request *req, web_response *res)
{
    survey_page p;
    if (!survey_load(req, res, &p))
        return;
    form f;
    form_init(&f, req, wave_fields, W__N);
    form_read(&f);
    wave_show(&f, res, &p);
}

/* An error's words without the place it names ("scales[0]: the scale..." -> "The scale..."). */
static const char *sentence(const web_request *req, const char *msg)
{
    const char *c = strstr(msg, ": ");
    const char *s = c && c[2] ? c + 2 : msg;
    char *o = or_arena_strdup(req->arena, s);
    if (o[0] >= 'a' && o[0] <= 'z')
        o[0] = (char)(o[0] - 'a' + 'A');
    return o;
}

void page_survey_wave_new_post(const web_request *req, web_response *res)
{
    survey_page p;
    if (!survey_load(req, res, &p))
        return;
    form f;
    form_init(&f, req, wave_fields, W__N);
    form_read(&f);
    if (!form_validate(&f)) {
        form_errors_in_order(&f);
        wave_show(&f, res, &p);
        return;
    }
    or_date o = OR_DATE_NONE, c = OR_DATE_NONE;
    or_date_parse(form_text(&f, W_OPENS), &o);
    or_date_parse(form_text(&f, W_CLOSES), &c);
    if (c < o) {
        form_error(&f, W_CLOSES, "The wave must close on or after the day it opens");
        form_errors_in_order(&f);
        wave_show(&f, res, &p);
        return;
    }
    or_error err = {0};
    int n = 0;
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_survey_wave_add(req->store, p.s.id, form_text(&f, W_LABEL), o, c, &n, &err);
    if (rc == OR_EINPUT) {
        or_store_rollback(req->store);
        form_error(&f, W_LABEL,
                   or_arena_printf(req->arena, "The survey is not ready to open. %s",
                                   sentence(req, err.msg)));
        form_errors_in_order(&f);
        wave_show(&f, res, &p);
        return;
    }
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena,
                                       "survey wave added: survey %lld (URN %d), wave "
                                       "%d, %s to %s",
                                       (long long)p.s.id, p.s.urn, n, form_text(&f, W_OPENS),
                                       form_text(&f, W_CLOSES)))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The wave could not be added. Nothing was changed.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "%s?wave=%d", p.path, n));
}
