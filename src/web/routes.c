/* routes.c - the one route table: every URL the server answers, who may use it, and what it
 * does (kcgi's declared routes, cgit's command table). server.c enforces each line before the
 * handler runs; tests/unit/test_web_routes.c checks the table (every route has a role list,
 * no route that reads a pupil's record is open to the analyst, the anonymous or the API).
 *
 * To add a page: write page_NAME.c with one handler, declare it in web.h, add one line here.
 * A `nav` label puts the page in the service navigation of the roles that may use it; a `hub`
 * puts it on that hub page instead, for the hub's roles (page_hub.c). */
#include <string.h>

#include "web/board_web.h"
#include "web/ideas_web.h"
#include "web/panel_web.h"
#include "web/survey_results_web.h"
#include "web/web.h"
#include "web/workshop_web.h"

/* A line leaves out the fields it does not need (a nav label, a hub): they are NULL. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
const web_route web_routes[] = {
    /* method, pattern, handler, who may, flags, navigation label, hub */
    {"GET", "/", page_home, WEB_STAFF, 0, "Home"},
    {"GET", "/healthz", page_healthz, WEB_PUBLIC, 0, NULL},
    {"GET", "/sign-in", page_sign_in, WEB_PUBLIC, 0, NULL},
    {"POST", "/sign-in", page_sign_in_post, WEB_PUBLIC, 0, NULL},
    {"GET", "/sign-in/code", page_sign_in_code, WEB_PUBLIC, 0, NULL},
    {"POST", "/sign-in/code", page_sign_in_code_post, WEB_PUBLIC, 0, NULL},
    {"POST", "/sign-out", page_sign_out, WEB_STAFF, 0, NULL},
    {"GET", "/status", page_status, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, "Status", HUB_DATA},
    /* the worklists' CSV downloads (list.h), before the patterns they would match */
    {"GET", "/pupils/download", page_pupils_download, WEB_PUPIL_ROLES, 0, NULL},
    {"GET", "/schools/download", page_schools_download, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/referrals/download", page_referrals_download, WEB_LA | WEB_R(OR_ROLE_PARTNER), 0,
     NULL},
    {"GET", "/peps/download", page_peps_download, WEB_LA | WEB_R(OR_ROLE_VIRTUAL_SCHOOL), 0, NULL},
    {"GET", "/children-not-in-school/download", page_cnis_download, WEB_LA, 0, NULL},
    {"GET", "/pupils/{upn}", page_pupil, WEB_PUPIL_ROLES, WEB_F_PUPIL | WEB_F_PART | WEB_F_CLAIM,
     NULL},
    {"GET", "/dashboard", page_dashboard, WEB_STAFF, 0, "Dashboard"},
    {"GET", "/pupils", page_pupils, WEB_PUPIL_ROLES, 0, "Pupils"},
    {"GET", "/duties", page_duties, WEB_PUPIL_ROLES, 0, "Duties"},
    {"GET", "/duties/download", page_duties_download, WEB_PUPIL_ROLES, 0, NULL},
    {"GET", "/risk", page_risk, WEB_PUPIL_ROLES, 0, "Children at risk"},
    {"GET", "/risk/download", page_risk_download, WEB_PUPIL_ROLES, 0, NULL},
    /* the risk of NEET (page_roni.c): never the analyst; a school changes its own pupils' */
    {"GET", "/roni", page_roni, WEB_PLAN_ROLES, 0, "Risk of NEET", HUB_OUTSIDE_SCHOOL},
    {"GET", "/roni/download", page_roni_download, WEB_PLAN_ROLES, 0, NULL},
    {"GET", "/roni/schools/{urn}", page_roni_school, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/roni/pupils/{upn}", page_roni_pupil, WEB_PLAN_ROLES, WEB_F_PUPIL, NULL},
    {"POST", "/roni/pupils/{upn}", page_roni_pupil_post, WEB_R(OR_ROLE_SCHOOL), WEB_F_PUPIL, NULL},
    {"GET", "/reports/roni", page_report_roni, WEB_LA, 0, NULL},
    {"GET", "/schools", page_schools, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, "Schools"},
    {"GET", "/schools/{urn}", page_school, WEB_LA | WEB_R(OR_ROLE_SCHOOL) | WEB_R(OR_ROLE_ANALYST),
     0, NULL},
    {"GET", "/pupils/{upn}/record", page_record, WEB_RECORD_ROLES, WEB_F_PUPIL, NULL},
    {"POST", "/pupils/{upn}/record", page_record_post, WEB_RECORD_ROLES, WEB_F_PUPIL, NULL},
    {"GET", "/pupils/{upn}/movements/new", page_movement, WEB_RECORD_ROLES, WEB_F_PUPIL, NULL},
    {"POST", "/pupils/{upn}/movements/new", page_movement_post, WEB_RECORD_ROLES, WEB_F_PUPIL,
     NULL},
    {"GET", "/pupils/{upn}/action", page_action, WEB_RECORD_ROLES | WEB_R(OR_ROLE_PARTNER),
     WEB_F_PUPIL | WEB_F_PART, NULL}, /* a partner: the MASH's assessments only (page_action.c) */
    {"POST", "/pupils/{upn}/action", page_action_post, WEB_RECORD_ROLES | WEB_R(OR_ROLE_PARTNER),
     WEB_F_PUPIL | WEB_F_PART, NULL},
    {"GET", "/pupils/{upn}/outcomes", page_outcomes, WEB_OUTCOME_ROLES, WEB_F_PUPIL, NULL},
    {"POST", "/pupils/{upn}/outcomes", page_outcomes_post, WEB_OUTCOME_ROLES, WEB_F_PUPIL, NULL},
    {"GET", "/pupils/{upn}/events/{event_id}/letters", page_letters, WEB_RECORD_ROLES,
     WEB_F_PUPIL | WEB_F_PART, NULL},
    {"POST", "/pupils/{upn}/events/{event_id}/letters", page_letters_post, WEB_RECORD_ROLES,
     WEB_F_PUPIL | WEB_F_PART, NULL},
    {"GET", "/pupils/{upn}/events/{event_id}/letters/{letter}", page_letter, WEB_RECORD_ROLES,
     WEB_F_PUPIL | WEB_F_PART, NULL},
    {"POST", "/pupils/{upn}/events/{event_id}/letters/{letter}", page_letter_post, WEB_RECORD_ROLES,
     WEB_F_PUPIL | WEB_F_PART, NULL},
    {"GET", "/pupils/{upn}/events/{event_id}/letters/{letter}/pdf", page_letter_pdf,
     WEB_RECORD_ROLES, WEB_F_PUPIL | WEB_F_PART, NULL},
    /* the graduated response: plans, reviews and referrals (plans_web.h) */
    {"GET", "/pupils/{upn}/plans", page_plans, WEB_PUPIL_ROLES, WEB_F_PUPIL | WEB_F_PART, NULL},
    {"GET", "/pupils/{upn}/plans/new", page_plan_new, WEB_PLAN_ROLES, WEB_F_PUPIL, NULL},
    {"POST", "/pupils/{upn}/plans/new", page_plan_new_post, WEB_PLAN_ROLES, WEB_F_PUPIL, NULL},
    {"GET", "/pupils/{upn}/plans/{event_id}/review", page_plan_review, WEB_PLAN_ROLES, WEB_F_PUPIL,
     NULL},
    {"POST", "/pupils/{upn}/plans/{event_id}/review", page_plan_review_post, WEB_PLAN_ROLES,
     WEB_F_PUPIL, NULL},
    {"GET", "/pupils/{upn}/referrals", page_pupil_referrals, WEB_PUPIL_ROLES,
     WEB_F_PUPIL | WEB_F_PART, NULL},
    {"GET", "/pupils/{upn}/referrals/new", page_referral_new, WEB_RECORD_ROLES, WEB_F_PUPIL, NULL},
    {"POST", "/pupils/{upn}/referrals/new", page_referral_new_post, WEB_RECORD_ROLES, WEB_F_PUPIL,
     NULL},
    {"GET", "/referrals/{urn}/{event_id}", page_referral, WEB_PUPIL_ROLES, WEB_F_PUPIL | WEB_F_PART,
     NULL},
    {"POST", "/referrals/{urn}/{event_id}", page_referral_post, WEB_REFERRAL_ROLES,
     WEB_F_PUPIL | WEB_F_PART, NULL},
    {"GET", "/referrals", page_referrals, WEB_LA | WEB_R(OR_ROLE_PARTNER), 0, "Referrals",
     HUB_SUPPORT},
    /* the multi-agency panel (panel_web.h, docs/panel.md) */
    {"GET", "/panel", page_panel, WEB_LA, 0, "Panel", HUB_SUPPORT},
    {"GET", "/panel/download", page_panel_download, WEB_LA, 0, NULL},
    {"GET", "/panel/meetings/new", page_panel_meeting_new, WEB_LA, 0, NULL},
    {"POST", "/panel/meetings/new", page_panel_meeting_add, WEB_LA, 0, NULL},
    {"GET", "/panel/meetings/{date}", page_panel_meeting, WEB_LA, 0, NULL},
    {"POST", "/panel/meetings/{date}/circulate", page_panel_circulate, WEB_LA, 0, NULL},
    {"GET", "/pupils/{upn}/panel/new", page_panel_new, WEB_RECORD_ROLES, WEB_F_PUPIL, NULL},
    {"POST", "/pupils/{upn}/panel/new", page_panel_new_post, WEB_RECORD_ROLES, WEB_F_PUPIL, NULL},
    {"GET", "/pupils/{upn}/panel/decide", page_panel_decide, WEB_LA, WEB_F_PUPIL, NULL},
    {"POST", "/pupils/{upn}/panel/decide", page_panel_decide_post, WEB_LA, WEB_F_PUPIL, NULL},
    {"GET", "/peps", page_peps, WEB_LA | WEB_R(OR_ROLE_VIRTUAL_SCHOOL), 0, "PEPs", HUB_SUPPORT},
    {"GET", "/children-not-in-school", page_cnis, WEB_LA, 0, "Children not in school",
     HUB_OUTSIDE_SCHOOL},
    {"GET", "/claims", page_claims, WEB_RECORD_ROLES, 0, "Claims", HUB_DATA},
    {"GET", "/claims/{id}", page_claim, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/claims/{id}", page_claim_post, WEB_LA, 0, NULL},
    {"GET", "/upload", page_upload, WEB_RECORD_ROLES, 0, "Upload", HUB_DATA},
    {"POST", "/upload", page_upload_post, WEB_RECORD_ROLES, WEB_F_UPLOAD, NULL},
    /* the interventions directory: searched and read by everyone who works with children (not
     * the analyst: the published statistics are their work), edited by the LA; a pupil's
     * interventions recorded by those who record (the LA; a school for its own pupils).
     * /interventions/new before /interventions/{id}, which would match it. */
    /* alternative provision (issue 17): the register (the LA writes, schools read) and the
     * placements (a school sees its own; the LA every one). /new before /{slug}. */
    {"GET", "/ap/providers", page_ap_providers, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/ap/providers/download", page_ap_providers_download, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/ap/providers/new", page_ap_provider_new, WEB_LA, 0, NULL},
    {"POST", "/ap/providers/new", page_ap_provider_new_post, WEB_LA, 0, NULL},
    {"GET", "/ap/providers/{slug}", page_ap_provider, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/ap/providers/{slug}/qa", page_ap_provider_qa, WEB_LA, 0, NULL},
    {"POST", "/ap/providers/{slug}/qa", page_ap_provider_qa_post, WEB_LA, 0, NULL},
    {"GET", "/ap/placements", page_ap_placements, WEB_RECORD_ROLES, 0, "Alternative provision",
     HUB_OUTSIDE_SCHOOL},
    {"GET", "/ap/placements/download", page_ap_placements_download, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/pupils/{upn}/ap/new", page_ap_placement_new, WEB_RECORD_ROLES, WEB_F_PUPIL, NULL},
    {"POST", "/pupils/{upn}/ap/new", page_ap_placement_new_post, WEB_RECORD_ROLES, WEB_F_PUPIL,
     NULL},
    {"GET", "/interventions", page_interventions, WEB_PUPIL_ROLES, 0, "Interventions", HUB_SUPPORT},
    {"GET", "/interventions/new", page_intervention_new, WEB_LA, 0, NULL},
    {"POST", "/interventions/new", page_intervention_new_post, WEB_LA, 0, NULL},
    {"GET", "/interventions/{id}", page_intervention, WEB_PUPIL_ROLES, 0, NULL},
    {"GET", "/interventions/{id}/edit", page_intervention_edit, WEB_LA, 0, NULL},
    {"POST", "/interventions/{id}/edit", page_intervention_edit_post, WEB_LA, 0, NULL},
    {"GET", "/pupils/{upn}/interventions", page_pupil_interventions, WEB_RECORD_ROLES, WEB_F_PUPIL,
     NULL},
    {"POST", "/pupils/{upn}/interventions", page_pupil_interventions_post, WEB_RECORD_ROLES,
     WEB_F_PUPIL, NULL},
    /* the hubs (page_hub.c): the pages whose line names one show there, not in the navigation,
     * for the hub's roles */
    {"GET", HUB_SUPPORT, page_hub, WEB_LA, 0, "Support"},
    {"GET", HUB_OUTSIDE_SCHOOL, page_hub, WEB_RECORD_ROLES, 0, "Outside school"},
    {"GET", HUB_IMPROVEMENT, page_hub, WEB_RECORD_ROLES, 0, "Improvement"},
    {"GET", "/reports", page_reports, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, "Reports"},
    {"GET", HUB_DATA, page_hub, WEB_RECORD_ROLES, 0, "Data"},
    {"GET", HUB_ADMIN, page_hub, WEB_ADMIN, 0, "Admin"},
    {"GET", "/reports/download", page_reports_download, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/reports/scrutiny", page_reports_scrutiny, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/reports/scrutiny/actions", page_report_actions, WEB_LA, 0, NULL},
    {"POST", "/reports/scrutiny/actions", page_report_actions_post, WEB_LA, 0, NULL},
    {"GET", "/notifications", page_notifications, WEB_LA, 0, "Notifications", HUB_DATA},
    {"POST", "/notifications/{id}/retry", page_notification_retry, WEB_LA, 0, NULL},
    {"GET", "/admin/recipients", page_recipients, WEB_ADMIN, 0, "Partner recipients", HUB_ADMIN},
    {"POST", "/admin/recipients", page_recipients_post, WEB_ADMIN, 0, NULL},
    /* the settings people fill once (page_settings.c): a school's account its own school's */
    {"GET", "/admin/settings", page_settings, WEB_ADMIN, 0, "Settings", HUB_ADMIN},
    {"POST", "/admin/settings", page_settings_post, WEB_ADMIN, 0, NULL},
    {"GET", "/schools/{urn}/settings", page_school_settings, WEB_ADMIN | WEB_R(OR_ROLE_SCHOOL), 0,
     NULL},
    {"POST", "/schools/{urn}/settings", page_school_settings_post,
     WEB_ADMIN | WEB_R(OR_ROLE_SCHOOL), 0, NULL},
    {"GET", "/settings", page_own_settings, WEB_R(OR_ROLE_SCHOOL), 0, "Settings"},
    /* the vulnerability dashboard and staff training against need (issue 18 parts 5, 6) */
    {"GET", "/vulnerability", page_vulnerability, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0,
     "Vulnerability", HUB_IMPROVEMENT},
    {"GET", "/schools/{urn}/vulnerability", page_school_vulnerability, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/schools/{urn}/training", page_training, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/schools/{urn}/training/download", page_training_download, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/schools/{urn}/training/new", page_training_new, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/schools/{urn}/training/new", page_training_new_post, WEB_RECORD_ROLES, 0, NULL},
    /* partnership meetings (page_partnership.c): the school its own, the LA any school's */
    {"GET", "/schools/{urn}/partnership", page_partnership, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/schools/{urn}/partnership/download", page_partnership_download, WEB_RECORD_ROLES, 0,
     NULL},
    {"GET", "/schools/{urn}/partnership/new", page_partnership_new, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/schools/{urn}/partnership/new", page_partnership_new_post, WEB_RECORD_ROLES, 0,
     NULL},
    /* a partner's one-click link: the token is the credential (page_notice.c) */
    {"GET", "/n/{token}", page_notice, WEB_PUBLIC, WEB_F_SECRET_PATH, NULL},
    {"POST", "/n/{token}", page_notice_post, WEB_PUBLIC, WEB_F_SECRET_PATH, NULL},
    {"GET", "/reports/outcomes", page_report_outcomes, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/reports/outcomes/download", page_report_outcomes_download,
     WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/reports/compare", page_report_compare, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/reports/compare/download", page_report_compare_download,
     WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/reports/reu", page_report_reu, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/reports/reu/download", page_report_reu_download, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0,
     NULL},
    {"GET", "/reports/offrolling", page_report_offroll, WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/reports/offrolling/download", page_report_offroll_download,
     WEB_LA | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/reports/offrolling/challenge", page_report_offroll_challenge, WEB_LA, 0, NULL},
    {"POST", "/reports/offrolling/challenge", page_report_offroll_challenge_post, WEB_LA, 0, NULL},
    /* self-evaluation reviews: a school its own, the LA any school's; never the analyst */
    {"GET", "/reviews", page_reviews, WEB_RECORD_ROLES, 0, "Reviews", HUB_IMPROVEMENT},
    {"GET", "/reviews/download", page_reviews_download, WEB_RECORD_ROLES, 0, NULL},
    /* the LA's portfolio of reviews (page_portfolio.c): LA officers only, never a school or the
     * analyst; before /reviews/{id} */
    {"GET", "/reviews/portfolio", page_portfolio, WEB_LA, 0, "Portfolio of reviews",
     HUB_IMPROVEMENT},
    {"GET", "/reviews/portfolio/download", page_portfolio_download, WEB_LA, 0, NULL},
    {"GET", "/reviews/new", page_review_new, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/reviews/new", page_review_new_post, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/reviews/actions/{id}/done", page_review_action_done, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/reviews/{id}", page_review, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/reviews/{id}", page_review_post, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/reviews/{id}/plan", page_review_plan, WEB_RECORD_ROLES, 0, NULL},
    /* theories of change (issue 19 part 6, page_toc*.c): the LA any, a school its own, the
     * analyst reads (suppressed figures) */
    {"GET", "/theories", page_theories, WEB_RECORD_ROLES | WEB_R(OR_ROLE_ANALYST), 0,
     "Theories of change", HUB_IMPROVEMENT},
    {"GET", "/theories/download", page_theories_download, WEB_RECORD_ROLES | WEB_R(OR_ROLE_ANALYST),
     0, NULL},
    {"GET", "/theories/new", page_theory_new, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/theories/new", page_theory_new_post, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/theories/{id}", page_theory, WEB_RECORD_ROLES | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/theories/{id}/download", page_theory_download,
     WEB_RECORD_ROLES | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/theories/{id}/items/new", page_theory_item_new, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/theories/{id}/items/new", page_theory_item_new_post, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/theories/{id}/items/{item}/edit", page_theory_item_edit, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/theories/{id}/items/{item}/edit", page_theory_item_edit_post, WEB_RECORD_ROLES, 0,
     NULL},
    {"POST", "/theories/{id}/import", page_theory_import_post, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/theories/{id}/links/new", page_theory_link_new, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/theories/{id}/links/new", page_theory_link_new_post, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/theories/{id}/indicators/new", page_theory_indicator_new, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/theories/{id}/indicators/new", page_theory_indicator_new_post, WEB_RECORD_ROLES, 0,
     NULL},
    {"GET", "/theories/{id}/indicators/{n}", page_theory_indicator,
     WEB_RECORD_ROLES | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/theories/{id}/indicators/{n}/chart.svg", page_theory_indicator_svg,
     WEB_RECORD_ROLES | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"POST", "/reviews/{id}/plan", page_review_plan_post, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/admin/audit", page_audit, WEB_ADMIN, 0, "Audit log", HUB_ADMIN},
    /* surveys (issue 18 part 4): a school its own, the LA any school's; never the analyst */
    {"GET", "/surveys", page_surveys, WEB_RECORD_ROLES, 0, "Surveys", HUB_IMPROVEMENT},
    {"GET", "/surveys/download", page_surveys_download, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/surveys/new", page_survey_new, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/surveys/new", page_survey_new_post, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/surveys/{id}", page_survey, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/surveys/{id}/edit", page_survey_edit, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/surveys/{id}/edit", page_survey_edit_post, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/surveys/{id}/waves/new", page_survey_wave_new, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/surveys/{id}/waves/new", page_survey_wave_new_post, WEB_RECORD_ROLES, 0, NULL},
    {"GET", "/surveys/{id}/links", page_survey_links, WEB_RECORD_ROLES, 0, NULL},
    {"POST", "/surveys/{id}/links", page_survey_links_post, WEB_RECORD_ROLES, 0, NULL},
    /* the instruments reviews are made on: LA officers only (a new version on each edit) */
    {"GET", "/instruments", page_instruments, WEB_LA, 0, "Instruments", HUB_IMPROVEMENT},
    {"GET", "/instruments/download", page_instruments_download, WEB_LA, 0, NULL},
    {"GET", "/instruments/new", page_instrument_new, WEB_LA, 0, NULL},
    {"POST", "/instruments/new", page_instrument_new_post, WEB_LA, 0, NULL},
    {"GET", "/instruments/{id}", page_instrument, WEB_LA, 0, NULL},
    {"GET", "/instruments/{id}/edit", page_instrument_edit, WEB_LA, 0, NULL},
    {"POST", "/instruments/{id}/edit", page_instrument_edit_post, WEB_LA, 0, NULL},
    /* a survey answered through its link, without an account (page_survey_answer.c); its
     * results, suppressed for everyone (survey_results_web.h) */
    {"GET", "/s/{token}", page_survey_answer, WEB_PUBLIC, WEB_F_SECRET_PATH, NULL},
    {"POST", "/s/{token}", page_survey_answer_post, WEB_PUBLIC, WEB_F_SECRET_PATH, NULL},
    {"GET", "/surveys/{id}/results", page_survey_results,
     WEB_LA | WEB_R(OR_ROLE_SCHOOL) | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/surveys/{id}/results/download", page_survey_results_download,
     WEB_LA | WEB_R(OR_ROLE_SCHOOL) | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/surveys/{id}/summary", page_survey_summary,
     WEB_LA | WEB_R(OR_ROLE_SCHOOL) | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/surveys/{id}/summary.pdf", page_survey_summary_pdf,
     WEB_LA | WEB_R(OR_ROLE_SCHOOL) | WEB_R(OR_ROLE_ANALYST), 0, NULL},
    {"GET", "/assets/*", page_asset, WEB_PUBLIC, 0, NULL},
    {"POST", "/api/v1/events", api_post_events, WEB_API, WEB_F_JSON, NULL},
    {"POST", "/api/v1/pupils", api_post_pupils, WEB_API, WEB_F_JSON, NULL},
    {"POST", "/api/v1/ctf", api_post_ctf, WEB_API, WEB_F_JSON | WEB_F_XML, NULL},
    {"GET", "/api/v1/duties", api_get_duties, WEB_API, WEB_F_JSON, NULL},
    /* workshops (issue 19; workshop_web.h): WS_ROLES is everyone, for a guest of one
     * workshop (no account: a cookie from a one-time link), and ws_open decides who may */
    {"GET", "/workshops", page_workshops, WS_LIST_ROLES | WEB_ANON, 0, "Workshops",
     HUB_IMPROVEMENT},
    {"GET", "/workshops/download", page_workshops_download, WS_LIST_ROLES, 0, NULL},
    {"GET", "/workshops/new", page_workshop_new, WS_LIST_ROLES, 0, NULL},
    {"POST", "/workshops/new", page_workshop_new_post, WS_LIST_ROLES, 0, NULL},
    {"GET", "/workshops/join/{token}", page_workshop_join, WEB_PUBLIC, WEB_F_SECRET_PATH, NULL},
    {"POST", "/workshops/join/{token}", page_workshop_join_post, WEB_PUBLIC, WEB_F_SECRET_PATH,
     NULL},
    {"GET", "/workshops/{id}", page_workshop, WS_ROLES, 0, NULL},
    {"POST", "/workshops/{id}", page_workshop_post, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/participants/new", page_workshop_people_new, WS_ROLES, 0, NULL},
    {"POST", "/workshops/{id}/participants/new", page_workshop_people_new_post, WS_ROLES, 0, NULL},
    {"POST", "/workshops/{id}/reveal", page_workshop_reveal_post, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/events", page_workshop_events, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/changes", page_workshop_changes, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/report", page_workshop_report, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/report.pdf", page_workshop_report_pdf, WS_ROLES, 0, NULL},
    /* energy for change (ideas_web.h): ws_open decides, as for every workshop page */
    {"GET", "/workshops/{id}/ideas", page_ideas, WS_ROLES, 0, NULL},
    {"POST", "/workshops/{id}/ideas", page_ideas_post, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/ideas/download", page_ideas_download, WS_ROLES, 0, NULL},
    {"POST", "/workshops/{id}/ideas/vote", page_ideas_vote, WS_ROLES, 0, NULL},
    {"POST", "/workshops/{id}/ideas/results", page_ideas_results, WS_ROLES, 0, NULL},
    {"POST", "/workshops/{id}/ideas/commitments", page_ideas_commit, WS_ROLES, 0, NULL},
    {"POST", "/workshops/commitments/{id}/done", page_ideas_commit_done, WEB_PUPIL_ROLES, 0, NULL},
    /* the workshop boards (board_web.h): the map and the iceberg; ws_open decides */
    {"GET", "/workshops/{id}/map", page_workshop_map, WS_ROLES, 0, NULL},
    {"POST", "/workshops/{id}/map", page_workshop_map_post, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/map/cards/{card}", page_workshop_map_card, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/map/download", page_workshop_map_download, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/iceberg", page_workshop_iceberg, WS_ROLES, 0, NULL},
    {"POST", "/workshops/{id}/iceberg", page_workshop_iceberg_post, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/iceberg/cards/{card}", page_workshop_iceberg_card, WS_ROLES, 0, NULL},
    {"GET", "/workshops/{id}/iceberg/download", page_workshop_iceberg_download, WS_ROLES, 0, NULL},
};
#pragma GCC diagnostic pop
const size_t web_nroutes = sizeof web_routes / sizeof web_routes[0];

/* The GET route of a hub's pattern, or NULL. */
static const web_route *hub_route(const char *hub)
{
    for (size_t i = 0; hub && i < web_nroutes; i++)
        if (web_routes[i].fn == page_hub && !strcmp(web_routes[i].pattern, hub))
            return &web_routes[i];
    return NULL;
}

const web_route *web_route_nav_of(const web_route *r, unsigned who)
{
    const web_route *h = r ? hub_route(r->hub) : NULL;
    return h && (h->roles & who) ? h : r;
}

bool web_route_in_nav(const web_route *r, unsigned who)
{
    return r->nav && !strcmp(r->method, "GET") && (r->roles & who) &&
           web_route_nav_of(r, who) == r && !strchr(r->pattern, '{') && !strchr(r->pattern, '*');
}

static void add_param(web_params *p, or_arena *arena, const char *name, const char *value,
                      size_t len)
{
    if (!p || !arena)
        return;
    OR_ARENA_GROW(arena, p->items, p->n + 1, p->cap);
    p->items[p->n++] = (web_param){name, or_arena_strndup(arena, value, len)};
}

bool web_pattern_match(const char *pattern, const char *path, web_params *params, or_arena *arena)
{
    const char *p = pattern, *s = path;
    int mark = params ? params->n : 0;
    while (*p) {
        if (p[0] == '*' && p[1] == '\0') { /* the rest of the path, which must not be empty */
            if (!*s)
                goto no;
            add_param(params, arena, "*", s, strlen(s));
            return true;
        }
        if (*p == '{') { /* one non-empty segment */
            const char *close = strchr(p, '}');
            size_t seg = strcspn(s, "/");
            if (!close || seg == 0)
                goto no;
            if (params && arena)
                add_param(params, arena, or_arena_strndup(arena, p + 1, (size_t)(close - p - 1)), s,
                          seg);
            p = close + 1;
            s += seg;
            continue;
        }
        if (*p != *s)
            goto no;
        p++;
        s++;
    }
    if (!*s)
        return true;
no:
    if (params)
        params->n = mark; /* forget what a failed match captured */
    return false;
}

const web_route *web_route_find(const char *method, const char *path, web_params *params,
                                or_arena *arena, bool *other_method)
{
    bool head = !strcmp(method, "HEAD");
    *other_method = false;
    for (size_t i = 0; i < web_nroutes; i++) {
        const web_route *r = &web_routes[i];
        if (!web_pattern_match(r->pattern, path, NULL, NULL))
            continue;
        if (strcmp(r->method, method) && !(head && !strcmp(r->method, "GET"))) {
            *other_method = true;
            continue;
        }
        web_pattern_match(r->pattern, path, params, arena);
        return r;
    }
    return NULL;
}

unsigned web_caller_bit(const web_request *req)
{
    if (req->user)
        return WEB_R(req->user->role);
    if (req->api_urn)
        return WEB_API;
    return WEB_ANON;
}

web_verdict web_authorize(const web_route *r, unsigned who)
{
    if (r->roles & who)
        return WEB_ALLOW;
    if (who == WEB_ANON)
        return WEB_SIGN_IN; /* may be allowed once signed in (or with a token) */
    if (who == WEB_API && !(r->flags & WEB_F_JSON))
        return WEB_SIGN_IN; /* a token opens the API, not the pages */
    return WEB_FORBID;
}
