/* web.h (internal) - what a page handler gets and gives: the request, a store, and a response
 * (status, content type, body) that server.c sends with the security headers. */
#ifndef ONROLL_WEB_INTERNAL_H
#define ONROLL_WEB_INTERNAL_H

#include "onroll/sb.h"
#include "onroll/store.h"

typedef struct {
    const char *method, *path;
    or_store *store;
} web_request;

typedef struct {
    int status;
    const char *content_type;
    or_sb body;
} web_response;

typedef void (*web_handler)(const web_request *req, web_response *res);

void page_status(const web_request *req, web_response *res);
void page_healthz(const web_request *req, web_response *res);
void page_not_found(const web_request *req, web_response *res);

#endif
