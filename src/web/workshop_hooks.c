/* workshop_hooks.c - the tools' sections of the workshop report (workshop_web.h): one line per
 * tool, added by the tool's own branch under its comment (each line's functions live in the
 * tool's files). The report and the series comparison walk this table; a tool not listed has
 * no section. */
#include "web/workshop_web.h"

const ws_tool_hook ws_tool_hooks[] = {
    /* boards: the system-players map */
    {"map", "System-players map", ws_report_map, ws_summary_map},

    /* boards: the iceberg */
    {"iceberg", "Iceberg", ws_report_iceberg, ws_summary_iceberg},

    /* ideas: energy for change */
    {"ideas", "Energy for change", ws_report_ideas, ws_summary_ideas},

    /* toc: the theory of change */
    {"toc", "Theory of change", ws_report_toc, ws_summary_toc},

    {NULL, NULL, NULL, NULL},
};
