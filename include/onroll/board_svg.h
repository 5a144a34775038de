/* board_svg.h - the boards drawn (boards.h): the system-players map (the young person at the
 * centre, the players on proximity rings, their links) and the iceberg (its four levels, the
 * water line under the first, drivers on the left and barriers on the right, links across
 * levels and the "intervene here" marks), as SVG with real <text>.
 *
 * A drawing is a picture of the list the page shows beside it (role="img", named by its
 * <title>, described by its <desc>); it has a fixed size in pixels, so on a narrow screen its
 * container scrolls rather than the text shrinking. Colours are presentation attributes (the
 * server's Content-Security-Policy allows no inline style), so the same markup stands alone as
 * an .svg file. Every piece of text is escaped (html/html.h). */
#ifndef ONROLL_BOARD_SVG_H
#define ONROLL_BOARD_SVG_H

#include <stdbool.h>

#include "onroll/boards.h"
#include "onroll/sb.h"

/* Where the cards go (exposed for the tests). pos[i] is card i's centre. */
typedef struct {
    double x, y;
} or_board_pt;

enum { OR_NOTE_W = 150, OR_NOTE_H = 50 };

typedef struct {
    double width, height;                   /* the drawing's size in px */
    double cx, cy;                          /* map: the centre */
    double ring_r[OR_MAP_RINGS + 1];        /* map: [0] the young person's circle, [k] ring k */
    double band_top[OR_ICEBERG_LEVELS + 2]; /* iceberg: [L] the top of level L, [5] the foot */
} or_board_geometry;

/* The map: ring k's players spread evenly round it, clear of its label at the top, in the
 * order given; each ring at least far enough from the last for a note, and long enough for its
 * notes side by side. */
void or_map_layout(const or_board_card *cards, int n, or_board_pt *pos, or_board_geometry *g);
/* The iceberg: level L's band under L-1's, each as tall as its longer column needs; drivers
 * in the left half, barriers in the right, in rows of as many as the iceberg's width there
 * holds. */
void or_iceberg_layout(const or_board_card *cards, int n, or_board_pt *pos, or_board_geometry *g);

/* The drawing. id: a prefix for its elements' ids (letters, digits, '-'); standalone: an .svg
 * file's own root (the XML namespace), else inline in a page. a: scratch for wrapping. */
void or_map_svg(or_sb *out, const or_board_card *cards, int n, const or_board_link *links, int nl,
                const char *id, bool standalone, or_arena *a);
void or_iceberg_svg(or_sb *out, const or_board_card *cards, int n, const or_board_link *links,
                    int nl, const char *id, bool standalone, or_arena *a);

#endif
