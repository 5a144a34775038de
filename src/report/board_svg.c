/* board_svg.c - the system-players map and the iceberg drawn as SVG (board_svg.h). The markup is
 * the program's own; every piece of data text goes through html_printf's %s, and numbers are
 * printed with or_sb_addf, as svg.c does. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "onroll/board_svg.h"
#include "html/html.h"

#define C_TEXT  "#0b0c0c"
#define C_GREY  "#505a5f"
#define C_RING  "#b1b4b6"
#define C_BLUE  "#1d70b8"
#define C_GREEN "#00703c"
#define C_RED   "#d4351c"
#define C_SEA   "#cfe1f2"

#define MAP_NOTE_W 120.0
#define MAP_NOTE_H 44.0
#define MAP_CHARS  17
#define ICE_NOTE_W 130.0
#define ICE_NOTE_H 58.0
#define ICE_CHARS  17
#define ICE_TOP    34.0
#define ICE_TITLE  26.0

/* ---- the map's geometry ---- */

/* Ring k's radii: across (rx) and up (ry); notes at angle t are at (cx + rx cos t, cy + ry sin
 * t). Neighbours on a ring are 2π/(n+1) apart (a slot at the top is its label's). */
static void ring_radii(int k, int n, double prev_rx, double prev_ry, double *rx, double *ry)
{
    double x = k == 1 ? 50 + MAP_NOTE_W / 2 + 16 : prev_rx + MAP_NOTE_W + 30;
    double y = k == 1 ? 50 + MAP_NOTE_H / 2 + 12 : prev_ry + MAP_NOTE_H + 32;
    /* neighbours at angle t are about (rx·d·sin t, ry·d·cos t) apart (d the chord of the
     * angle between them): two notes miss each other when one of these is a note's width or
     * height, which holds at every angle when (W/rx·d)² + (H/ry·d)² <= 1; grow both radii until
     * it does for n notes and the label's slot */
    double d = 2 * sin(M_PI / (n + 1));
    double wx = (MAP_NOTE_W + 10) / (x * d), hy = (MAP_NOTE_H + 8) / (y * d);
    double f = n > 0 ? fmax(1, sqrt(wx * wx + hy * hy)) : 1;
    *rx = x * f;
    *ry = y * f;
}

void or_map_layout(const or_board_card *cards, int n, or_board_pt *pos, or_board_geometry *g)
{
    memset(g, 0, sizeof *g);
    int count[OR_MAP_RINGS + 1] = {0};
    for (int i = 0; i < n; i++)
        if (cards[i].place >= 1 && cards[i].place <= OR_MAP_RINGS)
            count[cards[i].place]++;
    double rx[OR_MAP_RINGS + 1], ry[OR_MAP_RINGS + 1];
    rx[0] = ry[0] = 50;
    for (int k = 1; k <= OR_MAP_RINGS; k++)
        ring_radii(k, count[k], rx[k - 1], ry[k - 1], &rx[k], &ry[k]);
    g->width = 2 * (rx[OR_MAP_RINGS] + MAP_NOTE_W / 2 + 12);
    g->height = 2 * (ry[OR_MAP_RINGS] + MAP_NOTE_H / 2 + 12);
    g->cx = g->width / 2;
    g->cy = g->height / 2;
    for (int k = 0; k <= OR_MAP_RINGS; k++)
        g->ring_r[k] = rx[k];
    int seen[OR_MAP_RINGS + 1] = {0};
    for (int i = 0; i < n; i++) {
        int k = cards[i].place;
        if (k < 1 || k > OR_MAP_RINGS) {
            pos[i] = (or_board_pt){g->cx, g->cy};
            continue;
        }
        double t = -M_PI / 2 + 2 * M_PI * (seen[k] + 1) / (count[k] + 1);
        seen[k]++;
        pos[i].x = g->cx + rx[k] * cos(t);
        pos[i].y = g->cy + ry[k] * sin(t);
    }
}

/* the ring radii across and up, again (the drawing needs ry too) */
static void map_ry(const or_board_card *cards, int n, double *ry_out)
{
    int count[OR_MAP_RINGS + 1] = {0};
    for (int i = 0; i < n; i++)
        if (cards[i].place >= 1 && cards[i].place <= OR_MAP_RINGS)
            count[cards[i].place]++;
    double rx = 50, ry = 50;
    ry_out[0] = 50;
    for (int k = 1; k <= OR_MAP_RINGS; k++) {
        double x, y;
        ring_radii(k, count[k], rx, ry, &x, &y);
        rx = x;
        ry = y;
        ry_out[k] = y;
    }
}

/* ---- the iceberg's geometry ---- */

/* The iceberg's width at level L (the deeper, the wider). */
static double ice_width(int level)
{
    static const double w[OR_ICEBERG_LEVELS + 1] = {0, 330, 470, 610, 740};
    return level >= 1 && level <= OR_ICEBERG_LEVELS ? w[level] : 740;
}

static int ice_per_row(int level)
{
    int k = (int)((ice_width(level) / 2 - 12) / (ICE_NOTE_W + 10));
    return k < 1 ? 1 : k;
}

void or_iceberg_layout(const or_board_card *cards, int n, or_board_pt *pos, or_board_geometry *g)
{
    memset(g, 0, sizeof *g);
    g->width = 780;
    g->cx = g->width / 2;
    int cnt[OR_ICEBERG_LEVELS + 1][2] = {{0}};
    for (int i = 0; i < n; i++)
        if (cards[i].place >= 1 && cards[i].place <= OR_ICEBERG_LEVELS)
            cnt[cards[i].place][cards[i].kind && !strcmp(cards[i].kind, "barrier")]++;
    double y = ICE_TOP;
    for (int L = 1; L <= OR_ICEBERG_LEVELS; L++) {
        g->band_top[L] = y;
        int per = ice_per_row(L);
        int rows = 1;
        for (int s = 0; s < 2; s++) {
            int r = (cnt[L][s] + per - 1) / per;
            if (r > rows)
                rows = r;
        }
        y += ICE_TITLE + rows * (ICE_NOTE_H + 8) + 10;
    }
    g->band_top[OR_ICEBERG_LEVELS + 1] = y;
    g->height = y + 8;
    g->cy = g->band_top[2];
    int seen[OR_ICEBERG_LEVELS + 1][2] = {{0}};
    for (int i = 0; i < n; i++) {
        int L = cards[i].place;
        if (L < 1 || L > OR_ICEBERG_LEVELS) {
            pos[i] = (or_board_pt){g->cx, g->height / 2};
            continue;
        }
        int s = cards[i].kind && !strcmp(cards[i].kind, "barrier");
        int k = seen[L][s]++;
        int per = ice_per_row(L);
        int row = k / per, col = k % per;
        double off = 10 + ICE_NOTE_W / 2 + col * (ICE_NOTE_W + 10);
        pos[i].x = s ? g->cx + off : g->cx - off;
        pos[i].y = g->band_top[L] + ICE_TITLE + ICE_NOTE_H / 2 + row * (ICE_NOTE_H + 8);
    }
}

/* ---- drawing ---- */

static void open_svg(or_sb *o, const char *id, double w, double h, bool standalone,
                     const char *title, const char *desc)
{
    if (standalone)
        html_raw(o, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
    else
        html_raw(o, "<svg");
    or_sb_addf(o,
               " class=\"onroll-board\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\"",
               w, h, w, h);
    html_printf(o,
                " role=\"img\" aria-labelledby=\"%s-title\" aria-describedby=\"%s-desc\" "
                "font-family=\"Arial, Helvetica, sans-serif\">\n"
                "<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n",
                id, id, id, title, id, desc);
}

static void text_at(or_sb *o, double x, double y, int size, const char *anchor, const char *weight,
                    const char *s)
{
    or_sb_addf(o, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\"", x, y, size);
    html_printf(o, " text-anchor=\"%s\" font-weight=\"%s\" fill=\"#0b0c0c\">%s</text>\n", anchor,
                weight, s);
}

/* The point where the line from (x1, y1) to the centre (x2, y2) of a w×h box enters it. */
static void clip_to_box(double x1, double y1, double x2, double y2, double w, double h, double *x,
                        double *y)
{
    double dx = x2 - x1, dy = y2 - y1;
    double tx = dx != 0 ? (w / 2) / fabs(dx) : INFINITY;
    double ty = dy != 0 ? (h / 2) / fabs(dy) : INFINITY;
    double t = fmin(fmin(tx, ty), 1);
    *x = x2 - dx * t;
    *y = y2 - dy * t;
}

static int card_index(const or_board_card *cards, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (cards[i].id == id)
            return i;
    return -1;
}

/* A note: its box, its lines of text centred, and a <title> with the whole of it. */
static void note(or_sb *o, or_arena *a, double x, double y, double w, double h, int chars,
                 int max_lines, const char *fill, double stroke_w, const char *text,
                 const char *title, const char *extra)
{
    html_raw(o, "<g>");
    html_printf(o, "<title>%s</title>", title);
    or_sb_addf(o,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"4\" "
               "stroke-width=\"%.0f\"",
               x - w / 2, y - h / 2, w, h, stroke_w);
    html_printf(o, " fill=\"%s\" stroke=\"#0b0c0c\"/>\n", fill);
    const char *lines[4];
    int nl = or_board_wrap(text, chars, extra ? max_lines - 1 : max_lines, a, lines);
    int total = nl + (extra ? 1 : 0);
    double y0 = y - (total - 1) * 7.5 + 4;
    for (int i = 0; i < nl; i++)
        text_at(o, x, y0 + i * 15, 12, "middle", "normal", lines[i]);
    if (extra)
        text_at(o, x, y0 + nl * 15, 12, "middle", "bold", extra);
    html_raw(o, "</g>\n");
}

static const char *type_fill(const char *type)
{
    static const char *const fills[][2] = {
        {"education", "#dbe9f6"},   {"la", "#e8e1f0"},     {"health", "#d9efe3"},
        {"social_care", "#fbe7d4"}, {"police", "#e1e3e5"}, {"voluntary", "#fcf4c6"},
        {"family", "#f6dde5"},
    };
    for (size_t i = 0; type && i < sizeof fills / sizeof fills[0]; i++)
        if (!strcmp(fills[i][0], type))
            return fills[i][1];
    return "#f3f2f1";
}

static void map_link_style(const char *strength, const char **colour, double *width,
                           const char **dash)
{
    *dash = "";
    if (strength && !strcmp(strength, "well")) {
        *colour = C_GREEN;
        *width = 3;
    } else if (strength && !strcmp(strength, "partly")) {
        *colour = C_BLUE;
        *width = 2;
        *dash = "8 4";
    } else if (strength && !strcmp(strength, "poorly")) {
        *colour = C_RED;
        *width = 2;
        *dash = "2 4";
    } else {
        *colour = C_GREY;
        *width = 1.5;
    }
}

static void arrow_defs(or_sb *o, const char *id)
{
    html_raw(o, "<defs>\n");
    static const char *const colours[][2] = {
        {"g", C_GREEN}, {"b", C_BLUE}, {"r", C_RED}, {"n", C_GREY}};
    for (int i = 0; i < 4; i++)
        html_printf(o,
                    "<marker id=\"%s-arrow-%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                    "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
                    "<path d=\"M0 0L10 5L0 10Z\" fill=\"%s\"/></marker>\n",
                    id, colours[i][0], colours[i][1]);
    html_raw(o, "</defs>\n");
}

static const char *arrow_of(const char *colour)
{
    return !strcmp(colour, C_GREEN)  ? "g"
           : !strcmp(colour, C_BLUE) ? "b"
           : !strcmp(colour, C_RED)  ? "r"
                                     : "n";
}

static void link_line(or_sb *o, const char *id, double x1, double y1, double x2, double y2,
                      const char *colour, double width, const char *dash, bool arrow)
{
    or_sb_addf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"%.1f\"", x1,
               y1, x2, y2, width);
    html_printf(o, " stroke=\"%s\"", colour);
    if (*dash)
        html_printf(o, " stroke-dasharray=\"%s\"", dash);
    if (arrow)
        html_printf(o, " marker-end=\"url(#%s-arrow-%s)\"", id, arrow_of(colour));
    html_raw(o, "/>\n");
}

void or_map_svg(or_sb *out, const or_board_card *cards, int n, const or_board_link *links, int nl,
                const char *id, bool standalone, or_arena *a)
{
    or_board_pt *pos = n ? or_arena_alloc(a, sizeof *pos * (size_t)n) : NULL;
    or_board_geometry g;
    or_map_layout(cards, n, pos, &g);
    double ry[OR_MAP_RINGS + 1];
    map_ry(cards, n, ry);
    double legend = 96;
    const char *desc =
        or_arena_printf(a,
                        "The young person at the centre, %d player%s on %d rings of proximity "
                        "round them and %d link%s between players. The list of players and "
                        "links on this page says the same in words.",
                        n, n == 1 ? "" : "s", OR_MAP_RINGS, nl, nl == 1 ? "" : "s");
    open_svg(out, id, g.width, g.height + legend, standalone, "System-players map", desc);
    arrow_defs(out, id);
    or_sb_addf(out, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
               g.width, g.height + legend);
    for (int k = OR_MAP_RINGS; k >= 1; k--) {
        or_sb_addf(out,
                   "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\" fill=\"%s\" "
                   "stroke=\"" C_RING "\" stroke-width=\"1.5\"/>\n",
                   g.cx, g.cy, g.ring_r[k], ry[k],
                   k == 1   ? "#f8f8f8"
                   : k == 2 ? "#fbfbfb"
                            : "#ffffff");
        char label[16];
        snprintf(label, sizeof label, "Ring %d", k);
        text_at(out, g.cx, g.cy - ry[k] + 16, 12, "middle", "bold", label);
    }
    or_sb_addf(out,
               "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"50\" fill=\"#1d70b8\" stroke=\"#0b0c0c\"/>\n",
               g.cx, g.cy);
    or_sb_addf(out,
               "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\" "
               "font-weight=\"bold\" fill=\"#ffffff\">",
               g.cx, g.cy - 3);
    html_raw(out, "The young</text>\n");
    or_sb_addf(out,
               "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\" "
               "font-weight=\"bold\" fill=\"#ffffff\">",
               g.cx, g.cy + 13);
    html_raw(out, "person</text>\n");
    for (int j = 0; j < nl; j++) {
        int f = card_index(cards, n, links[j].from), t = card_index(cards, n, links[j].to);
        if (f < 0 || t < 0)
            continue;
        double x1, y1, x2, y2;
        clip_to_box(pos[t].x, pos[t].y, pos[f].x, pos[f].y, MAP_NOTE_W, MAP_NOTE_H, &x1, &y1);
        clip_to_box(pos[f].x, pos[f].y, pos[t].x, pos[t].y, MAP_NOTE_W, MAP_NOTE_H, &x2, &y2);
        const char *colour, *dash;
        double w;
        map_link_style(links[j].strength, &colour, &w, &dash);
        bool depends = links[j].kind && !strcmp(links[j].kind, "depends_on");
        link_line(out, id, x1, y1, x2, y2, colour, w, dash, depends);
    }
    for (int i = 0; i < n; i++) {
        const char *type = or_board_term_label(or_map_types, cards[i].kind);
        const char *title = or_arena_printf(a, "%s (%s), ring %d", cards[i].text,
                                            type ? type : "Other", cards[i].place);
        note(out, a, pos[i].x, pos[i].y, MAP_NOTE_W, MAP_NOTE_H, MAP_CHARS, 2,
             type_fill(cards[i].kind), 1, cards[i].text, title, NULL);
    }
    /* the key */
    double y = g.height + 14;
    text_at(out, 12, y + 4, 13, "start", "bold", "Key");
    static const char *const strengths[] = {"well", "partly", "poorly", ""};
    static const char *const words[] = {
        "depends on, working well together", "depends on, working together in part",
        "depends on, not working well together", "depends on, how well not said"};
    for (int i = 0; i < 4; i++) {
        const char *colour, *dash;
        double w;
        map_link_style(strengths[i], &colour, &w, &dash);
        double ly = y + 18 + (i % 2) * 20, lx = 12 + (i / 2) * 330;
        link_line(out, id, lx, ly, lx + 50, ly, colour, w, dash, true);
        text_at(out, lx + 60, ly + 4, 12, "start", "normal", words[i]);
    }
    double ly = y + 58;
    link_line(out, id, 12, ly, 62, ly, C_GREY, 1.5, "", false);
    text_at(out, 72, ly + 4, 12, "start", "normal",
            "works with (no arrow; the colours say how well, as above)");
    html_raw(out, "</svg>\n");
}

void or_iceberg_svg(or_sb *out, const or_board_card *cards, int n, const or_board_link *links,
                    int nl, const char *id, bool standalone, or_arena *a)
{
    or_board_pt *pos = n ? or_arena_alloc(a, sizeof *pos * (size_t)n) : NULL;
    or_board_geometry g;
    or_iceberg_layout(cards, n, pos, &g);
    int marks = 0;
    for (int i = 0; i < n; i++)
        marks += cards[i].intervene;
    const char *desc = or_arena_printf(
        a,
        "The iceberg's four levels from the surface down, drivers on the left and barriers on "
        "the right: %d note%s, %d link%s across levels and %d marked to intervene here. The "
        "list of notes on this page says the same in words.",
        n, n == 1 ? "" : "s", nl, nl == 1 ? "" : "s", marks);
    open_svg(out, id, g.width, g.height, standalone, "Iceberg", desc);
    or_sb_addf(out, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
               g.width, g.height);
    /* the sea, below the first level */
    or_sb_addf(out,
               "<rect x=\"0\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"" C_SEA "\"/>\n",
               g.band_top[2] - 4, g.width, g.height - g.band_top[2] + 4);
    /* the iceberg: each level as wide as its width, the edges joined */
    or_sb_addf(out, "<path d=\"M%.1f %.1f L%.1f %.1f", g.cx - ice_width(1) / 2 + 30, g.band_top[1],
               g.cx + ice_width(1) / 2 - 30, g.band_top[1]);
    for (int L = 1; L <= OR_ICEBERG_LEVELS; L++)
        or_sb_addf(out, " L%.1f %.1f", g.cx + ice_width(L) / 2, g.band_top[L] + 12);
    or_sb_addf(out, " L%.1f %.1f", g.cx + ice_width(OR_ICEBERG_LEVELS) / 2 - 30,
               g.band_top[OR_ICEBERG_LEVELS + 1]);
    or_sb_addf(out, " L%.1f %.1f", g.cx - ice_width(OR_ICEBERG_LEVELS) / 2 + 30,
               g.band_top[OR_ICEBERG_LEVELS + 1]);
    for (int L = OR_ICEBERG_LEVELS; L >= 1; L--)
        or_sb_addf(out, " L%.1f %.1f", g.cx - ice_width(L) / 2, g.band_top[L] + 12);
    html_raw(out, "Z\" fill=\"#ffffff\" fill-opacity=\"0.8\" stroke=\"" C_GREY
                  "\" stroke-width=\"2\"/>\n");
    /* the water line */
    or_sb_addf(out,
               "<line x1=\"0\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"" C_BLUE
               "\" stroke-width=\"2\"/>\n",
               g.band_top[2] - 4, g.width, g.band_top[2] - 4);
    text_at(out, g.cx - 100, 20, 14, "middle", "bold", "Drivers");
    text_at(out, g.cx + 100, 20, 14, "middle", "bold", "Barriers");
    or_sb_addf(out,
               "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GREY
               "\" stroke-dasharray=\"4 4\"/>\n",
               g.cx, ICE_TOP, g.cx, g.band_top[OR_ICEBERG_LEVELS + 1]);
    for (int L = 1; L <= OR_ICEBERG_LEVELS; L++) {
        if (L > 1)
            or_sb_addf(out,
                       "<line x1=\"0\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#ffffff\" "
                       "stroke-width=\"1\"/>\n",
                       g.band_top[L], g.width, g.band_top[L]);
        const char *name = or_arena_printf(a, "%d. %s", L, or_iceberg_level_at(L)->name);
        or_sb_addf(out,
                   "<text x=\"8\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\" "
                   "fill=\"#0b0c0c\" stroke=\"#ffffff\" stroke-width=\"4\" "
                   "paint-order=\"stroke\">",
                   g.band_top[L] + 17);
        html_printf(out, "%s</text>\n", name);
    }
    for (int i = 0; i < n; i++) {
        bool barrier = cards[i].kind && !strcmp(cards[i].kind, "barrier");
        const or_iceberg_level *lv = or_iceberg_level_at(cards[i].place);
        const char *title =
            or_arena_printf(a, "%s (%s, %s)%s", cards[i].text, barrier ? "barrier" : "driver",
                            lv ? lv->name : "", cards[i].intervene ? ": intervene here" : "");
        note(out, a, pos[i].x, pos[i].y, ICE_NOTE_W, ICE_NOTE_H, ICE_CHARS, 3,
             barrier ? "#fbe7d4" : "#d9efe3", cards[i].intervene ? 3 : 1, cards[i].text, title,
             cards[i].intervene ? "Intervene here" : NULL);
    }
    /* the links on top, so that a line never hides behind a note */
    for (int j = 0; j < nl; j++) {
        int f = card_index(cards, n, links[j].from), t = card_index(cards, n, links[j].to);
        if (f < 0 || t < 0)
            continue;
        bool lf = pos[f].x < g.cx, lt = pos[t].x < g.cx;
        if (lf == lt) {
            /* both on one side: from the outer edge of one to the outer edge of the other,
             * curving outwards, clear of the notes between them */
            double side = lf ? -1 : 1;
            double x1 = pos[f].x + side * ICE_NOTE_W / 2, x2 = pos[t].x + side * ICE_NOTE_W / 2;
            double bulge = side * (24 + 6 * fabs((double)(cards[f].place - cards[t].place)));
            double xc = side > 0 ? fmax(x1, x2) : fmin(x1, x2);
            int lo = cards[f].place < cards[t].place ? cards[f].place : cards[t].place;
            int hi = cards[f].place + cards[t].place - lo;
            for (int i = 0; i < n; i++) /* outside every note of that side in between */
                if (cards[i].place >= lo && cards[i].place <= hi && (pos[i].x < g.cx) == lf)
                    xc = side > 0 ? fmax(xc, pos[i].x + ICE_NOTE_W / 2)
                                  : fmin(xc, pos[i].x - ICE_NOTE_W / 2);
            xc += bulge;
            or_sb_addf(out,
                       "<path d=\"M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f\" fill=\"none\" "
                       "stroke=\"" C_BLUE "\" stroke-width=\"2.5\"/>\n",
                       x1, pos[f].y, xc, pos[f].y, xc, pos[t].y, x2, pos[t].y);
            or_sb_addf(out,
                       "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"" C_BLUE "\"/>"
                       "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"" C_BLUE "\"/>\n",
                       x1, pos[f].y, x2, pos[t].y);
            continue;
        }
        double x1, y1, x2, y2;
        clip_to_box(pos[t].x, pos[t].y, pos[f].x, pos[f].y, ICE_NOTE_W, ICE_NOTE_H, &x1, &y1);
        clip_to_box(pos[f].x, pos[f].y, pos[t].x, pos[t].y, ICE_NOTE_W, ICE_NOTE_H, &x2, &y2);
        link_line(out, id, x1, y1, x2, y2, C_BLUE, 2.5, "", false);
        or_sb_addf(out,
                   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"" C_BLUE "\"/>"
                   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"" C_BLUE "\"/>\n",
                   x1, y1, x2, y2);
    }
    html_raw(out, "</svg>\n");
}
