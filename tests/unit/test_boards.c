/* test_boards.c - the workshop boards' pure parts (boards.h, board_svg.h): the toolkit's words
 * kept verbatim, a card's and a link's checks, who depends on whom counted by hand, text
 * wrapped for the notes, the places of cards on the rings and the iceberg's levels worked out
 * by hand, no two notes overlapping on a crowded ring, and both drawings well-formed XML with
 * hostile text escaped. */
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

#include "onroll/board_svg.h"
#include "onroll/boards.h"

static void test_words(void **state)
{
    (void)state;
    assert_string_equal(or_iceberg_level_at(1)->name, "Events & Experiences");
    assert_string_equal(or_iceberg_level_at(2)->name, "Behavioural Patterns & Incentives");
    assert_string_equal(or_iceberg_level_at(3)->name, "Underlying Structures");
    assert_string_equal(or_iceberg_level_at(4)->name, "Mental Models");
    assert_null(or_iceberg_level_at(0));
    assert_null(or_iceberg_level_at(5));
    assert_int_equal(or_map_nquestions, 6);
    assert_int_equal(or_iceberg_nquestions, 5);
    assert_string_equal(or_map_questions[2], "Who do they depend on to be able to do their job, "
                                             "i.e., support pupils, successfully?");
    assert_string_equal(or_iceberg_questions[4],
                        "What opportunities exist to intervene and at what level?");
    int n = 0;
    while (or_map_seed_players[n].code) {
        assert_non_null(or_board_term_label(or_map_types, or_map_seed_players[n].label));
        n++;
    }
    assert_int_equal(n, 15);
    assert_string_equal(or_map_seed_players[8].code, "CAMHS");
    assert_int_equal(or_board_tool_parse("iceberg"), OR_BOARD_ICEBERG);
    assert_int_equal(or_board_tool_parse("ideas"), -1);
    assert_null(or_map_ring_label(0));
    assert_non_null(or_map_ring_label(OR_MAP_RINGS));
}

static void test_card_check(void **state)
{
    (void)state;
    or_error err = {0};
    or_board_card c = {.tool = OR_BOARD_MAP, .text = "CAMHS", .place = 2, .kind = "health"};
    assert_int_equal(or_board_card_check(&c, &err), OR_OK);
    c.place = 4;
    assert_int_equal(or_board_card_check(&c, &err), OR_EINPUT);
    assert_string_equal(err.msg, "ring: 4 is not 1 to 3");
    c.place = 1;
    c.kind = "wizard";
    assert_int_equal(or_board_card_check(&c, &err), OR_EINPUT);
    assert_string_equal(err.msg, "type: 'wizard' is not a type of player");
    c.kind = "health";
    c.intervene = true;
    assert_int_equal(or_board_card_check(&c, &err), OR_EINPUT);
    c.intervene = false;
    c.text = "";
    assert_int_equal(or_board_card_check(&c, &err), OR_EINPUT);
    assert_string_equal(err.msg, "player: the text is empty");
    char big[OR_BOARD_TEXT_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    c.text = big;
    assert_int_equal(or_board_card_check(&c, &err), OR_EINPUT);
    c.text = "zero\xe2\x80\x8bwidth"; /* U+200B: invisible */
    assert_int_equal(or_board_card_check(&c, &err), OR_EINPUT);

    or_board_card i = {.tool = OR_BOARD_ICEBERG,
                       .text = "Exclusions rising",
                       .place = 1,
                       .kind = "barrier",
                       .intervene = true};
    assert_int_equal(or_board_card_check(&i, &err), OR_OK);
    i.place = 0;
    assert_int_equal(or_board_card_check(&i, &err), OR_EINPUT);
    assert_string_equal(err.msg, "level: 0 is not 1 to 4");
    i.place = 4;
    i.kind = "up";
    assert_int_equal(or_board_card_check(&i, &err), OR_EINPUT);
    assert_string_equal(err.msg, "side: 'up' is not driver or barrier");
}

static void test_link_check(void **state)
{
    (void)state;
    or_error err = {0};
    or_board_card a = {.id = 1, .workshop = 7, .tool = OR_BOARD_MAP, .place = 1};
    or_board_card b = {.id = 2, .workshop = 7, .tool = OR_BOARD_MAP, .place = 1};
    or_board_card other = {.id = 3, .workshop = 8, .tool = OR_BOARD_MAP, .place = 1};
    or_board_link l = {.workshop = 7,
                       .tool = OR_BOARD_MAP,
                       .from = 1,
                       .to = 2,
                       .kind = "depends_on",
                       .strength = ""};
    assert_int_equal(or_board_link_check(&l, &a, &b, &err), OR_OK);
    l.strength = "well";
    assert_int_equal(or_board_link_check(&l, &a, &b, &err), OR_OK);
    l.strength = "brilliant";
    assert_int_equal(or_board_link_check(&l, &a, &b, &err), OR_EINPUT);
    l.strength = "";
    assert_int_equal(or_board_link_check(&l, &a, &a, &err), OR_EINPUT);
    assert_int_equal(or_board_link_check(&l, &a, &other, &err), OR_EINPUT); /* another workshop */
    assert_int_equal(or_board_link_check(&l, &a, NULL, &err), OR_EINPUT);
    l.kind = "loves";
    assert_int_equal(or_board_link_check(&l, &a, &b, &err), OR_EINPUT);

    or_board_card n1 = {.id = 4, .workshop = 7, .tool = OR_BOARD_ICEBERG, .place = 1};
    or_board_card n2 = {.id = 5, .workshop = 7, .tool = OR_BOARD_ICEBERG, .place = 1};
    or_board_card n3 = {.id = 6, .workshop = 7, .tool = OR_BOARD_ICEBERG, .place = 3};
    or_board_link k = {.workshop = 7, .tool = OR_BOARD_ICEBERG, .kind = "links", .strength = ""};
    assert_int_equal(or_board_link_check(&k, &n1, &n2, &err), OR_EINPUT);
    assert_string_equal(err.msg, "link: both notes are at level 1; a link goes across levels");
    assert_int_equal(or_board_link_check(&k, &n1, &n3, &err), OR_OK);
    assert_int_equal(or_board_link_check(&k, &n1, &a, &err), OR_EINPUT); /* a map card */
    k.strength = "well";
    assert_int_equal(or_board_link_check(&k, &n1, &n3, &err), OR_EINPUT);
}

/* Worked by hand: cards 1 "CAMHS" (ring 2) and 4 "camhs " (ring 3) are one player; links
 * SENCOs->CAMHS, Headteachers->camhs, Headteachers->SENCOs, Families->Headteachers (depends
 * on), SENCOs~Headteachers (works with), SENCOs->camhs (the same pair again: once), CAMHS->camhs
 * (a player on itself: not counted), and a link to a card not shown (left out).
 *   CAMHS:        depended on by SENCOs, Headteachers (2); depends on none; 2 cards, ring 2
 *   Headteachers: depended on by Families (1); depends on CAMHS, SENCOs (2); works with 1
 *   SENCOs:       depended on by Headteachers (1); depends on CAMHS (1); works with 1
 *   Families:     depended on by none; depends on Headteachers (1) */
static void test_dependence(void **state)
{
    (void)state;
    or_board_card c[] = {
        {.id = 1, .tool = OR_BOARD_MAP, .text = "CAMHS", .place = 2, .kind = "health"},
        {.id = 2, .tool = OR_BOARD_MAP, .text = "Headteachers", .place = 1, .kind = "education"},
        {.id = 3, .tool = OR_BOARD_MAP, .text = "SENCOs", .place = 1, .kind = "education"},
        {.id = 4, .tool = OR_BOARD_MAP, .text = "camhs ", .place = 3, .kind = "health"},
        {.id = 5, .tool = OR_BOARD_MAP, .text = "Families", .place = 1, .kind = "family"},
    };
    or_board_link l[] = {
        {.from = 3, .to = 1, .kind = "depends_on"}, {.from = 2, .to = 4, .kind = "depends_on"},
        {.from = 2, .to = 3, .kind = "depends_on"}, {.from = 5, .to = 2, .kind = "depends_on"},
        {.from = 3, .to = 2, .kind = "works_with"}, {.from = 3, .to = 4, .kind = "depends_on"},
        {.from = 1, .to = 4, .kind = "depends_on"}, {.from = 5, .to = 99, .kind = "depends_on"},
    };
    or_arena a = OR_ARENA_INIT;
    or_map_dependence *rows;
    int n;
    or_map_dependence_count(c, 5, l, 8, &a, &rows, &n);
    assert_int_equal(n, 4);
    assert_string_equal(rows[0].player, "CAMHS");
    assert_int_equal(rows[0].cards, 2);
    assert_int_equal(rows[0].ring, 2);
    assert_int_equal(rows[0].depended_on_by, 2);
    assert_int_equal(rows[0].depends_on, 0);
    assert_string_equal(rows[0].depended_names, "SENCOs; Headteachers");
    assert_string_equal(rows[0].depends_names, "");
    assert_string_equal(rows[1].player, "Headteachers");
    assert_int_equal(rows[1].depended_on_by, 1);
    assert_int_equal(rows[1].depends_on, 2);
    assert_int_equal(rows[1].works_with, 1);
    assert_string_equal(rows[1].depends_names, "CAMHS; SENCOs");
    assert_string_equal(rows[2].player, "SENCOs");
    assert_int_equal(rows[2].depended_on_by, 1);
    assert_int_equal(rows[2].depends_on, 1);
    assert_int_equal(rows[2].works_with, 1);
    assert_string_equal(rows[3].player, "Families");
    assert_int_equal(rows[3].depended_on_by, 0);
    assert_int_equal(rows[3].depends_on, 1);
    assert_int_equal(rows[3].works_with, 0);
    or_map_dependence_count(c, 0, l, 0, &a, &rows, &n);
    assert_int_equal(n, 0);
    or_arena_free(&a);
}

static void test_wrap(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    const char *lines[4];
    assert_int_equal(or_board_wrap("charities / voluntary sector", 17, 2, &a, lines), 2);
    assert_string_equal(lines[0], "charities /");
    assert_string_equal(lines[1], "voluntary sector");
    assert_int_equal(or_board_wrap("abcdefghijklmnopqrstuvwxyz", 10, 2, &a, lines), 2);
    assert_string_equal(lines[0], "abcdefghij");
    assert_string_equal(lines[1], "klmnopqrs\xe2\x80\xa6");
    /* twelve é (two bytes each) in one line of five: four and the ellipsis */
    assert_int_equal(or_board_wrap("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
                                   "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
                                   5, 1, &a, lines),
                     1);
    assert_string_equal(lines[0], "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6");
    assert_int_equal(or_board_wrap("  ", 10, 2, &a, lines), 0);
    assert_int_equal(or_board_wrap("CAMHS", 17, 2, &a, lines), 1);
    assert_string_equal(lines[0], "CAMHS");
    or_arena_free(&a);
}

/* One player on ring 1 sits at the bottom of it (its label has the top): ring 1 is 126 across
 * (the centre's 50, half a note 60, 16) and 84 up (50, 22, 12); rings 2 and 3 each a note's
 * width and 30 (150) and its height and 32 (76) further: 276 x 160, 426 x 236. The drawing is
 * 2 x (426 + 60 + 12) = 996 wide and 2 x (236 + 22 + 12) = 540 high. Two on ring 1: at 30 and
 * 150 degrees below the horizontal: (498 ± 126 cos 30°, 270 + 84 sin 30°). */
static void test_map_layout(void **state)
{
    (void)state;
    or_board_card one[] = {{.id = 1, .place = 1}};
    or_board_pt pos[12];
    or_board_geometry g;
    or_map_layout(one, 1, pos, &g);
    assert_float_equal(g.width, 996, 0.01);
    assert_float_equal(g.height, 540, 0.01);
    assert_float_equal(g.ring_r[1], 126, 0.01);
    assert_float_equal(g.ring_r[3], 426, 0.01);
    assert_float_equal(pos[0].x, 498, 0.01);
    assert_float_equal(pos[0].y, 354, 0.01);
    or_board_card two[] = {{.id = 1, .place = 1}, {.id = 2, .place = 1}};
    or_map_layout(two, 2, pos, &g);
    assert_float_equal(pos[0].x, 498 + 126 * cos(M_PI / 6), 0.01);
    assert_float_equal(pos[0].y, 270 + 42, 0.01);
    assert_float_equal(pos[1].x, 498 - 126 * cos(M_PI / 6), 0.01);
    assert_float_equal(pos[1].y, 312, 0.01);
    /* twelve on ring 1: the ring grows until no two notes overlap */
    or_board_card many[12];
    for (int i = 0; i < 12; i++)
        many[i] = (or_board_card){.id = i + 1, .place = 1};
    or_map_layout(many, 12, pos, &g);
    assert_true(g.ring_r[1] > 126);
    for (int i = 0; i < 12; i++)
        for (int j = i + 1; j < 12; j++)
            assert_true(fabs(pos[i].x - pos[j].x) >= 120 || fabs(pos[i].y - pos[j].y) >= 44);
    /* and the next ring is still clear of it */
    assert_true(g.ring_r[2] >= g.ring_r[1] + 120);
    /* a full map: 8, 14 and 20 players on the rings, and no two notes overlap anywhere, nor
     * the young person's circle */
    or_board_card full[42];
    or_board_pt fp[42];
    for (int i = 0; i < 42; i++)
        full[i] = (or_board_card){.id = i + 1, .place = i < 8 ? 1 : i < 22 ? 2 : 3};
    or_map_layout(full, 42, fp, &g);
    for (int i = 0; i < 42; i++) {
        assert_true(fabs(fp[i].x - g.cx) >= 50 + 60 || fabs(fp[i].y - g.cy) >= 50 + 22);
        assert_true(fp[i].x - 60 >= 0 && fp[i].x + 60 <= g.width);
        assert_true(fp[i].y - 22 >= 0 && fp[i].y + 22 <= g.height);
        for (int j = i + 1; j < 42; j++)
            assert_true(fabs(fp[i].x - fp[j].x) >= 120 || fabs(fp[i].y - fp[j].y) >= 44);
    }
}

/* Each level one row (26 for its name, 58 + 8 for a row, 10 below): tops 34, 136, 238, 340,
 * foot 442. A driver of level 1 is left of the middle (390 - 10 - 65 = 315), 26 + 29 below its
 * top; level 4 holds two notes a row each side (half its width 370, less 12, over 140), so its
 * second barrier is at 390 + 75 + 140 = 605. Three drivers of level 1 (one a row) push level 2
 * down by two rows (132). */
static void test_iceberg_layout(void **state)
{
    (void)state;
    or_board_card c[] = {
        {.id = 1, .place = 1, .kind = "driver"},
        {.id = 2, .place = 4, .kind = "barrier"},
        {.id = 3, .place = 4, .kind = "barrier"},
    };
    or_board_pt pos[5];
    or_board_geometry g;
    or_iceberg_layout(c, 3, pos, &g);
    assert_float_equal(g.band_top[1], 34, 0.01);
    assert_float_equal(g.band_top[2], 136, 0.01);
    assert_float_equal(g.band_top[4], 340, 0.01);
    assert_float_equal(g.band_top[5], 442, 0.01);
    assert_float_equal(pos[0].x, 315, 0.01);
    assert_float_equal(pos[0].y, 89, 0.01);
    assert_float_equal(pos[1].x, 465, 0.01);
    assert_float_equal(pos[1].y, 395, 0.01);
    assert_float_equal(pos[2].x, 605, 0.01);
    or_board_card d[] = {
        {.id = 1, .place = 1, .kind = "driver"},
        {.id = 2, .place = 1, .kind = "driver"},
        {.id = 3, .place = 1, .kind = "driver"},
    };
    or_iceberg_layout(d, 3, pos, &g);
    assert_float_equal(pos[2].y, 89 + 2 * 66, 0.01);
    assert_float_equal(g.band_top[2], 136 + 132, 0.01);
}

static int count_text(xmlNodePtr n, const char *name, const char *contains)
{
    int k = 0;
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name)) {
            xmlChar *t = xmlNodeGetContent(n);
            if (t && strstr((const char *)t, contains))
                k++;
            xmlFree(t);
        }
        k += count_text(n->children, name, contains);
    }
    return k;
}

static xmlDocPtr parse(const or_sb *sb)
{
    xmlDocPtr doc = xmlReadMemory(sb->buf, (int)sb->len, "board.svg", "UTF-8",
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_non_null(root);
    assert_string_equal((const char *)root->name, "svg");
    return doc;
}

static void test_drawings(void **state)
{
    (void)state;
    const char *hostile = "<script>alert(1)</script> & \"Co\"";
    or_board_card m[] = {
        {.id = 1, .tool = OR_BOARD_MAP, .text = hostile, .place = 1, .kind = "health"},
        {.id = 2, .tool = OR_BOARD_MAP, .text = "Headteachers", .place = 2, .kind = "education"},
    };
    or_board_link ml[] = {{.id = 1, .from = 2, .to = 1, .kind = "depends_on", .strength = "well"}};
    or_arena a = OR_ARENA_INIT;
    or_sb sb = OR_SB_INIT;
    or_map_svg(&sb, m, 2, ml, 1, "map", true, &a);
    assert_null(strstr(or_sb_str(&sb), "<script>"));
    xmlDocPtr doc = parse(&sb);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_int_equal(count_text(root, "text", "Headteachers"), 1);
    assert_int_equal(count_text(root, "text", "<script>"), 1); /* as text, escaped */
    assert_int_equal(count_text(root, "text", "The young"), 1);
    assert_int_equal(count_text(root, "text", "Ring 3"), 1);
    assert_int_equal(count_text(root, "title", "System-players map"), 1);
    xmlFreeDoc(doc);
    or_sb_reset(&sb);

    or_board_card ic[] = {
        {.id = 1, .tool = OR_BOARD_ICEBERG, .text = hostile, .place = 1, .kind = "driver"},
        {.id = 2,
         .tool = OR_BOARD_ICEBERG,
         .text = "Beliefs about behaviour",
         .place = 4,
         .kind = "barrier",
         .intervene = true},
    };
    or_board_link il[] = {{.id = 1, .from = 1, .to = 2, .kind = "links"}};
    or_iceberg_svg(&sb, ic, 2, il, 1, "ice", false, &a);
    doc = parse(&sb);
    root = xmlDocGetRootElement(doc);
    assert_int_equal(count_text(root, "text", "Intervene here"), 1);
    assert_int_equal(count_text(root, "text", "4. Mental Models"), 1);
    assert_int_equal(count_text(root, "text", "Drivers"), 1);
    assert_int_equal(count_text(root, "text", "Barriers"), 1);
    xmlFreeDoc(doc);
    or_sb_reset(&sb);
    or_iceberg_svg(&sb, NULL, 0, NULL, 0, "empty", true, &a); /* an empty board draws */
    xmlFreeDoc(parse(&sb));
    or_sb_release(&sb);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),          cmocka_unit_test(test_card_check),
        cmocka_unit_test(test_link_check),     cmocka_unit_test(test_dependence),
        cmocka_unit_test(test_wrap),           cmocka_unit_test(test_map_layout),
        cmocka_unit_test(test_iceberg_layout), cmocka_unit_test(test_drawings),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
