/* demo_improve_kit.c - the write helpers demo_improve.c and demo_workshop.c share
 * (demo_improve_kit.h): a date in the generator's arena, the weekday on or before a date, a write's
 * audit line, and the end of a transaction. */
#include "demo/demo_improve_kit.h"
#include "onroll/store_audit.h"

const char *im_day(imp *x, or_date d)
{
    char b[11];
    or_date_format(d, b);
    return or_arena_strdup(&x->a, b);
}

or_date im_weekday(or_date d)
{
    while (or_date_is_weekend(d))
        d--;
    return d;
}

or_code im_audit(imp *x, const char *object, const char *detail)
{
    or_audit_entry e = {.actor = x->actor,
                        .role = "cli",
                        .action = "change",
                        .object = object,
                        .detail = or_arena_printf(&x->a, "onroll demo: %s", detail)};
    return or_audit_add(x->s, &e, x->err);
}

or_code im_finish(imp *x, or_code rc)
{
    if (!rc)
        rc = or_store_commit(x->s, x->err);
    if (rc)
        or_store_rollback(x->s);
    return rc;
}
