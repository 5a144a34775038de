/* columns_tally.c - the exclusions of a year by what they count as (columns.h
 * or_columns_excl_tally): what the scrutiny report's notes quote beside the headline, so that
 * "recorded, less those that do not count" is worked out from the same columns as the figures. */
#include <string.h>

#include "model/columns_internal.h"

void or_columns_excl_tally(const or_columns *c, int ay, or_excl_tally *out)
{
    memset(out, 0, sizeof *out);
    for (int x = 0; x < c->nx; x++) {
        if (c->x_ay[x] != ay)
            continue;
        int k = c->x_kind[x] == CX_X_SUSP   ? OR_PUB_SUSPENSION
                : c->x_kind[x] == CX_X_PERM ? OR_PUB_PERMANENT
                                            : OR_PUB_NONE;
        out->recorded[k]++;
        if (k != OR_PUB_NONE && c->x_counts[x])
            out->counted[k]++;
    }
}
