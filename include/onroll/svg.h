/* svg.h - accessible SVG charts for the reports (the annual scrutiny report, scrutiny.h): a line
 * chart of figures over the years, a dot-and-whisker chart of ratios with their confidence
 * intervals on a log scale, and a funnel plot of schools against the LA.
 *
 * Every chart is inline SVG for an HTML page: role="img" named by its <title> and described by
 * its <desc> (aria-labelledby / aria-describedby), with real <text> labels (axes, values,
 * legend), series told apart by line dash and marker shape as well as colour, and colours of
 * at least 3:1 against white (text 4.5:1). Every piece of text is escaped (html/html.h). Charts
 * are pictures of a table that the page shows next to them: they add no figure of their own.
 * Values that are suppressed or not applicable are passed as "not shown" and never drawn. */
#ifndef ONROLL_SVG_H
#define ONROLL_SVG_H

#include <stdbool.h>

#include "onroll/sb.h"

/* What every chart has: a unique id (the prefix of its elements' ids, letters, digits and
 * '-'), a short title (its accessible name) and a description (the finding in words). */
typedef struct {
    const char *id;
    const char *title;
    const char *desc;
} or_svg_meta;

/* ---- line chart: a few series over a few categories (years) ---- */

#define OR_SVG_MAX_SERIES 4

typedef struct {
    const char *name;     /* for the legend */
    const double *values; /* [npoints]; NAN: no value (suppressed, not applicable) */
} or_svg_series;

typedef struct {
    or_svg_meta meta;
    const char *y_label; /* "per 100 pupils" */
    int npoints;
    const char *const *x_labels; /* [npoints] */
    int nseries;                 /* 1 .. OR_SVG_MAX_SERIES */
    const or_svg_series *series;
    int decimals; /* of the value labels; < 0: no value labels (2 places in the points'
                     titles), for a trend of many years; x labels thin out when crowded */
} or_svg_line_chart;

void or_svg_line(or_sb *out, const or_svg_line_chart *c);

/* ---- ratios with confidence intervals (dot and whisker, log scale, a line at 1) ---- */

typedef struct {
    const char *label;
    bool shown;       /* false: no ratio to draw (suppressed "c", not applicable "z") */
    const char *note; /* when not shown: what the table says instead ("c", "z") */
    double ratio, lo, hi;
    bool significant; /* the interval excludes 1 */
} or_svg_ratio_row;

typedef struct {
    or_svg_meta meta;
    const char *x_label; /* "Risk ratio (log scale)" */
    int nrows;
    const or_svg_ratio_row *rows;
} or_svg_ratio_chart;

void or_svg_ratios(or_sb *out, const or_svg_ratio_chart *c);

/* ---- funnel plot of a proportion against group size ---- */

typedef enum {
    OR_SVG_PT_WITHIN,  /* inside the 95% limits */
    OR_SVG_PT_WATCH,   /* above the 95% upper limit */
    OR_SVG_PT_CONCERN, /* above the 99.8% upper limit */
    OR_SVG_PT_LOW,     /* below the 95% lower limit (or the 99.8% one) */
    OR_SVG_PT_HIDDEN,  /* rate not published (suppressed): drawn at its size in a strip below
                          the plot, never at a rate */
} or_svg_point_class;

typedef struct {
    const char *label; /* the school's name: its accessible name, and drawn when labelled */
    double n;          /* x: headcount (> 0) */
    double pct;        /* y: percentage (0 .. 100) */
    or_svg_point_class cls;
    bool labelled; /* numbered on the chart and named in the key beside it */
} or_svg_funnel_point;

typedef struct {
    or_svg_meta meta;
    const char *x_label, *y_label;
    double p; /* the expected proportion (0 .. 1): the LA's; limits p ± z·√(p(1−p)/n) */
    int npoints;
    const or_svg_funnel_point *points;
} or_svg_funnel_chart;

/* Every point with n > 0 is drawn: a rate at its place, a hidden one in the strip below the
 * axis. Labelled points get a number next to the dot, placed clear of every other text (a
 * greedy pass over positions around the dot, a leader line when it had to move away), and the
 * key beside the plot names them in that order. */
void or_svg_funnel(or_sb *out, const or_svg_funnel_chart *c);
/* The same with p named p_name in the legend ("Group average"; or_svg_funnel: "LA average"). */
void or_svg_funnel_named(or_sb *out, const or_svg_funnel_chart *c, const char *p_name);

/* ---- concentration curve: cumulative share of one thing against another ---- */

typedef struct {
    const char *label; /* the point's accessible name ("Hollybrook Academy") */
    double x, y;       /* cumulative shares, 0 .. 100 */
} or_svg_curve_point;

typedef struct {
    or_svg_meta meta;
    const char *x_label, *y_label;
    const char *curve_name; /* the legend's name of the curve */
    int npoints;            /* from (0, 0), which is not among them */
    const or_svg_curve_point *points;
} or_svg_curve_chart;

/* The curve from (0, 0) through the points, with the line of equal shares. */
void or_svg_curve(or_sb *out, const or_svg_curve_chart *c);

/* ---- scales (exposed for the tests) ---- */

/* "Nice" ticks from 0 to at least max (max > 0): 0, step, 2·step ... with step 1, 2 or 5
 * times a power of ten and at most max_ticks + 1 ticks. Returns the number written to
 * ticks[] (at most max_ticks + 1, max_ticks 2 .. 10); *top = the last tick. */
int or_svg_ticks(double max, int max_ticks, double *ticks, double *top);

/* The log-scale domain of a ratio chart: powers of 2 around every shown ratio and interval and
 * 1 itself, no wider than 1/64 .. 64 (an interval beyond is drawn clipped, with an arrow). */
void or_svg_log_domain(const or_svg_ratio_row *rows, int n, double *lo, double *hi);

#endif
