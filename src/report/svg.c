/* svg.c - accessible SVG charts (svg.h): a line chart over the years, ratios with their
 * confidence intervals, a funnel plot (numbered dots placed clear of every other text, and a
 * key) and a concentration curve. The markup is the program's own; every piece of data text
 * goes through html_text/html_attr, and numbers are printed with or_sb_addf. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/stats.h"
#include "onroll/svg.h"
#include "html/html.h"

/* GOV.UK colours, each at least 3:1 against white (text: 4.5:1). */
#define C_TEXT  "#0b0c0c"
#define C_GREY  "#505a5f"
#define C_GRID  "#b1b4b6"
#define C_BAND  "#f3f2f1"
#define C_BLUE  "#1d70b8"
#define C_RED   "#d4351c"
#define C_GREEN "#00703c"

typedef enum { M_CIRCLE, M_SQUARE, M_TRIANGLE, M_DIAMOND } marker_shape;

static void num(or_sb *o, double v, int decimals)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    if (!strcmp(buf, "-0") || !strcmp(buf, "-0.0") || !strcmp(buf, "-0.00"))
        memmove(buf, buf + 1, strlen(buf));
    or_sb_adds(o, buf);
}

static void open_svg(or_sb *o, const or_svg_meta *m, int w, int h)
{
    html_raw(o, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ");
    or_sb_addf(o, "%d %d\" width=\"%d\" height=\"%d\"", w, h, w, h);
    html_printf(o, " aria-labelledby=\"%s-title\" aria-describedby=\"%s-desc\">\n", m->id, m->id);
    html_printf(o, "<title id=\"%s-title\">%s</title>\n", m->id, m->title ? m->title : "");
    html_printf(o, "<desc id=\"%s-desc\">%s</desc>\n", m->id, m->desc ? m->desc : "");
}

static void close_svg(or_sb *o)
{
    html_raw(o, "</svg>\n");
}

/* <text> at (x, y) with an anchor ("start", "middle", "end") and a size in px. */
static void text_at(or_sb *o, double x, double y, const char *anchor, int size, const char *fill,
                    const char *s)
{
    or_sb_addf(o, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\"", x, y, size);
    html_printf(o, " text-anchor=\"%s\" fill=\"%s\">%s</text>\n", anchor, fill, s);
}

static void line_at(or_sb *o, double x1, double y1, double x2, double y2, const char *stroke,
                    double width, const char *dash)
{
    or_sb_addf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"%.1f\"", x1,
               y1, x2, y2, width);
    html_printf(o, " stroke=\"%s\"", stroke);
    if (dash && *dash)
        html_printf(o, " stroke-dasharray=\"%s\"", dash);
    html_raw(o, "/>\n");
}

static void marker(or_sb *o, marker_shape m, double x, double y, double r, const char *fill,
                   const char *stroke)
{
    switch (m) {
    case M_CIRCLE:
        or_sb_addf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", x, y, r);
        break;
    case M_SQUARE:
        or_sb_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", x - r, y - r,
                   2 * r, 2 * r);
        break;
    case M_TRIANGLE:
        or_sb_addf(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"", x, y - 1.3 * r, x + 1.2 * r,
                   y + 0.9 * r, x - 1.2 * r, y + 0.9 * r);
        break;
    case M_DIAMOND:
        or_sb_addf(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"", x, y - 1.3 * r,
                   x + 1.3 * r, y, x, y + 1.3 * r, x - 1.3 * r, y);
        break;
    }
    html_printf(o, " fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>\n", fill, stroke);
}

int or_svg_ticks(double max, int max_ticks, double *ticks, double *top)
{
    if (max_ticks < 2)
        max_ticks = 2;
    if (max_ticks > 10)
        max_ticks = 10;
    if (!(max > 0) || !isfinite(max))
        max = 1;
    double raw = max / max_ticks, mag = pow(10, floor(log10(raw))), norm = raw / mag;
    double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
    int n = (int)ceil(max / step - 1e-9);
    if (n < 1)
        n = 1;
    if (n > max_ticks)
        n = max_ticks;
    for (int i = 0; i <= n; i++)
        ticks[i] = i * step;
    *top = n * step;
    return n + 1;
}

/* Decimals enough to tell ticks apart. */
static int tick_decimals(const double *ticks, int n)
{
    double step = n > 1 ? ticks[1] - ticks[0] : 1;
    return step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
}

/* ---- line chart ---- */

static const char *const series_colour[OR_SVG_MAX_SERIES] = {C_BLUE, C_RED, C_TEXT, C_GREEN};
static const char *const series_dash[OR_SVG_MAX_SERIES] = {"", "8 5", "2 4", "10 4 2 4"};
static const marker_shape series_marker[OR_SVG_MAX_SERIES] = {M_CIRCLE, M_SQUARE, M_TRIANGLE,
                                                              M_DIAMOND};

void or_svg_line(or_sb *o, const or_svg_line_chart *c)
{
    int ns = c->nseries < 0 ? 0 : c->nseries > OR_SVG_MAX_SERIES ? OR_SVG_MAX_SERIES : c->nseries;
    int np = c->npoints < 0 ? 0 : c->npoints;
    const double L = 72, R = 616, T = 24, B = 244;
    double band = np ? (R - L) / np : R - L;
    /* many points (a trend over many years): every every-th label, the last always; a label
       wider than its band (about 8.5 px a character at 14 px: "Autumn 2025") goes on two lines,
       split at its last space, and the key moves down a line */
    int every = band >= 64 ? 1 : (int)ceil(64 / band);
    bool two_lines = false;
    for (int i = 0; i < np; i++) {
        const char *lab = c->x_labels[i] ? c->x_labels[i] : "";
        two_lines |= strchr(lab, ' ') && strlen(lab) * 8.5 > band * every - 6;
    }
    double key = B + 48 + (two_lines ? 14 : 0);
    int w = 640, h = (int)key + 8 + ns * 24;
    double max = 0;
    for (int s = 0; s < ns; s++)
        for (int i = 0; i < np; i++)
            if (isfinite(c->series[s].values[i]) && c->series[s].values[i] > max)
                max = c->series[s].values[i];
    double ticks[11], top;
    int nt = or_svg_ticks(max * 1.1, 5, ticks, &top);
    int td = tick_decimals(ticks, nt);
    open_svg(o, &c->meta, w, h);
    for (int i = 0; i < nt; i++) {
        double y = B - ticks[i] / top * (B - T);
        line_at(o, L, y, R, y, i ? C_GRID : C_TEXT, 1, NULL);
        or_sb_addf(o,
                   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" text-anchor=\"end\" fill=\"%s\">",
                   L - 8, y + 5, C_TEXT);
        num(o, ticks[i], td);
        html_raw(o, "</text>\n");
    }
    or_sb_addf(o, "<text transform=\"translate(18 %.1f) rotate(-90)\" font-size=\"14\"",
               (T + B) / 2);
    html_printf(o, " text-anchor=\"middle\" fill=\"%s\">%s</text>\n", C_TEXT,
                c->y_label ? c->y_label : "");
    for (int i = 0; i < np; i++) {
        const char *lab = c->x_labels[i] ? c->x_labels[i] : "";
        const char *sp = strrchr(lab, ' ');
        if ((np - 1 - i) % every)
            continue;
        if (two_lines && sp) {
            char first[64];
            snprintf(first, sizeof first, "%.*s", (int)(sp - lab), lab);
            text_at(o, L + (i + 0.5) * band, B + 18, "middle", 14, C_TEXT, first);
            text_at(o, L + (i + 0.5) * band, B + 34, "middle", 14, C_TEXT, sp + 1);
        } else {
            text_at(o, L + (i + 0.5) * band, B + 22, "middle", 14, C_TEXT, lab);
        }
    }
    for (int s = 0; s < ns; s++) {
        const double *v = c->series[s].values;
        or_sb path = OR_SB_INIT;
        bool pen = false;
        for (int i = 0; i < np; i++) {
            if (!isfinite(v[i])) {
                pen = false;
                continue;
            }
            or_sb_addf(&path, "%c%.1f %.1f", pen ? 'L' : 'M', L + (i + 0.5) * band,
                       B - v[i] / top * (B - T));
            pen = true;
        }
        if (path.len) {
            html_printf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"3\"",
                        series_colour[s]);
            if (*series_dash[s])
                html_printf(o, " stroke-dasharray=\"%s\"", series_dash[s]);
            html_printf(o, " d=\"%s\"/>\n", or_sb_str(&path));
        }
        or_sb_release(&path);
        /* a level line (every value the same: a baseline, a target) is labelled once, at its
           first point (even series) or its last (odd ones), so two level lines' labels stay
           apart */
        int first = -1, last = -1;
        bool level = true;
        for (int i = 0; i < np; i++)
            if (isfinite(v[i])) {
                level &= first < 0 || v[i] == v[first];
                last = i;
                if (first < 0)
                    first = i;
            }
        level &= first >= 0 && last > first;
        for (int i = 0; i < np; i++) {
            if (!isfinite(v[i]))
                continue;
            double x = L + (i + 0.5) * band, y = B - v[i] / top * (B - T);
            char val[64];
            snprintf(val, sizeof val, "%.*f", c->decimals < 0 ? 2 : c->decimals, v[i]);
            html_printf(o, "<g><title>%s, %s: %s</title>\n", c->series[s].name,
                        c->x_labels[i] ? c->x_labels[i] : "", val);
            marker(o, series_marker[s], x, y, 5, series_colour[s], series_colour[s]);
            html_raw(o, "</g>\n");
            /* even series label above the point, odd ones below: close lines stay readable;
               none when decimals < 0 (too many points: the table beside gives them) */
            if (c->decimals >= 0 && (!level || i == (s % 2 ? last : first)))
                text_at(o, level && s % 2 ? x - 8 : x + 8, s % 2 ? y + 20 : y - 10,
                        level && s % 2 ? "end" : "start", 13, C_TEXT, val);
        }
    }
    for (int s = 0; s < ns; s++) {
        double y = key + s * 24;
        line_at(o, L, y, L + 36, y, series_colour[s], 3, series_dash[s]);
        marker(o, series_marker[s], L + 18, y, 5, series_colour[s], series_colour[s]);
        text_at(o, L + 46, y + 5, "start", 14, C_TEXT, c->series[s].name ? c->series[s].name : "");
    }
    close_svg(o);
}

/* ---- ratios ---- */

#define LOG_MIN (1.0 / 64)
#define LOG_MAX 64.0

void or_svg_log_domain(const or_svg_ratio_row *rows, int n, double *lo, double *hi)
{
    double a = 1, b = 1;
    for (int i = 0; i < n; i++) {
        if (!rows[i].shown)
            continue;
        double vs[3] = {rows[i].ratio, rows[i].lo, rows[i].hi};
        for (int k = 0; k < 3; k++) {
            if (!(vs[k] > 0) || !isfinite(vs[k]))
                continue;
            if (vs[k] < a)
                a = vs[k];
            if (vs[k] > b)
                b = vs[k];
        }
    }
    double l = pow(2, floor(log2(a) + 1e-9)), h = pow(2, ceil(log2(b) - 1e-9));
    if (l > 0.5)
        l = 0.5; /* at least one step either side of 1 */
    if (h < 2)
        h = 2;
    *lo = l < LOG_MIN ? LOG_MIN : l;
    *hi = h > LOG_MAX ? LOG_MAX : h;
}

static void log_tick_label(double v, char *buf, size_t size)
{
    if (v >= 0.1)
        snprintf(buf, size, "%g", v);
    else
        snprintf(buf, size, "1/%.0f", 1 / v);
}

void or_svg_ratios(or_sb *o, const or_svg_ratio_chart *c)
{
    int n = c->nrows < 0 ? 0 : c->nrows;
    /* the label column fits the longest label (about 7 px a character at 13 px) */
    size_t longest = 0;
    for (int i = 0; i < n; i++)
        if (c->rows[i].label && strlen(c->rows[i].label) > longest)
            longest = strlen(c->rows[i].label);
    double L = 20 + 7.0 * (double)longest;
    L = L < 160 ? 160 : L > 420 ? 420 : L;
    const double R = L + 290, T = 66, rowh = 30;
    double B = T + n * rowh;
    int w = (int)(R + 210), h = (int)(B + 64);
    if (w < 760)
        w = 760; /* the legend's width */
    double lo, hi;
    or_svg_log_domain(c->rows, n, &lo, &hi);
    double l2 = log2(lo), span = log2(hi) - l2;
#define XOF(v) (L + (log2(v) - l2) / span * (R - L))
    open_svg(o, &c->meta, w, h);
    /* legend */
    marker(o, M_DIAMOND, 12, 18, 6, C_BLUE, C_TEXT);
    text_at(o, 26, 23, "start", 13, C_TEXT, "interval excludes 1 (statistically significant)");
    /* the second item clear of the first one's text (13 px, about 0.6 of that a character) */
    marker(o, M_CIRCLE, 424, 18, 5, "#ffffff", C_TEXT);
    text_at(o, 436, 23, "start", 13, C_TEXT, "interval includes 1");
    line_at(o, 6, 44, 46, 44, C_TEXT, 2, NULL);
    line_at(o, 6, 38, 6, 50, C_TEXT, 2, NULL);
    line_at(o, 46, 38, 46, 50, C_TEXT, 2, NULL);
    text_at(o, 54, 49, "start", 13, C_TEXT, "95% confidence interval");
    for (int i = 0; i < n; i++) {
        if (i % 2 == 0)
            or_sb_addf(
                o, "<rect x=\"0\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"" C_BAND "\"/>\n",
                T + i * rowh, w, rowh);
    }
    /* ticks: every power of 2 (every other one when there are many) */
    int nlog = (int)lround(span), every = nlog > 8 ? 2 : 1;
    for (int k = 0; k <= nlog; k += every) {
        double v = lo * pow(2, k), x = XOF(v);
        line_at(o, x, T, x, B, C_GRID, 1, NULL);
        char lab[32];
        log_tick_label(v, lab, sizeof lab);
        text_at(o, x, B + 20, "middle", 13, C_TEXT, lab);
    }
    line_at(o, XOF(1.0), T - 6, XOF(1.0), B + 4, C_TEXT, 2, NULL);
    text_at(o, (L + R) / 2, B + 44, "middle", 14, C_TEXT, c->x_label ? c->x_label : "");
    for (int i = 0; i < n; i++) {
        const or_svg_ratio_row *r = &c->rows[i];
        double y = T + i * rowh + rowh / 2;
        text_at(o, L - 10, y + 5, "end", 13, C_TEXT, r->label ? r->label : "");
        char val[96];
        if (!r->shown || !(r->ratio > 0) || !(r->lo > 0) || !(r->hi > 0) || !isfinite(r->ratio) ||
            !isfinite(r->lo) || !isfinite(r->hi)) {
            snprintf(val, sizeof val, "%s", r->note ? r->note : "");
            text_at(o, R + 12, y + 5, "start", 13, C_GREY, val);
            continue;
        }
        snprintf(val, sizeof val, "%.2f (%.2f to %.2f)", r->ratio, r->lo, r->hi);
        double a = r->lo < lo ? lo : r->lo, b = r->hi > hi ? hi : r->hi;
        double xa = XOF(a), xb = XOF(b);
        html_printf(o, "<g><title>%s: %s</title>\n", r->label ? r->label : "", val);
        line_at(o, xa, y, xb, y, C_TEXT, 2, NULL);
        if (r->lo < lo) /* clipped: an arrow instead of a cap */
            or_sb_addf(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"" C_TEXT "\"/>\n", xa,
                       y, xa + 7, y - 5, xa + 7, y + 5);
        else
            line_at(o, xa, y - 6, xa, y + 6, C_TEXT, 2, NULL);
        if (r->hi > hi)
            or_sb_addf(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"" C_TEXT "\"/>\n", xb,
                       y, xb - 7, y - 5, xb - 7, y + 5);
        else
            line_at(o, xb, y - 6, xb, y + 6, C_TEXT, 2, NULL);
        double rv = r->ratio < lo ? lo : r->ratio > hi ? hi : r->ratio;
        if (r->significant)
            marker(o, M_DIAMOND, XOF(rv), y, 6, C_BLUE, C_TEXT);
        else
            marker(o, M_CIRCLE, XOF(rv), y, 5, "#ffffff", C_TEXT);
        html_raw(o, "</g>\n");
        text_at(o, R + 12, y + 5, "start", 13, C_TEXT, val);
    }
#undef XOF
    close_svg(o);
}

/* ---- funnel plot ---- */

static void limit_path(or_sb *o, double p, double z, bool upper, double nmax, double L, double R,
                       double T, double B, double top, const char *stroke, const char *dash)
{
    or_sb d = OR_SB_INIT;
    const int K = 160;
    for (int k = 1; k <= K; k++) {
        double t = (double)k / K, n = nmax * t * t; /* denser where the curve bends */
        if (n < 1)
            continue;
        double half = z * sqrt(p * (1 - p) / n), v = upper ? p + half : p - half;
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        double pct = v * 100;
        if (pct > top)
            pct = top * 1.02; /* just above the plot: clipped */
        or_sb_addf(&d, "%c%.1f %.1f", d.len ? 'L' : 'M', L + n / nmax * (R - L),
                   B - pct / top * (B - T));
    }
    html_printf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\"", stroke);
    if (dash && *dash)
        html_printf(o, " stroke-dasharray=\"%s\"", dash);
    html_printf(o, " d=\"%s\"/>\n", or_sb_str(&d));
    or_sb_release(&d);
}

/* A label cut to about max characters (at a UTF-8 character boundary) with an ellipsis: the
 * point's <title> keeps the whole name. */
static void short_label(const char *s, char *out, size_t size, size_t max)
{
    size_t n = strlen(s), chars = 0, i = 0;
    while (i < n && chars < max) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (i >= n || i + 4 > size)
        snprintf(out, size, "%s", s);
    else
        snprintf(out, size, "%.*s\u2026", (int)i, s);
}

/* ---- where text goes: boxes estimated as the tests do (font size x characters x 0.6 wide,
 * one font size tall above the baseline), so that no two texts of a chart overlap ---- */

typedef struct {
    double x0, y0, x1, y1;
} box;

typedef struct {
    box *b;
    int n, cap;
} boxes;

static size_t utf8_chars(const char *s)
{
    size_t k = 0;
    for (; *s; s++)
        k += ((unsigned char)*s & 0xC0) != 0x80;
    return k;
}

static box text_box(double x, double y, const char *anchor, int size, const char *s)
{
    double w = (double)size * 0.6 * (double)utf8_chars(s);
    double x0 = !strcmp(anchor, "end") ? x - w : !strcmp(anchor, "middle") ? x - w / 2 : x;
    return (box){x0, y - size, x0 + w, y};
}

static bool boxes_meet(box a, box b, double pad)
{
    return a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;
}

static void boxes_add(boxes *bs, box b)
{
    if (bs->n == bs->cap) {
        int cap = bs->cap ? 2 * bs->cap : 64;
        box *nb = realloc(bs->b, (size_t)cap * sizeof *nb);
        if (!nb)
            return; /* out of memory: the box is not remembered, the text is still drawn */
        bs->b = nb;
        bs->cap = cap;
    }
    bs->b[bs->n++] = b;
}

static bool boxes_free(const boxes *bs, box b, double pad)
{
    for (int i = 0; i < bs->n; i++)
        if (boxes_meet(bs->b[i], b, pad))
            return false;
    return true;
}

/* text_at, remembering the text's box */
static void text_kept(or_sb *o, boxes *bs, double x, double y, const char *anchor, int size,
                      const char *fill, const char *s)
{
    text_at(o, x, y, anchor, size, fill, s);
    boxes_add(bs, text_box(x, y, anchor, size, s));
}

static void num_text_kept(or_sb *o, boxes *bs, double x, double y, const char *anchor, int size,
                          double v, int decimals, const char *suffix)
{
    char buf[80];
    or_sb t = OR_SB_INIT;
    num(&t, v, decimals);
    snprintf(buf, sizeof buf, "%s%s", or_sb_str(&t), suffix);
    or_sb_release(&t);
    text_kept(o, bs, x, y, anchor, size, C_TEXT, buf);
}

/* A place for a short text (size px, chars characters) near (px, py) inside [l, r] x [t, b],
 * clear of every kept box and marker: the nearest of rings of positions around the point,
 * then a scan of the whole area. false when there is none. */
static bool place_near(const boxes *texts, const boxes *marks, double px, double py, int size,
                       size_t chars, double l, double r, double t, double b, double *tx, double *ty)
{
    double w = (double)size * 0.6 * (double)chars, h = size;
    static const double radius[] = {9, 14, 20, 28, 38, 50, 66, 86, 110};
    for (size_t k = 0; k < sizeof radius / sizeof radius[0]; k++)
        for (int d = 0; d < 16; d++) {
            double a = d * 3.14159265358979 / 8;
            /* the box's centre on the ring, the box clear of the dot */
            double cx = px + cos(a) * (radius[k] + w / 2), cy = py - sin(a) * (radius[k] + h / 2);
            box bx = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
            if (bx.x0 < l || bx.x1 > r || bx.y0 < t || bx.y1 > b)
                continue;
            if (boxes_free(texts, bx, 2) && boxes_free(marks, bx, 1)) {
                *tx = bx.x0;
                *ty = bx.y1;
                return true;
            }
        }
    for (double y = t + h; y <= b; y += 4)
        for (double x = l; x + w <= r; x += 4) {
            box bx = {x, y - h, x + w, y};
            if (boxes_free(texts, bx, 2) && boxes_free(marks, bx, 1)) {
                *tx = x;
                *ty = y;
                return true;
            }
        }
    return false;
}

static const struct {
    marker_shape shape;
    const char *fill, *stroke, *name;
} point_style[] = {
    [OR_SVG_PT_WITHIN] = {M_CIRCLE, "#ffffff", C_TEXT, "within the limits"},
    [OR_SVG_PT_WATCH] = {M_SQUARE, C_BLUE, C_TEXT, "watch (above 95%)"},
    [OR_SVG_PT_CONCERN] = {M_TRIANGLE, C_RED, C_TEXT, "of concern (above 99.8%)"},
    [OR_SVG_PT_LOW] = {M_DIAMOND, "#ffffff", C_GREY, "below the 95% limit"},
    [OR_SVG_PT_HIDDEN] = {M_CIRCLE, C_BAND, C_GREY, "rate not published"},
};

void or_svg_funnel(or_sb *o, const or_svg_funnel_chart *c)
{
    or_svg_funnel_named(o, c, NULL);
}

void or_svg_funnel_named(or_sb *o, const or_svg_funnel_chart *c, const char *p_name)
{
    int n = c->npoints < 0 ? 0 : c->npoints;
    const double L = 72, R = 520, T = 20, B = 380;
    const double lx = 548; /* the legend and the key */
    int nhidden = 0, nkey = 0;
    double p = !isfinite(c->p) || c->p < 0 ? 0 : c->p > 1 ? 1 : c->p;
    double nmax = 0, ymax = p * 100 * 2;
    for (int i = 0; i < n; i++) {
        const or_svg_funnel_point *pt = &c->points[i];
        if (!(pt->n > 0))
            continue;
        if (pt->n > nmax)
            nmax = pt->n;
        if (pt->cls == OR_SVG_PT_HIDDEN) {
            nhidden++;
            continue;
        }
        if (isfinite(pt->pct) && pt->pct > ymax)
            ymax = pt->pct;
        nkey += pt->labelled && pt->label;
    }
    if (!(ymax > 0))
        ymax = 1;
    const double strip = B + 84; /* the hidden points' strip */
    double bottom = nhidden ? strip + 34 : B + 60;
    double key_top = 32 + 86 + 5 * 26 + 16;
    double key_bottom = nkey ? key_top + 22 + nkey * 20 : 0;
    int w = 830, h = (int)ceil(bottom > key_bottom + 10 ? bottom : key_bottom + 10);
    double xt[11], xtop, yt[11], ytop;
    int nxt = or_svg_ticks(nmax * 1.05, 6, xt, &xtop);
    int nyt = or_svg_ticks(ymax * 1.05 > 100 ? 100 : ymax * 1.05, 6, yt, &ytop);
    int yd = tick_decimals(yt, nyt);
    boxes texts = {0}, marks = {0};
    open_svg(o, &c->meta, w, h);
    for (int i = 0; i < nyt; i++) {
        double y = B - yt[i] / ytop * (B - T);
        line_at(o, L, y, R, y, i ? C_GRID : C_TEXT, 1, NULL);
        num_text_kept(o, &texts, L - 8, y + 5, "end", 13, yt[i], yd, "%");
    }
    for (int i = 0; i < nxt; i++) {
        double x = L + xt[i] / xtop * (R - L);
        line_at(o, x, B, x, B + 6, C_TEXT, 1, NULL);
        num_text_kept(o, &texts, x, B + 22, "middle", 13, xt[i], 0, "");
    }
    line_at(o, L, T, L, B, C_TEXT, 1, NULL);
    text_kept(o, &texts, (L + R) / 2, B + 48, "middle", 14, C_TEXT, c->x_label ? c->x_label : "");
    or_sb_addf(o, "<text transform=\"translate(18 %.1f) rotate(-90)\" font-size=\"14\"",
               (T + B) / 2);
    html_printf(o, " text-anchor=\"middle\" fill=\"%s\">%s</text>\n", C_TEXT,
                c->y_label ? c->y_label : "");
    /* limits, clipped to the plot */
    html_printf(o, "<clipPath id=\"%s-clip\">", c->meta.id);
    or_sb_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/></clipPath>\n", L, T,
               R - L, B - T);
    html_printf(o, "<g clip-path=\"url(#%s-clip)\">\n", c->meta.id);
    double ya = B - p * 100 / ytop * (B - T);
    line_at(o, L, ya, R, ya, C_GREY, 2, NULL);
    if (xtop > 0) {
        limit_path(o, p, OR_Z95, true, xtop, L, R, T, B, ytop, C_BLUE, "7 4");
        limit_path(o, p, OR_Z95, false, xtop, L, R, T, B, ytop, C_BLUE, "7 4");
        limit_path(o, p, OR_Z998, true, xtop, L, R, T, B, ytop, C_RED, "2 3");
        limit_path(o, p, OR_Z998, false, xtop, L, R, T, B, ytop, C_RED, "2 3");
    }
    html_raw(o, "</g>\n");
    /* the strip of schools whose rate is not published */
    if (nhidden) {
        line_at(o, L, strip, R, strip, C_GRID, 1, NULL);
        char what[96];
        snprintf(what, sizeof what, "Rate not published (small numbers): %d school%s", nhidden,
                 nhidden == 1 ? "" : "s");
        text_kept(o, &texts, L, strip + 26, "start", 13, C_TEXT, what);
    }
    /* points: the ones of interest last, on top */
    for (int pass = 0; pass < 3; pass++)
        for (int i = 0; i < n; i++) {
            const or_svg_funnel_point *pt = &c->points[i];
            bool hot = pt->cls == OR_SVG_PT_WATCH || pt->cls == OR_SVG_PT_CONCERN;
            bool hid = pt->cls == OR_SVG_PT_HIDDEN;
            if ((pass == 0) != hid || (pass == 2) != hot || !(pt->n > 0) ||
                (!hid && !isfinite(pt->pct)))
                continue;
            int cls = pt->cls >= OR_SVG_PT_WITHIN && pt->cls <= OR_SVG_PT_HIDDEN ? (int)pt->cls : 0;
            double x = L + pt->n / xtop * (R - L), y = hid ? strip : B - pt->pct / ytop * (B - T);
            char what[64];
            if (hid)
                snprintf(what, sizeof what, ": %.0f pupils, ", pt->n);
            else
                snprintf(what, sizeof what, ": %.0f pupils, %.2f%%, ", pt->n, pt->pct);
            html_printf(o, "<g><title>%s%s%s</title>\n", pt->label ? pt->label : "", what,
                        point_style[cls].name);
            marker(o, point_style[cls].shape, x, y, 5, point_style[cls].fill,
                   point_style[cls].stroke);
            html_raw(o, "</g>\n");
            boxes_add(&marks, (box){x - 6.5, y - 6.5, x + 6.5, y + 6.5});
        }
    /* legend */
    char avg[96];
    snprintf(avg, sizeof avg, "%.60s (%.2f%%)", p_name ? p_name : "LA average", p * 100);
    double ly = 32;
    line_at(o, lx, ly, lx + 32, ly, C_GREY, 2, NULL);
    text_kept(o, &texts, lx + 40, ly + 5, "start", 13, C_TEXT, avg);
    line_at(o, lx, ly + 26, lx + 32, ly + 26, C_BLUE, 2, "7 4");
    text_kept(o, &texts, lx + 40, ly + 31, "start", 13, C_TEXT, "95% control limits");
    line_at(o, lx, ly + 52, lx + 32, ly + 52, C_RED, 2, "2 3");
    text_kept(o, &texts, lx + 40, ly + 57, "start", 13, C_TEXT, "99.8% control limits");
    static const int order[] = {OR_SVG_PT_CONCERN, OR_SVG_PT_WATCH, OR_SVG_PT_WITHIN, OR_SVG_PT_LOW,
                                OR_SVG_PT_HIDDEN};
    for (int k = 0; k < 5; k++) {
        double y = ly + 86 + k * 26;
        marker(o, point_style[order[k]].shape, lx + 16, y, 5, point_style[order[k]].fill,
               point_style[order[k]].stroke);
        text_kept(o, &texts, lx + 40, y + 5, "start", 13, C_TEXT, point_style[order[k]].name);
    }
    /* the key: the labelled points by number, in the order given */
    if (nkey)
        text_kept(o, &texts, lx, key_top + 14, "start", 13, C_TEXT,
                  "Schools numbered on the plot:");
    /* the numbers next to the dots, then the key's lines (the key is outside the plot) */
    int k = 0;
    for (int i = 0; i < n; i++) {
        const or_svg_funnel_point *pt = &c->points[i];
        if (!pt->labelled || !pt->label || !(pt->n > 0) || pt->cls == OR_SVG_PT_HIDDEN ||
            !isfinite(pt->pct))
            continue;
        k++;
        char no[16], shortl[160];
        snprintf(no, sizeof no, "%d", k);
        double x = L + pt->n / xtop * (R - L), y = B - pt->pct / ytop * (B - T), tx, ty;
        if (place_near(&texts, &marks, x, y, 12, strlen(no), L + 2, R - 2, T, B - 2, &tx, &ty)) {
            double cx = tx + 12 * 0.6 * (double)strlen(no) / 2, cy = ty - 6;
            if (hypot(cx - x, cy - y) > 22) /* moved away: a leader line to its dot */
                line_at(o, x, y, cx, cy + (cy > y ? -7 : 3), C_GREY, 1, NULL);
            or_sb_addf(o, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-weight=\"700\"", tx,
                       ty);
            html_printf(o, " text-anchor=\"start\" fill=\"%s\">%s</text>\n", C_TEXT, no);
            boxes_add(&texts, text_box(tx, ty, "start", 12, no));
        }
        double ky = key_top + 22 + k * 20;
        text_kept(o, &texts, lx, ky, "start", 12, C_TEXT, no);
        short_label(pt->label, shortl, sizeof shortl, 34); /* 35 x 7.2 px from lx + 22 */
        text_kept(o, &texts, lx + 22, ky, "start", 12, C_TEXT, shortl);
    }
    free(texts.b);
    free(marks.b);
    close_svg(o);
}

/* ---- concentration curve ---- */

void or_svg_curve(or_sb *o, const or_svg_curve_chart *c)
{
    int n = c->npoints < 0 ? 0 : c->npoints;
    const double L = 72, R = 452, T = 20, B = 400;
    int w = 700, h = 500;
    open_svg(o, &c->meta, w, h);
#define CX(v) (L + (v) / 100 * (R - L))
#define CY(v) (B - (v) / 100 * (B - T))
    for (int i = 0; i <= 5; i++) {
        double v = i * 20.0;
        line_at(o, L, CY(v), R, CY(v), i ? C_GRID : C_TEXT, 1, NULL);
        line_at(o, CX(v), B, CX(v), B + 6, C_TEXT, 1, NULL);
        char lab[16];
        snprintf(lab, sizeof lab, "%d%%", i * 20);
        text_at(o, L - 8, CY(v) + 5, "end", 13, C_TEXT, lab);
        text_at(o, CX(v), B + 22, "middle", 13, C_TEXT, lab);
    }
    line_at(o, L, T, L, B, C_TEXT, 1, NULL);
    text_at(o, (L + R) / 2, B + 48, "middle", 14, C_TEXT, c->x_label ? c->x_label : "");
    or_sb_addf(o, "<text transform=\"translate(18 %.1f) rotate(-90)\" font-size=\"14\"",
               (T + B) / 2);
    html_printf(o, " text-anchor=\"middle\" fill=\"%s\">%s</text>\n", C_TEXT,
                c->y_label ? c->y_label : "");
    line_at(o, L, B, R, T, C_GREY, 2, "7 4");
    or_sb d = OR_SB_INIT;
    or_sb_addf(&d, "M%.1f %.1f", L, B);
    for (int i = 0; i < n; i++) {
        double x = c->points[i].x, y = c->points[i].y;
        if (!isfinite(x) || !isfinite(y))
            continue;
        x = x < 0 ? 0 : x > 100 ? 100 : x;
        y = y < 0 ? 0 : y > 100 ? 100 : y;
        or_sb_addf(&d, "L%.1f %.1f", CX(x), CY(y));
    }
    html_printf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"3\" d=\"%s\"/>\n", C_BLUE,
                or_sb_str(&d));
    or_sb_release(&d);
    for (int i = 0; i < n; i++) {
        double x = c->points[i].x, y = c->points[i].y;
        if (!isfinite(x) || !isfinite(y))
            continue;
        char what[96];
        snprintf(what, sizeof what, ": %.1f%% of pupils, %.1f%% of suspensions", x, y);
        html_printf(o, "<g><title>%s%s</title>\n", c->points[i].label ? c->points[i].label : "",
                    what);
        marker(o, M_CIRCLE, CX(x), CY(y), 3, C_BLUE, C_BLUE);
        html_raw(o, "</g>\n");
    }
    double lx = 476, ly = 40;
    line_at(o, lx, ly, lx + 32, ly, C_BLUE, 3, NULL);
    text_at(o, lx + 40, ly + 5, "start", 13, C_TEXT, c->curve_name ? c->curve_name : "");
    line_at(o, lx, ly + 26, lx + 32, ly + 26, C_GREY, 2, "7 4");
    text_at(o, lx + 40, ly + 31, "start", 13, C_TEXT, "Equal shares");
#undef CX
#undef CY
    close_svg(o);
}
