/* workshop_web.h (internal) - what every workshop page uses (issue 19; docs/workshops.md): who
 * may open a workshop, the reveal of a tool's drafts, the change counter that live pages
 * follow, and the report's hooks that each tool fills.
 *
 * A tool's page (/workshops/{id}/map, /iceberg, /ideas, /toc) is routed with roles WS_ROLES
 * (anyone: a guest has no onroll session) and begins with ws_open, which lets in only the
 * workshop's facilitator, its participants, the LA's roles, the school of a school's workshop,
 * and a guest holding this workshop's cookie; anybody else gets the 404 page (the anonymous:
 * the sign-in page). A guest is a participant without an account, who joined through a
 * one-time link (/workshops/join/TOKEN): their cookie opens only their own workshop's pages,
 * and every other page of onroll sees them as not signed in. Someone with neither gets a page
 * that offers to sign in (403; not a redirect: the route lets the anonymous in, for guests).
 *
 * Live pages: after a change is committed, call ws_changed(req, id); every open page of the
 * workshop that includes the live script (ws_live_script) and marks its regions
 * (ws_live_open/ws_live_close) fetches itself again within a second and swaps those regions
 * (server-sent events from /workshops/{id}/events; polling /workshops/{id}/changes?since=N when
 * the browser has no EventSource; a "Refresh" link without JavaScript). Keep forms being typed
 * OUTSIDE the live regions. */
#ifndef ONROLL_WEB_WORKSHOP_WEB_H
#define ONROLL_WEB_WORKSHOP_WEB_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/store_workshops.h"
#include "onroll/workshops.h"
#include "web/web.h"

/* The roles of every workshop route: everyone, for guests; ws_open decides. */
#define WS_ROLES WEB_PUBLIC
/* Who lists and plans workshops (/workshops, in their navigation): LA officers and schools. */
#define WS_LIST_ROLES (WEB_R(OR_ROLE_LA_OFFICER) | WEB_R(OR_ROLE_SCHOOL))

typedef struct {
    int64_t id;          /* the workshop */
    int64_t participant; /* the caller's participant id in it, 0 when not a participant */
    bool facilitator;    /* the caller runs it (reveals, notes, participants) */
    bool guest;          /* a guest through a one-time link: no onroll account */
    int urn;             /* the workshop's school, 0 when none */
    const char *title;
    const char *who;      /* for the records: the user's email, or "guest:N" (N participant) */
    int64_t changes;      /* the change counter when the page was made */
    const or_workshop *w; /* the whole row (in req->arena) */
} ws_ctx;

/* Open workshop id for the caller (see the top of this file): true with *w filled; else the
 * page (404, or the sign-in page for the anonymous) is in res, the refusal audited, and false. */
bool ws_open(const web_request *req, web_response *res, int64_t id, ws_ctx *w);
/* The page for someone with neither an account nor a guest's cookie (403, audited): sign in
 * (then on to next, a local path), or open the facilitator's link. */
void ws_sign_in_page(const web_request *req, web_response *res, const char *next);
/* The same for the path's {id}. */
bool ws_open_path(const web_request *req, web_response *res, ws_ctx *w);
/* The context of another workshop the caller may read (the series comparison), without the
 * caller's rights in it: false when there is none. */
bool ws_ctx_of(const web_request *req, const or_workshop *row, ws_ctx *w);

/* Have tool's drafts been revealed to all ('purpose', 'map', 'iceberg', 'ideas', 'votes', or a
 * tool's own id)? False on a store failure. */
bool ws_revealed(const web_request *req, int64_t id, const char *tool);
/* Reveal tool's drafts (the facilitator's act: false and nothing done for anyone else): in one
 * transaction with its audit line, then ws_changed. */
bool ws_reveal(const web_request *req, const ws_ctx *w, const char *tool);
/* The facilitator's "Reveal to everyone" button (nothing for others, or once revealed: a
 * line saying it is): a form posting to /workshops/{id}/reveal, which comes back to back_path
 * (a local path). */
void ws_reveal_button(or_sb *out, const web_request *req, const ws_ctx *w, const char *tool,
                      const char *back_path);

/* The workshop's boards changed: add one to its counter and tell every open page (within a
 * second). Call it AFTER the change is committed. */
void ws_changed(const web_request *req, int64_t id);

/* A live region: <div id="region_id" ... data-ws-live> ... </div>, and the script that keeps it
 * current (once per page, anywhere in the body). The region is swapped whole on a change. */
void ws_live_open(or_sb *out, const ws_ctx *w, const char *region_id);
void ws_live_close(or_sb *out, const ws_ctx *w);
void ws_live_script(or_sb *out, const web_request *req); /* also links workshops.css */

/* The workshop's caption for headings ("Inclusion 2027: staff session, 8 December 2026"). */
const char *ws_caption(const web_request *req, const ws_ctx *w);
/* A participant's name as the report may show it: their name when they agreed, else their
 * role ("Participant" when none). */
const char *ws_shown_name(const or_ws_participant *p);

/* ---- the report's hooks: one line per tool in workshop_hooks.c's table ---- */

typedef void (*ws_hook_fn)(const web_request *req, const ws_ctx *w, or_sb *out);
typedef struct {
    const char *tool;   /* "map" */
    const char *title;  /* "System-players map": the report's heading of the section */
    ws_hook_fn report;  /* the tool's section of /workshops/{id}/report (HTML under an <h2>) */
    ws_hook_fn summary; /* a few words or a short list for the series comparison's cell */
} ws_tool_hook;
extern const ws_tool_hook ws_tool_hooks[]; /* ends with {NULL} */

/* The hooks the tools define (each in its own file; listed in workshop_hooks.c once merged). */
void ws_report_map(const web_request *req, const ws_ctx *w, or_sb *out);
void ws_summary_map(const web_request *req, const ws_ctx *w, or_sb *out);
void ws_report_iceberg(const web_request *req, const ws_ctx *w, or_sb *out);
void ws_summary_iceberg(const web_request *req, const ws_ctx *w, or_sb *out);
void ws_report_ideas(const web_request *req, const ws_ctx *w, or_sb *out);
void ws_summary_ideas(const web_request *req, const ws_ctx *w, or_sb *out);
void ws_report_toc(const web_request *req, const ws_ctx *w, or_sb *out);
void ws_summary_toc(const web_request *req, const ws_ctx *w, or_sb *out);

/* ---- the pages (page_workshops.c, page_workshop.c, page_workshop_people.c,
 * page_workshop_join.c, page_workshop_report.c, workshop_web.c) ---- */

void page_workshops(const web_request *req, web_response *res);
void page_workshops_download(const web_request *req, web_response *res);
void page_workshop_new(const web_request *req, web_response *res);
void page_workshop_new_post(const web_request *req, web_response *res);
void page_workshop(const web_request *req, web_response *res);
void page_workshop_post(const web_request *req, web_response *res);
void page_workshop_people_new(const web_request *req, web_response *res);
void page_workshop_people_new_post(const web_request *req, web_response *res);
void page_workshop_join(const web_request *req, web_response *res);
void page_workshop_join_post(const web_request *req, web_response *res);
void page_workshop_reveal_post(const web_request *req, web_response *res);
void page_workshop_events(const web_request *req, web_response *res);
void page_workshop_changes(const web_request *req, web_response *res);
void page_workshop_report(const web_request *req, web_response *res);
void page_workshop_report_pdf(const web_request *req, web_response *res);

#endif
