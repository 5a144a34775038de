/* page_workshop_iceberg.c - the iceberg of a workshop (issue 19 part 4; toolkit §1.2):
 *
 *   GET, POST /workshops/{id}/iceberg                 the iceberg, its list view and its forms;
 *   GET       /workshops/{id}/iceberg/cards/{card}    one note: change, mark, link, remove;
 *   GET       /workshops/{id}/iceberg/download        ?format=svg|pdf|csv;
 *
 * and its sections of the workshop report. The board engine (board_web.c) does the work. */
#include "web/board_web.h"

void page_workshop_iceberg(const web_request *req, web_response *res)
{
    board_page(req, res, OR_BOARD_ICEBERG);
}

void page_workshop_iceberg_post(const web_request *req, web_response *res)
{
    board_post(req, res, OR_BOARD_ICEBERG);
}

void page_workshop_iceberg_card(const web_request *req, web_response *res)
{
    board_card_page(req, res, OR_BOARD_ICEBERG);
}

void page_workshop_iceberg_download(const web_request *req, web_response *res)
{
    board_download(req, res, OR_BOARD_ICEBERG);
}

void ws_report_iceberg(const web_request *req, const ws_ctx *w, or_sb *out)
{
    board_report(req, w, out, OR_BOARD_ICEBERG);
}

void ws_summary_iceberg(const web_request *req, const ws_ctx *w, or_sb *out)
{
    board_summary(req, w, out, OR_BOARD_ICEBERG);
}
