/* board_web.h (internal) - the one board engine behind the system-players map and the iceberg
 * (issue 19 parts 2-4; boards.h, store_boards.h, docs/workshop-boards.md):
 *
 *   GET  /workshops/{id}/TOOL                 the board: its drawing (SVG), the list view (the
 *        cards by ring or level, the links, the figures), the form to add a card, the tool's
 *        discussion questions with their notes, the downloads;
 *   POST /workshops/{id}/TOOL                 every change: action=add, update, delete, link,
 *        strength, unlink, notes (each a form of the form engine, CSRF-checked by the server);
 *   GET  /workshops/{id}/TOOL/cards/{card}    one card: change it, remove it, link it;
 *   GET  /workshops/{id}/TOOL/download?format=svg|csv|pdf   the board as a file (audited).
 *
 * Who: whoever ws_open lets into the workshop (its facilitator, participants, guests through
 * their link, the LA; anyone else 404). Writing: the participants and the facilitator. Each
 * participant drafts alone: until the facilitator reveals the tool (ws_reveal) a card and a
 * link are seen only by who wrote them (ws_ctx.who); after, by everyone. A card is changed or
 * removed by who wrote it, or the facilitator once it is revealed; how well two players work
 * together and the notes are the facilitator's. Every write is one transaction with its audit
 * line, then ws_changed tells every open page. Everything works without JavaScript. */
#ifndef ONROLL_WEB_BOARD_WEB_H
#define ONROLL_WEB_BOARD_WEB_H

#include "onroll/boards.h"
#include "web/workshop_web.h"

void board_page(const web_request *req, web_response *res, or_board_tool tool);
void board_post(const web_request *req, web_response *res, or_board_tool tool);
void board_card_page(const web_request *req, web_response *res, or_board_tool tool);
void board_download(const web_request *req, web_response *res, or_board_tool tool);

/* The workshop report's sections (workshop_web.h's hooks): the board as revealed. */
void board_report(const web_request *req, const ws_ctx *w, or_sb *out, or_board_tool tool);
void board_summary(const web_request *req, const ws_ctx *w, or_sb *out, or_board_tool tool);

/* the pages (page_workshop_map.c, page_workshop_iceberg.c) */
void page_workshop_map(const web_request *req, web_response *res);
void page_workshop_map_post(const web_request *req, web_response *res);
void page_workshop_map_card(const web_request *req, web_response *res);
void page_workshop_map_download(const web_request *req, web_response *res);
void page_workshop_iceberg(const web_request *req, web_response *res);
void page_workshop_iceberg_post(const web_request *req, web_response *res);
void page_workshop_iceberg_card(const web_request *req, web_response *res);
void page_workshop_iceberg_download(const web_request *req, web_response *res);

#endif
