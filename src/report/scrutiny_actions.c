/* scrutiny_actions.c - the scrutiny report's "What the local authority is doing": the LA's own
 * words of the year (store_scrutiny.h: its actions and its recommendations, written by its
 * officers on /reports/scrutiny/actions), printed as the LA wrote them, escaped: a blank line
 * starts a new paragraph, lines starting "- " or "* " are a list. With no words stored the
 * report says the section has not been written, and whoever generates it is warned. */
#include <string.h>

#include "onroll/store_scrutiny.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

/* One line of text (without its end) as escaped HTML. */
static void line_out(or_sb *h, const char *p, size_t n)
{
    or_sb t = OR_SB_INIT;
    or_sb_add(&t, p, n);
    html_text(h, or_sb_str(&t));
    or_sb_release(&t);
}

static bool is_item(const char *p, size_t n)
{
    return n >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ';
}

/* The LA's text: paragraphs (blank lines between) and lists ("- " lines). */
static void words_out(or_sb *h, const char *text)
{
    bool in_p = false, in_ul = false;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        size_t len = n;
        while (len && (p[len - 1] == '\r' || p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        const char *q = p;
        while (len && (*q == ' ' || *q == '\t'))
            q++, len--;
        if (!len) {
            if (in_p)
                html_raw(h, "</p>\n");
            if (in_ul)
                html_raw(h, "</ul>\n");
            in_p = in_ul = false;
        } else if (is_item(q, len)) {
            if (in_p)
                html_raw(h, "</p>\n");
            in_p = false;
            if (!in_ul)
                html_raw(h, "<ul class=\"list\">\n");
            in_ul = true;
            html_raw(h, "<li>");
            line_out(h, q + 2, len - 2);
            html_raw(h, "</li>\n");
        } else {
            if (in_ul)
                html_raw(h, "</ul>\n");
            in_ul = false;
            if (in_p)
                html_raw(h, "<br>\n");
            else
                html_raw(h, "<p>");
            in_p = true;
            line_out(h, q, len);
        }
        p += n;
        if (*p == '\n')
            p++;
    }
    if (in_p)
        html_raw(h, "</p>\n");
    if (in_ul)
        html_raw(h, "</ul>\n");
}

static const char *missing_words(or_arena *a, const char *year)
{
    return or_arena_printf(a,
                           "the local authority has not written its actions and recommendations "
                           "for %s, so the report says that section is not written yet (write "
                           "them from the Reports page: Write what the local authority is doing)",
                           year);
}

or_code scr_actions_missing(or_store *s, int ay, or_scrutiny_warn warn, void *ctx, or_error *err)
{
    or_arena a = OR_ARENA_INIT;
    or_scrutiny_words w;
    or_code rc = or_scrutiny_words_get(s, ay, &a, &w, err);
    if (!rc && !w.found)
        warn(ctx, missing_words(&a, or_arena_printf(&a, "%d/%02d", ay, (ay + 1) % 100)));
    or_arena_free(&a);
    return rc;
}

or_code scr_write_actions(scr *x, or_error *err)
{
    or_scrutiny_words w;
    or_code rc = or_scrutiny_words_get(x->s, x->o->ay, x->a, &w, err);
    if (rc)
        return rc;
    or_sb *h = x->h;
    const char *who = x->la_name ? x->la_name : "the local authority";
    scr_section_begin(x, "actions", "What the local authority is doing");
    if (!w.found) {
        html_printf(h,
                    "<p>The local authority has not yet written this section for %s: its "
                    "actions and recommendations are not available.</p>\n",
                    x->year);
        scr_warn(x, missing_words(x->a, x->year));
        scr_section_end(x);
        return OR_OK;
    }
    x->words_written = true;
    html_printf(h, "<p class=\"caption\">In the words of %s.</p>\n", who);
    html_raw(h, "<h3>Actions</h3>\n");
    if (*w.actions)
        words_out(h, w.actions);
    else
        html_raw(h, "<p>No actions are given for this year.</p>\n");
    html_raw(h, "<h3>Recommendations</h3>\n");
    if (*w.recommendations)
        words_out(h, w.recommendations);
    else
        html_raw(h, "<p>No recommendations are given for this year.</p>\n");
    scr_section_end(x);
    return OR_OK;
}
