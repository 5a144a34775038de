/* page_workshop_map.c - the system-players map of a workshop (issue 19 part 3; toolkit §1.1):
 *
 *   GET, POST /workshops/{id}/map                 the map, its list view and its forms;
 *   GET       /workshops/{id}/map/cards/{card}    one player: change, link, remove;
 *   GET       /workshops/{id}/map/download        ?format=svg|pdf|csv;
 *
 * and its sections of the workshop report. The board engine (board_web.c) does the work. */
#include "web/board_web.h"

void page_workshop_map(const web_request *req, web_response *res)
{
    board_page(req, res, OR_BOARD_MAP);
}

void page_workshop_map_post(const web_request *req, web_response *res)
{
    board_post(req, res, OR_BOARD_MAP);
}

void page_workshop_map_card(const web_request *req, web_response *res)
{
    board_card_page(req, res, OR_BOARD_MAP);
}

void page_workshop_map_download(const web_request *req, web_response *res)
{
    board_download(req, res, OR_BOARD_MAP);
}

void ws_report_map(const web_request *req, const ws_ctx *w, or_sb *out)
{
    board_report(req, w, out, OR_BOARD_MAP);
}

void ws_summary_map(const web_request *req, const ws_ctx *w, or_sb *out)
{
    board_summary(req, w, out, OR_BOARD_MAP);
}
