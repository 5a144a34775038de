/* audit_lists.c - the children of a list in the audit log (migration 009): a list view is one
 * audit_log row whose `list` is a digest of the list's children (BLAKE2b of the sorted,
 * distinct UPNs, 128 bits in hex), and audit_lists holds each distinct list's children once,
 * so that a search by a child finds every list that showed it and a list seen again costs
 * nothing more than its one row. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store/access.h"

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

or_code or_audit_list_put(or_store *s, const char *const *upns, int n, char digest[33],
                          or_error *err)
{
    const char **sorted = malloc((size_t)n * sizeof *sorted);
    if (!sorted)
        return or_fail(err, OR_ENOMEM, "out of memory");
    memcpy(sorted, upns, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, by_text);
    int m = 0;
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 16);
    for (int i = 0; i < n; i++) {
        if (m && !strcmp(sorted[m - 1], sorted[i]))
            continue;
        sorted[m++] = sorted[i];
        crypto_generichash_update(&h, (const unsigned char *)sorted[i], strlen(sorted[i]) + 1);
    }
    unsigned char bin[16];
    crypto_generichash_final(&h, bin, sizeof bin);
    sodium_bin2hex(digest, 33, bin, sizeof bin);

    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT 1 FROM audit_lists WHERE list = ? LIMIT 1", err);
    bool known = false;
    if (!rc) {
        q.d->bind_text(q.st, 1, digest);
        rc = q.d->step(q.st, &known, err);
        or_query_done(&q);
    }
    if (!rc && !known &&
        !(rc = or_query_prep(s, &q, "INSERT INTO audit_lists (list, upn) VALUES (?, ?)", err))) {
        for (int i = 0; i < m && !rc; i++) {
            q.d->reset(q.st);
            q.d->bind_text(q.st, 1, digest);
            q.d->bind_text(q.st, 2, sorted[i]);
            bool row;
            rc = q.d->step(q.st, &row, err);
        }
        or_query_done(&q);
    }
    free(sorted);
    return rc;
}
