/* nccis.c - the NCCIS activity codes (nccis.h, docs/roni.md): groups by the hundreds of the
 * code, and the names of the codes onroll can cite.
 *
 * shared/data holds no NCCIS code list, and no copy of the NCCIS management information
 * requirement (DfE, published each year) was at hand to cite code by code. Its current-activity
 * codes are grouped by their hundreds: 200s education, 300s employment, 400s training, 500s
 * NEET available to the labour market, 600s NEET not available, 700s other (in custody among
 * them), 800s current situation not known. Check against the current edition when its list is
 * added to shared/data.
 * The named codes are those issue 17 names ("210 school sixth form ... 810 not known"); any
 * other code in those hundreds is accepted and shown by its group and number. */
#include <stddef.h>

#include "onroll/nccis.h"

static const struct {
    int code;
    const char *name;
} named[] = {
    {210, "School sixth form"},
    {810, "Current situation not known"},
};

static const char *const labels[OR_NCCIS__N] = {"Education", "Employment", "Training",
                                                "NEET",      "Other",      "Not known"};

int or_nccis_group_of(int code)
{
    if (code < 200 || code > 899)
        return -1;
    switch (code / 100) {
    case 2:
        return OR_NCCIS_EDUCATION;
    case 3:
        return OR_NCCIS_EMPLOYMENT;
    case 4:
        return OR_NCCIS_TRAINING;
    case 5:
    case 6:
        return OR_NCCIS_NEET;
    case 7:
        return OR_NCCIS_OTHER;
    default:
        return OR_NCCIS_NOT_KNOWN;
    }
}

const char *or_nccis_group_label(or_nccis_group g)
{
    return g >= 0 && g < OR_NCCIS__N ? labels[g] : "";
}

const char *or_nccis_name(int code)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].code == code)
            return named[i].name;
    int g = or_nccis_group_of(code);
    return g < 0 ? "" : labels[g];
}

int or_nccis_neet_or_not_known(int code)
{
    int g = or_nccis_group_of(code);
    return g == OR_NCCIS_NEET || g == OR_NCCIS_NOT_KNOWN;
}
