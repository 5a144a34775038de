/* forwarded.c - the client's address behind a trusted reverse proxy (forwarded.h). Each proxy
 * appends the address it received the request from to X-Forwarded-For, so reading from the
 * right, past the proxies the LA trusts, the first address is the one the last trusted proxy
 * saw: everything to its left was written by the client and may be false. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "web/forwarded.h"

/* Parse text as an IPv4 or IPv6 address: its family (0 when it is neither). */
static int parse_addr(const char *text, unsigned char bytes[16])
{
    if (inet_pton(AF_INET, text, bytes) == 1)
        return AF_INET;
    if (inet_pton(AF_INET6, text, bytes) == 1)
        return AF_INET6;
    return 0;
}

static bool has(const web_trusted *t, int family, const unsigned char bytes[16])
{
    size_t n = family == AF_INET ? 4 : 16;
    for (int i = 0; i < t->n; i++)
        if (t->items[i].family == family && !memcmp(t->items[i].bytes, bytes, n))
            return true;
    return false;
}

/* Copy the item [from, to) without surrounding blanks into buf (size WEB_ADDR_MAX): false when
 * it is empty or too long to be an address. */
static bool item(const char *from, const char *to, char buf[WEB_ADDR_MAX])
{
    while (from < to && (*from == ' ' || *from == '\t'))
        from++;
    while (to > from && (to[-1] == ' ' || to[-1] == '\t'))
        to--;
    if (from == to || to - from >= WEB_ADDR_MAX)
        return false;
    memcpy(buf, from, (size_t)(to - from));
    buf[to - from] = '\0';
    return true;
}

or_code web_trusted_add(web_trusted *t, const char *list, or_error *err)
{
    for (const char *p = list;; p++) { /* p: an item's start */
        const char *end = strchr(p, ',');
        if (!end)
            end = p + strlen(p);
        char buf[WEB_ADDR_MAX];
        unsigned char bytes[16];
        int family = 0;
        if (!item(p, end, buf) || !(family = parse_addr(buf, bytes)))
            return or_fail(err, OR_EUSAGE,
                           "--trusted-proxy: '%.*s' is not an IPv4 or IPv6 address (expected "
                           "an address like 10.0.0.5, or several separated by commas)",
                           (int)(end - p > 60 ? 60 : end - p), p);
        if (t->n == WEB_TRUSTED_MAX)
            return or_fail(err, OR_EUSAGE, "--trusted-proxy: more than %d addresses",
                           WEB_TRUSTED_MAX);
        t->items[t->n].family = family;
        memcpy(t->items[t->n].bytes, bytes, sizeof bytes);
        t->n++;
        if (!*end)
            return OR_OK;
        p = end;
    }
}

bool web_trusted_has(const web_trusted *t, const char *addr)
{
    unsigned char bytes[16];
    int family = addr ? parse_addr(addr, bytes) : 0;
    return family && has(t, family, bytes);
}

void web_forwarded_client(const web_trusted *t, const char *peer, const char *xff,
                          char out[WEB_ADDR_MAX])
{
    snprintf(out, WEB_ADDR_MAX, "%s", peer);
    if (!xff || !*xff || !web_trusted_has(t, peer))
        return;
    const char *end = xff + strlen(xff);
    for (;;) { /* the items from the right */
        const char *start = end;
        while (start > xff && start[-1] != ',')
            start--;
        char buf[WEB_ADDR_MAX];
        unsigned char bytes[16];
        int family = 0;
        if (!item(start, end, buf) || !(family = parse_addr(buf, bytes))) {
            snprintf(out, WEB_ADDR_MAX, "%s", peer); /* not an address: the proxy's */
            return;
        }
        inet_ntop(family, bytes, out, WEB_ADDR_MAX); /* the usual form */
        if (!has(t, family, bytes) || start == xff)
            return;      /* the client, or the left-most of trusted proxies only */
        end = start - 1; /* the comma before it */
    }
}
