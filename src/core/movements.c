/* movements.c - the pupil movements as data (movements.h): formats.md's event types with the
 * columns each takes (as rowcheck.c checks them) and whether it takes the pupil off the roll. */
#include <string.h>

#include "onroll/movements.h"

static const or_movement movements[] = {
    {.type = "managed_move",
     .label = "Managed move",
     .words = "managed move",
     .title = "Record a managed move",
     .hint = "The pupil has moved to another school after a successful trial",
     .exit = true,
     .leaving = "Managed move",
     .to_school = true,
     .to_required = true},
    {.type = "in_year_transfer",
     .label = "In-year transfer",
     .words = "in-year transfer",
     .title = "Record an in-year transfer",
     .hint = "The pupil has moved to another school during the school year, not as a managed "
             "move; a permanent move to a pupil referral unit or AP academy is one too",
     .exit = true,
     .leaving = "In-year transfer",
     .to_school = true,
     .to_required = true},
    {.type = "off_site_direction",
     .label = "Off-site direction",
     .words = "off-site direction",
     .title = "Record an off-site direction",
     .hint = "The school has directed the pupil to be educated off-site to improve their "
             "behaviour; the pupil stays on roll",
     .to_school = true,
     .provider = true,
     .end = true},
    {.type = "ap_placement",
     .label = "Alternative provision placement",
     .words = "alternative provision placement",
     .title = "Record an alternative provision placement",
     .hint = "The pupil attends alternative provision for a time and stays on roll",
     .provider = true,
     .provider_required = true,
     .end = true},
    {.type = "ehe",
     .label = "Elective home education",
     .words = "elective home education",
     .title = "Record elective home education",
     .hint = "The parents have told the school in writing that they will educate the child at home",
     .exit = true,
     .leaving = "Elective home education"},
    {.type = "cme",
     .label = "Child missing education",
     .words = "child missing education",
     .title = "Record a child missing education",
     .hint = "The pupil is removed from roll and the school does not know where they are being "
             "educated",
     .exit = true,
     .leaving = "Child missing education"},
    {.type = "unexplained_exit",
     .label = "Unexplained exit",
     .words = "unexplained exit",
     .title = "Record an unexplained exit",
     .hint = "The pupil has left the roll with no known destination",
     .exit = true,
     .leaving = "Left with no known destination"},
};

size_t or_movement_count(void)
{
    return sizeof movements / sizeof movements[0];
}

const or_movement *or_movement_at(size_t i)
{
    return i < or_movement_count() ? &movements[i] : NULL;
}

const or_movement *or_movement_find(const char *type)
{
    for (size_t i = 0; type && i < or_movement_count(); i++)
        if (!strcmp(movements[i].type, type))
            return &movements[i];
    return NULL;
}
