/* scrutiny_findings.c - the order in which the scrutiny report's commentary names its
 * findings on groups of pupils (scrutiny_internal.h scr_finding): the strongest evidence first
 * - a ratio published before one that is not (suppressed, or none), a 95% confidence interval
 * that excludes 1 before one that does not, then the ratio's distance from 1 (on the log
 * scale, so 0.5 is as far as 2), then the number of children it counts - and which groups may
 * lead at all: never the unrecorded ("refused", "not obtained", "unclassified", "x") nor the
 * complements of the groups named (no SEN, not eligible for free school meals, not looked
 * after, no social worker), whose ratios only mirror the named groups'. */
#include <math.h>
#include <string.h>

#include "onroll/codes.h"
#include "report/scrutiny_internal.h"

int scr_finding_cmp(const void *p, const void *q)
{
    const scr_finding *a = p, *b = q;
    if (a->shown != b->shown)
        return a->shown ? -1 : 1;
    if (a->significant != b->significant)
        return a->significant ? -1 : 1;
    if (a->shown) {
        double da = fabs(log(a->ratio)), db = fabs(log(b->ratio));
        if (da != db)
            return da > db ? -1 : 1;
    }
    if (a->children != b->children)
        return a->children > b->children ? -1 : 1;
    return strcmp(a->phrase ? a->phrase : "", b->phrase ? b->phrase : "");
}

bool scr_group_may_lead(or_dim d, const char *code)
{
    if (!code || !strcmp(code, "x") || !strcmp(code, "Total"))
        return false;
    switch (d) {
    case OR_DIM_ETHNICITY: {
        if (!strcmp(code, "REFU") || !strcmp(code, "NOBT"))
            return false;
        const or_code_entry *e = or_code_find(OR_CS_ETHNICITY, code, OR_DATE_NONE);
        return !(e && e->major && !strcmp(e->major, "UNCL"));
    }
    case OR_DIM_ETHNICITY_MAJOR:
        return strcmp(code, "UNCL") != 0;
    case OR_DIM_SEN:
        return strcmp(code, "N") != 0;
    case OR_DIM_FSM:
    case OR_DIM_CLA:
    case OR_DIM_SOCIAL_WORKER:
        return strcmp(code, "0") != 0;
    default:
        return true;
    }
}
