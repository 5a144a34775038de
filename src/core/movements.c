/* movements.c - the pupil movements as data (movements.h): formats.md's event types with the
 * columns each takes (as rowcheck.c checks them) and whether it takes the pupil off the roll. */
#include <string.h>

#include "onroll/movements.h"

static const or_movement movements[] = {
    {"managed_move", "Managed move", "managed move",
     "The pupil has moved to another school after a successful trial", true, "Managed move", true,
     true, false, false, false},
    {"in_year_transfer", "In-year transfer", "in-year transfer",
     "The pupil has moved to another school during the school year, not as a managed move", true,
     "In-year transfer", true, true, false, false, false},
    {"off_site_direction", "Off-site direction", "off-site direction",
     "The school has directed the pupil to be educated off-site to improve their behaviour; the "
     "pupil stays on roll",
     false, NULL, true, false, true, false, true},
    {"ap_placement", "Alternative provision placement", "alternative provision placement",
     "The pupil attends alternative provision for a time and stays on roll", false, NULL, false,
     false, true, true, true},
    {"ehe", "Elective home education", "elective home education",
     "The parents have told the school in writing that they will educate the child at home", true,
     "Elective home education", false, false, false, false, false},
    {"cme", "Child missing education", "child missing education",
     "The pupil is removed from roll and the school does not know where they are being "
     "educated",
     true, "Child missing education", false, false, false, false, false},
    {"unexplained_exit", "Unexplained exit", "unexplained exit",
     "The pupil has left the roll with no known destination", true,
     "Left with no known destination", false, false, false, false, false},
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
