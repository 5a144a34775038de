/* scrutiny.c - placeholder until the scrutiny report lands (being written). */
#include "onroll/scrutiny.h"

or_code or_scrutiny_write(or_store *s, const or_columns *c, const or_scrutiny_opts *o, FILE *out,
                          or_error *err)
{
    (void)s;
    (void)c;
    (void)o;
    (void)out;
    return or_fail(err, OR_EUSAGE, "the scrutiny report is not built yet");
}
