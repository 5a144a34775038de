/* plans_web.h (internal) - what the pages of plans and referrals share (page_plans.c,
 * page_plan_new.c, page_plan_review.c, page_pupil_referrals.c, page_referral_new.c,
 * page_referral.c, page_referrals.c, page_peps.c, and the panels of the dashboard, the school
 * page and the pupil page):
 *
 *   - a plan kind's details fields (plans.h) as fields of a form (form.h: the one form
 *     engine, which reads, carries and saves them), checked by or_plan_check as the importer
 *     checks them, and shown as a summary list;
 *   - the graduated response's duties (LOCAL-PSP and its reviews and escalation, LOCAL-PEAP,
 *     LOCAL-PEP, LOCAL-PTT, LOCAL-REFERRAL): which they are, and the page that does each.
 *
 * Everything here writes through html.h's escaping helpers, like the pages. */
#ifndef ONROLL_WEB_PLANS_WEB_H
#define ONROLL_WEB_PLANS_WEB_H

#include "onroll/plans.h"
#include "onroll/referrals.h"
#include "web/form.h"
#include "web/view.h"

/* ---- a kind's details on a form (form.h) ---- */

/* Add kind k's details fields to form f: each under its group (or `group` when it has none),
 * FORM_DETAILS (the importer names them in its details messages) and FORM_OWN (checked by
 * or_plan_check, the importer's own check, in plan_form_check); a list field offers `choices`
 * (the pupil's recorded interventions), or says there are none. Returns the first's index. */
int plan_form_add(form *f, const or_plan_kind *k, const char *group, const gov_choice *choices,
                  int nchoices);
/* The values of k's fields, added at index first (strings as in the form). */
void plan_form_values(const form *f, int first, const or_plan_kind *k, or_plan_values *v);
/* The problems of or_plan_check (outcome: the event's, or NULL) against the fields, in the
 * form's words ("Enter the targets for the pupil"). */
void plan_form_check(form *f, int first, const or_plan_kind *k, const char *outcome);
/* The details object of the fields as JSON (in req->arena); NULL, with an error of the whole
 * form, when it cannot be made. */
const char *plan_form_json(form *f, int first, const or_plan_kind *k);

/* A field's value for people: "Yes", "24 November 2026", the text (or a list joined). */
const char *plan_value_words(const web_request *req, const or_plan_field *f,
                             const or_plan_values *v, int i);
/* The filled-in fields as summary-list rows (the caller opens and closes the list). */
void plan_summary_rows(or_sb *out, const web_request *req, const or_plan_kind *k,
                       const or_plan_values *v);
/* An event's details read as kind k (an unreadable object gives no values). */
void plan_details_of(const web_request *req, const or_plan_kind *k, const char *json,
                     or_plan_values *v);

/* The check step's table of the pupil's plan duties as they would be, as of today (a
 * school: its own). */
void plan_duties_after(or_sb *out, const web_request *req, const or_pupil_facts *f,
                       const or_model *m);
/* The caption "Name, UPN ..." of a pupil's pages, in req->arena. */
const char *plan_caption(const web_request *req, const char *upn);
/* A school's name from the model ("URN n" when unknown), in req->arena. */
const char *plan_school_name(const web_request *req, const or_model *m, int urn);

/* ---- the graduated response's duties ---- */

/* s percent-encoded for a URL's path segment or query value, in req->arena. */
const char *plan_url_part(const web_request *req, const char *s);
/* Is it one of the rules these pages act on (its row names a plan: rules.h, or_rule_done)? */
bool plan_rule(const or_rule *rule);
/* The page that does duty d of the pupil with facts f (a local path in req->arena), and the
 * words of its link ("Start a PSP"); NULL when there is none for this user. */
const char *plan_duty_link(const web_request *req, const or_pupil_facts *f, const or_duty *d,
                           const char **words);
/* The PSP event that does LOCAL-PSP for an exclusion at school urn on date d (the first `psp`
 * there that school year), or NULL. */
const or_fact_event *plan_psp_for(const or_pupil_facts *f, int urn, or_date d);
/* The event a review names, when it is a plan a review may name (psp, pep, part-time
 * timetable) of the pupil at school urn, or NULL. */
const or_fact_event *plan_reviewed(const or_pupil_facts *f, int urn, const char *event_id);

/* May the user record a plan of this kind for a pupil at school urn? The LA any; a school its
 * own; the Virtual School a PEP. */
bool plan_may_record(const web_request *req, const char *type, int urn);
/* May the user record the next step of referral r (route fl)? The LA any; the partner whose
 * route it is; the referring school the steps the school takes part in and closing it. */
bool plan_may_update_referral(const web_request *req, const or_referral_flow *fl,
                              const or_fact_event *r, const char *status);
/* May the user see referral r at all (a partner: its own routes only)? */
bool plan_may_see_referral(const web_request *req, const or_referral_flow *fl);
/* A referral's status in words and its tag's colour. */
const char *plan_status_words(const or_referral_state *s, const char **colour);
/* The words of a referral status (an or_referral_step's status, "declined", "closed"). */
const char *plan_status_label(const or_referral_flow *fl, const char *status);
/* The pupil page's section: how many plans of each kind (the latest when), referrals open
 * and ended (a partner: its own routes'), plan duties to do; links to the plans and
 * referrals pages. */
void plan_pupil_summary(or_sb *out, const web_request *req, const or_pupil_facts *f,
                        const or_duty_list *duties);
/* A plan review's outcome as a tag: improving green, no change yellow, worse red. */
void plan_outcome_tag(or_sb *out, const char *outcome);

/* ---- the dashboards' panels (view_plans.c) ---- */

/* "Support plans and referrals to act on": the plan duties not done of the given pupils (all
 * of the snapshot's when scope is NULL), at school urn only when urn is not 0, overdue first,
 * each with the page that does it; at most max rows. */
void view_plan_duties_panel(or_sb *out, const web_request *req, const view_snapshot *snap,
                            const view_pupil *const *scope, int nscope, int urn, int max);
/* The LA's panel: permanent exclusions recorded without a pre-exclusion assessment
 * (LOCAL-PEAP) or an LA consultation (LOCAL-CONSULT-PEX), newest first, linking to the
 * pupils; at most max rows. */
void view_pex_panel(or_sb *out, const web_request *req, const view_snapshot *snap, int max);

#endif
