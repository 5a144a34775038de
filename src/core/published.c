/* published.c - what the published figures count (published.h): the one table the model's
 * counting and the scrutiny report's notes read. */
#include "onroll/published.h"

static const or_pub_def defs[] = {
    {OR_EV_SUSPENSION, OR_PUB_SUSPENSION, "suspensions",
     "counted in the suspension figures on the day each starts"},
    {OR_EV_LUNCHTIME, OR_PUB_NONE, "lunchtime suspensions",
     "counted in no figure: the school census does not collect them, so the DfE's published "
     "suspension figures leave them out, and so does this report"},
    {OR_EV_PERMANENT, OR_PUB_PERMANENT, "permanent exclusions",
     "counted in the permanent exclusion figures on the day each takes effect"},
};

const or_pub_def *or_pub_defs(int *n)
{
    *n = (int)(sizeof defs / sizeof defs[0]);
    return defs;
}

or_pub_count or_pub_counted_as(or_event_kind k)
{
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        if (defs[i].kind == k)
            return defs[i].counted_as;
    return OR_PUB_NONE;
}

const char *const or_pub_not_counted =
    "withdrawn ones, and those the pupil was reinstated from on or before the day they were to "
    "begin";

const char *const or_pub_characteristics =
    "the characteristics recorded on the spring census day when the pupil was on roll that day, "
    "otherwise those in force on the day of the exclusion";
