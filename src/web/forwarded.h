/* forwarded.h (internal) - the client's address when onroll is behind a reverse proxy: the
 * X-Forwarded-For header is believed only when the TCP peer is one of the proxies the LA named
 * (`onroll serve --trusted-proxy ADDR`); from anyone else it is ignored, since any client can
 * send it. The address found is what the audit log and sign-in throttling see. (forwarded.c) */
#ifndef ONROLL_WEB_FORWARDED_H
#define ONROLL_WEB_FORWARDED_H

#include <stdbool.h>

#include "onroll/error.h"

enum {
    WEB_TRUSTED_MAX = 32, /* trusted proxies */
    WEB_ADDR_MAX = 46,    /* an address as text, with its NUL (INET6_ADDRSTRLEN) */
};

typedef struct {
    struct {
        int family;              /* AF_INET or AF_INET6 */
        unsigned char bytes[16]; /* the address, network order */
    } items[WEB_TRUSTED_MAX];
    int n;
} web_trusted;

/* Add the IPv4 or IPv6 addresses of a comma-separated list ("10.0.0.1, 10.0.0.2") to t.
 * OR_EUSAGE, naming the value, when an item is not an address or there are too many. */
or_code web_trusted_add(web_trusted *t, const char *list, or_error *err);
/* Is addr (text) one of t's? */
bool web_trusted_has(const web_trusted *t, const char *addr);
/* The client's address, as text in its usual form, into out: peer, unless peer is a trusted
 * proxy and xff (the X-Forwarded-For header, NULL when absent) names addresses; then the
 * right-most address of xff that is not itself a trusted proxy (the left-most when all are).
 * When that item is not an IPv4 or IPv6 address (a port, a name, an empty item), the peer's. */
void web_forwarded_client(const web_trusted *t, const char *peer, const char *xff,
                          char out[WEB_ADDR_MAX]);

#endif
