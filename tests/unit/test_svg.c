/* test_svg.c - the accessible SVG charts of the reports (src/report/svg.c): every chart is
 * well-formed XML (parsed with libxml2), an image named by its <title> and described by its
 * <desc>, with hostile labels escaped, nothing drawn for a value that is not shown (no NaN in
 * the markup), and scales that cover the data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "onroll/svg.h"

static const char *const hostile = "<script>alert('x')</script> & \"Co\"";

/* Parse the chart; fail the test unless it is well-formed with an <svg> root. */
static xmlDocPtr parse(const or_sb *sb)
{
    xmlDocPtr doc = xmlReadMemory(sb->buf, (int)sb->len, "chart.svg", "UTF-8",
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_non_null(root);
    assert_string_equal((const char *)root->name, "svg");
    return doc;
}

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = v ? strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* The element with this id anywhere under n. */
static xmlNodePtr by_id(xmlNodePtr n, const char *id)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            char *v = attr(n, "id");
            bool hit = v && !strcmp(v, id);
            free(v);
            if (hit)
                return n;
            xmlNodePtr in = by_id(n->children, id);
            if (in)
                return in;
        }
    }
    return NULL;
}

/* Count elements called name under n; when text is given, only those whose content has it. */
static int count(xmlNodePtr n, const char *name, const char *text)
{
    int k = 0;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, name)) {
            xmlChar *c = xmlNodeGetContent(n);
            if (!text || (c && strstr((const char *)c, text)))
                k++;
            xmlFree(c);
        }
        k += count(n->children, name, text);
    }
    return k;
}

/* role="img", named by the <title>, described by the <desc>, both with the given text. */
static void expect_accessible(xmlDocPtr doc, const char *id, const char *title, const char *desc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    char *role = attr(root, "role"), *lab = attr(root, "aria-labelledby"),
         *des = attr(root, "aria-describedby");
    assert_non_null(role);
    assert_string_equal(role, "img");
    char want[128];
    snprintf(want, sizeof want, "%s-title", id);
    assert_non_null(lab);
    assert_string_equal(lab, want);
    xmlNodePtr t = by_id(root->children, want);
    assert_non_null(t);
    assert_string_equal((const char *)t->name, "title");
    xmlChar *tc = xmlNodeGetContent(t);
    assert_string_equal((const char *)tc, title);
    xmlFree(tc);
    snprintf(want, sizeof want, "%s-desc", id);
    assert_non_null(des);
    assert_string_equal(des, want);
    xmlNodePtr d = by_id(root->children, want);
    assert_non_null(d);
    assert_string_equal((const char *)d->name, "desc");
    xmlChar *dc = xmlNodeGetContent(d);
    assert_string_equal((const char *)dc, desc);
    xmlFree(dc);
    free(role);
    free(lab);
    free(des);
}

/* No markup from data, no NaN or infinity printed as a coordinate. */
static void expect_clean(const or_sb *sb)
{
    const char *s = or_sb_str(sb);
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "nan"));
    assert_null(strstr(s, "inf"));
    assert_null(strstr(s, "NaN"));
}

static void test_ticks(void **state)
{
    (void)state;
    double t[11], top;
    int n = or_svg_ticks(5.984, 5, t, &top);
    assert_int_equal(n, 4); /* 0 2 4 6 */
    assert_true(fabs(t[1] - 2) < 1e-9 && fabs(top - 6) < 1e-9);
    n = or_svg_ticks(1000, 6, t, &top);
    assert_true(fabs(top - 1000) < 1e-9);
    assert_true(n >= 2 && n <= 7);
    n = or_svg_ticks(0.37, 5, t, &top);
    assert_true(top >= 0.37 && top <= 0.5 + 1e-9);
    /* nothing to show: still a scale, 0 to 1 */
    n = or_svg_ticks(0, 5, t, &top);
    assert_true(n >= 2 && fabs(top - 1) < 1e-9);
    n = or_svg_ticks(NAN, 5, t, &top);
    assert_true(n >= 2 && fabs(top - 1) < 1e-9);
    for (int i = 1; i < n; i++)
        assert_true(t[i] > t[i - 1]);
}

static void test_log_domain(void **state)
{
    (void)state;
    or_svg_ratio_row r[3] = {{"a", true, NULL, 2.43, 1.92, 3.01, true},
                             {"b", false, "c", 0, 0, 0, false},
                             {"c", true, NULL, 0.9, 0.6, 1.3, false}};
    double lo, hi;
    or_svg_log_domain(r, 3, &lo, &hi);
    assert_true(fabs(lo - 0.5) < 1e-9 && fabs(hi - 4) < 1e-9);
    r[0].hi = 500; /* an interval beyond the widest domain is clipped, not followed */
    or_svg_log_domain(r, 3, &lo, &hi);
    assert_true(fabs(hi - 64) < 1e-9);
    or_svg_log_domain(r + 1, 1, &lo, &hi); /* nothing shown: one step either side of 1 */
    assert_true(fabs(lo - 0.5) < 1e-9 && fabs(hi - 2) < 1e-9);
}

static void test_line_chart(void **state)
{
    (void)state;
    double a[3] = {5.15, NAN, 5.22}, b[3] = {2.97, 2.98, NAN};
    const char *years[3] = {"2023/24", "2024/25", hostile};
    or_svg_series s[2] = {{"Suspensions per 100 pupils", a}, {hostile, b}};
    or_svg_line_chart c = {{"trend", "Rates <by> year", hostile}, "Per 100", 3, years, 2, s, 2};
    or_sb sb = OR_SB_INIT;
    or_svg_line(&sb, &c);
    expect_clean(&sb);
    xmlDocPtr doc = parse(&sb);
    expect_accessible(doc, "trend", "Rates <by> year", hostile);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    /* the values shown are written as text; the missing ones are not drawn */
    assert_int_equal(count(root->children, "text", "5.15"), 1);
    assert_int_equal(count(root->children, "text", "5.22"), 1);
    assert_int_equal(count(root->children, "text", "2.98"), 1);
    assert_int_equal(count(root->children, "g", NULL), 4); /* one per shown point */
    /* the hostile legend and axis label arrive as text, not markup */
    assert_int_equal(count(root->children, "script", NULL), 0);
    assert_true(count(root->children, "text", "<script>alert") >= 2);
    /* series told apart by shape: a circle and a square marker in the legend at least */
    assert_true(count(root->children, "circle", NULL) >= 2);
    assert_true(count(root->children, "rect", NULL) >= 2);
    xmlFreeDoc(doc);
    or_sb_release(&sb);
}

/* A theory of change's indicator (toc_figures.c): six terms' labels ("Autumn 2025", 11
 * characters, about 94 px at 14 px, in a 90.7 px band: 544 px / 6) go on two lines; a level
 * line (the baseline, the target) is labelled once, the even series at its first point and
 * the odd at its last, where they were labelled at every point on top of each other. */
static void test_line_levels(void **state)
{
    (void)state;
    double v[6] = {3.75, 1.25, 2.5, 3.82, NAN, NAN}, base[6], target[6];
    for (int i = 0; i < 6; i++) {
        base[i] = 2.5;
        target[i] = 1.8;
    }
    const char *terms[6] = {"Autumn 2025", "Spring 2026", "Summer 2026",
                            "Autumn 2026", "Spring 2027", "Summer 2027"};
    or_svg_series s[3] = {{"Figure for the term", v}, {"Baseline", base}, {"Target", target}};
    or_svg_line_chart c = {
        {"ind", "Indicator", "Term by term"}, "per 100 pupils", 6, terms, 3, s, 2};
    or_sb sb = OR_SB_INIT;
    or_svg_line(&sb, &c);
    xmlDocPtr doc = parse(&sb);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_int_equal(count(root->children, "text", "Autumn 2025"), 0); /* not on one line */
    assert_int_equal(count(root->children, "text", "Autumn"), 2);
    assert_int_equal(count(root->children, "text", "2027"), 2); /* Spring, Summer */
    assert_int_equal(count(root->children, "text", "1.80"), 1); /* once, not six times */
    assert_int_equal(count(root->children, "text", "2.50"), 2); /* the baseline once, and term 3 */
    assert_int_equal(count(root->children, "text", "3.82"), 1);
    xmlFreeDoc(doc);
    or_sb_release(&sb);
}

static void test_ratio_chart(void **state)
{
    (void)state;
    or_svg_ratio_row r[4] = {
        {"Black Caribbean", true, NULL, 1.81, 1.26, 2.61, true},
        {hostile, false, "c (suppressed)", 0, 0, 0, false},
        {"White British", true, NULL, 1.09, 0.81, 1.49, false},
        {"Chinese", false, "z (no ratio)", NAN, NAN, NAN, false},
    };
    or_svg_ratio_chart c = {{"rr", "Risk ratios", "Two shown, two not."}, "Risk ratio", 4, r};
    or_sb sb = OR_SB_INIT;
    or_svg_ratios(&sb, &c);
    expect_clean(&sb);
    xmlDocPtr doc = parse(&sb);
    expect_accessible(doc, "rr", "Risk ratios", "Two shown, two not.");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_int_equal(count(root->children, "text", "1.81 (1.26 to 2.61)"), 1);
    assert_int_equal(count(root->children, "text", "c (suppressed)"), 1);
    assert_int_equal(count(root->children, "text", "z (no ratio)"), 1);
    assert_int_equal(count(root->children, "text", "<script>"), 1);
    /* a group per ratio drawn: the suppressed and the inapplicable ones get none */
    assert_int_equal(count(root->children, "g", NULL), 2);
    assert_int_equal(count(root->children, "title", "Black Caribbean"), 1);
    xmlFreeDoc(doc);
    or_sb_release(&sb);
}

static void test_funnel(void **state)
{
    (void)state;
    or_svg_funnel_point p[5] = {
        {"Bridgewater School", 403, 9.93, OR_SVG_PT_CONCERN, true},
        {"Ivy Lodge School", 72, 6.94, OR_SVG_PT_WATCH, true},
        {hostile, 309, 1.29, OR_SVG_PT_WITHIN, false},
        {"St Mary's CE Primary", 309, 0, OR_SVG_PT_LOW, false},
        {"The Very Long Name Of A Federation Of Schools \xc3\xa9\xc3\xa9 Academy Trust", 150, NAN,
         OR_SVG_PT_CONCERN, true}, /* no value: not drawn */
    };
    or_svg_funnel_chart c = {
        {"funnel", "Funnel plot", "Four schools."}, "Pupils", "Suspended (%)", 0.0298, 4, p};
    or_sb sb = OR_SB_INIT;
    or_svg_funnel(&sb, &c);
    expect_clean(&sb);
    xmlDocPtr doc = parse(&sb);
    expect_accessible(doc, "funnel", "Funnel plot", "Four schools.");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    /* every point has an accessible name; only the labelled ones are written beside it */
    assert_int_equal(count(root->children, "g", NULL), 4 + 1); /* + the clipped limits */
    assert_int_equal(count(root->children, "title", "Bridgewater School: 403 pupils"), 1);
    assert_int_equal(count(root->children, "title", "<script>"), 1);
    assert_int_equal(count(root->children, "text", "Bridgewater School"), 1);
    assert_int_equal(count(root->children, "text", "Ivy Lodge School"), 1);
    assert_int_equal(count(root->children, "text", "<script>"), 0);
    assert_int_equal(count(root->children, "text", "St Mary's"), 0);
    assert_int_equal(count(root->children, "title", "Federation"), 0);
    /* the limits and the LA average are drawn, and named in the legend */
    assert_true(count(root->children, "path", NULL) >= 4);
    assert_int_equal(count(root->children, "text", "LA average (2.98%)"), 1);
    assert_int_equal(count(root->children, "text", "99.8% control limits"), 1);
    xmlFreeDoc(doc);
    or_sb_release(&sb);
}

static void test_long_labels(void **state)
{
    (void)state;
    /* a long school name is cut beside its point (at a character, with an ellipsis) but whole
     * in its accessible name */
    const char *name = "The Very Long Name Of A Federation Of Schools \xc3\xa9\xc3\xa9\xc3\xa9 "
                       "Academy Trust";
    or_svg_funnel_point p = {name, 150, 20, OR_SVG_PT_CONCERN, true};
    or_svg_funnel_chart c = {{"f", "F", "D"}, "x", "y", 0.03, 1, &p};
    or_sb sb = OR_SB_INIT;
    or_svg_funnel(&sb, &c);
    xmlDocPtr doc = parse(&sb);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_int_equal(count(root->children, "title", name), 1);
    assert_int_equal(count(root->children, "text", name), 0);
    assert_int_equal(
        count(root->children, "text", "The Very Long Name Of A Federation\xe2\x80\xa6"), 1);
    xmlFreeDoc(doc);
    /* a ratio chart widens its label column for long labels: nothing drawn left of 0 */
    or_sb_reset(&sb);
    or_svg_ratio_row r = {
        "Not known to be eligible for free school meals", true, NULL, 0.37, 0.29, 0.48, true};
    or_svg_ratio_chart rc = {{"r", "R", "D"}, "x", 1, &r};
    or_svg_ratios(&sb, &rc);
    assert_null(strstr(or_sb_str(&sb), "x=\"-"));
    xmlFreeDoc(parse(&sb));
    or_sb_release(&sb);
}

static void test_empty_charts(void **state)
{
    (void)state;
    /* nothing to draw still makes a well-formed, named image */
    or_sb sb = OR_SB_INIT;
    or_svg_line_chart lc = {{"e1", "Empty", "No data."}, "", 0, NULL, 0, NULL, 2};
    or_svg_line(&sb, &lc);
    expect_clean(&sb);
    xmlFreeDoc(parse(&sb));
    or_sb_reset(&sb);
    or_svg_ratio_chart rc = {{"e2", "Empty", "No data."}, "", 0, NULL};
    or_svg_ratios(&sb, &rc);
    expect_clean(&sb);
    xmlFreeDoc(parse(&sb));
    or_sb_reset(&sb);
    or_svg_funnel_chart fc = {{"e3", "Empty", "No data."}, "", "", 0, 0, NULL};
    or_svg_funnel(&sb, &fc);
    expect_clean(&sb);
    xmlFreeDoc(parse(&sb));
    or_sb_release(&sb);
}

/* ---- no two texts overlap (boxes estimated as tests/e2e/svg_text_boxes.py does: font size x
 * characters x 0.6 wide, one font size tall above the baseline) ---- */

typedef struct {
    double x0, y0, x1, y1;
    char *text;
} tbox;

static int collect_boxes(xmlNodePtr n, tbox *out, int k, int max)
{
    for (; n && k < max; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "text")) {
            char *x = attr(n, "x"), *y = attr(n, "y"), *fs = attr(n, "font-size"),
                 *an = attr(n, "text-anchor");
            xmlChar *c = xmlNodeGetContent(n);
            if (x && y && fs && c && *c) {
                size_t chars = 0;
                for (const xmlChar *p = c; *p; p++)
                    chars += (*p & 0xC0) != 0x80;
                double size = atof(fs), w = size * 0.6 * (double)chars, bx = atof(x);
                double x0 = an && !strcmp(an, "end")      ? bx - w
                            : an && !strcmp(an, "middle") ? bx - w / 2
                                                          : bx;
                out[k++] = (tbox){x0, atof(y) - size, x0 + w, atof(y), strdup((const char *)c)};
            }
            xmlFree(c);
            free(x);
            free(y);
            free(fs);
            free(an);
        }
        k = collect_boxes(n->children, out, k, max);
    }
    return k;
}

/* The pairs of overlapping texts (printed) */
static int overlaps(xmlDocPtr doc)
{
    enum { MAX = 512 };
    tbox *b = calloc(MAX, sizeof *b);
    assert_non_null(b);
    int n = collect_boxes(xmlDocGetRootElement(doc)->children, b, 0, MAX), bad = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (b[i].x0 < b[j].x1 && b[j].x0 < b[i].x1 && b[i].y0 < b[j].y1 && b[j].y0 < b[i].y1) {
                print_message("overlap: '%s' and '%s'\n", b[i].text, b[j].text);
                bad++;
            }
    for (int i = 0; i < n; i++)
        free(b[i].text);
    free(b);
    return bad;
}

/* <text> elements with font-weight 700: the numbers on the dots */
static int count_bold(xmlNodePtr n)
{
    int k = 0;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        char *w = attr(n, "font-weight");
        k += !strcmp((const char *)n->name, "text") && w && !strcmp(w, "700");
        free(w);
        k += count_bold(n->children);
    }
    return k;
}

static void test_funnel_crowded(void **state)
{
    (void)state;
    /* 30 schools of concern crowded into one corner, and as many hidden: each gets its number
     * clear of every other text, the key names them all, the hidden ones are drawn in the strip */
    enum { N = 60 };
    or_svg_funnel_point p[N];
    char names[N][48];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "School %d in a crowded corner", i + 1);
        bool hid = i >= 30;
        p[i] = (or_svg_funnel_point){names[i], 100 + (i % 10) * 3, hid ? NAN : 20 + (i % 7) * 0.4,
                                     hid ? OR_SVG_PT_HIDDEN : OR_SVG_PT_CONCERN, !hid};
    }
    or_svg_funnel_chart c = {
        {"crowd", "Crowded", "Many schools."}, "Pupils", "Suspended (%)", 0.05, N, p};
    or_sb sb = OR_SB_INIT;
    or_svg_funnel_named(&sb, &c, "Group average");
    expect_clean(&sb);
    xmlDocPtr doc = parse(&sb);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_int_equal(overlaps(doc), 0);
    /* every point drawn: 60 groups and the clipped limits */
    assert_int_equal(count(root->children, "g", NULL), N + 1);
    assert_int_equal(count(root->children, "title", "rate not published"), 30);
    assert_int_equal(
        count(root->children, "text", "Rate not published (small numbers): 30 schools"), 1);
    assert_int_equal(count(root->children, "text", "Group average (5.00%)"), 1);
    /* the key: every labelled school once, and its number on the plot and in the key */
    assert_int_equal(count(root->children, "text", "School 1 in a crowded corner"), 1);
    assert_int_equal(count(root->children, "text", "School 30 in a crowded corner"), 1);
    assert_int_equal(count(root->children, "text", "School 31 in"), 0);
    assert_int_equal(count_bold(root->children), 30); /* every one numbered on the plot */
    xmlFreeDoc(doc);
    or_sb_release(&sb);
}

static void test_curve(void **state)
{
    (void)state;
    or_svg_curve_point p[3] = {{"Hill Top", 15.5, 38.5}, {hostile, 60, 90}, {"Rest", 100, 100}};
    or_svg_curve_chart c = {{"conc", "Concentration", "Three steps."},
                            "Pupils (%)",
                            "Suspensions (%)",
                            "Schools",
                            3,
                            p};
    or_sb sb = OR_SB_INIT;
    or_svg_curve(&sb, &c);
    expect_clean(&sb);
    xmlDocPtr doc = parse(&sb);
    expect_accessible(doc, "conc", "Concentration", "Three steps.");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_int_equal(
        count(root->children, "title", "Hill Top: 15.5% of pupils, 38.5% of suspensions"), 1);
    assert_int_equal(count(root->children, "title", "<script>"), 1);
    assert_int_equal(count(root->children, "text", "Equal shares"), 1);
    assert_int_equal(overlaps(doc), 0);
    xmlFreeDoc(doc);
    or_sb_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticks),       cmocka_unit_test(test_log_domain),
        cmocka_unit_test(test_line_chart),  cmocka_unit_test(test_line_levels),
        cmocka_unit_test(test_ratio_chart), cmocka_unit_test(test_funnel),
        cmocka_unit_test(test_long_labels), cmocka_unit_test(test_funnel_crowded),
        cmocka_unit_test(test_curve),       cmocka_unit_test(test_empty_charts),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
