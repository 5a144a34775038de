#!/bin/sh
# test_e2e_pg.sh - the end-to-end scripts of tests/e2e listed below run again, unchanged, on
# PostgreSQL: a throwaway cluster, every script's databases created in it (lib.sh new_db).
# The same expected outputs must come out on both engines. Ends with "N passed, N failed"; a
# script's "skipped: WHY" comes through as "skipped: SCRIPT: WHY" (tests/run.sh counts them).
set -u
if ! sh tests/pg/cluster.sh check >/dev/null 2>&1; then
    echo "skipped: PostgreSQL is not installed"
    echo "0 passed, 0 failed"
    exit 0
fi
url=$(sh tests/pg/cluster.sh start) || { echo "cannot start a test cluster"; echo "0 passed, 1 failed"; exit 1; }
trap 'sh tests/pg/cluster.sh stop "$url" >/dev/null 2>&1' EXIT
passed=0
failed=0
list=""
for t in \
    tests/e2e/test_import.sh \
    tests/e2e/test_import_bulk.sh \
    tests/e2e/test_rules.sh \
    tests/e2e/test_rule_ids.sh \
    tests/e2e/test_reports.sh \
    tests/e2e/test_pages.sh \
    tests/e2e/test_dashboards.sh \
    tests/e2e/test_route_matrix.sh \
    tests/e2e/test_scrutiny.sh \
    tests/e2e/test_scrutiny_words.sh \
    tests/e2e/test_scrutiny_schools.sh \
    tests/e2e/test_ctf.sh \
    tests/e2e/test_mash.sh \
    tests/e2e/test_panel.sh \
    tests/e2e/test_attend_alert.sh \
    tests/e2e/test_benchmarks.sh \
    tests/e2e/test_compare.sh \
    tests/e2e/test_live_model.sh \
    tests/e2e/test_outcomes.sh \
    tests/e2e/test_outcome_pages.sh \
    tests/e2e/test_reu_kpi.sh \
    tests/e2e/test_surveys.sh \
    tests/e2e/test_offrolling.sh \
    tests/e2e/test_vulnerability.sh \
    tests/e2e/test_reviews.sh \
    tests/e2e/test_portfolio.sh \
    tests/e2e/test_instruments.sh \
    tests/e2e/test_survey_answer.sh \
    tests/e2e/test_toc.sh \
    tests/e2e/test_workshops.sh \
    tests/e2e/test_ideas.sh \
    tests/e2e/test_boards.sh \
    tests/e2e/test_demo_improve.sh \
    tests/e2e/test_interventions.sh \
    tests/e2e/test_letters.sh \
    tests/e2e/test_settings.sh \
    tests/e2e/test_plans.sh \
    tests/e2e/test_risk_list.sh \
    tests/e2e/test_roni.sh \
    tests/e2e/test_lists2.sh \
    tests/e2e/test_notify.sh \
    tests/e2e/test_scope_roll.sh \
    tests/e2e/test_movements.sh \
    tests/e2e/test_csv_guard.sh \
    tests/e2e/test_signin.sh \
    tests/e2e/test_totp.sh \
    tests/e2e/test_smtp_auth.sh \
    tests/e2e/test_audit_trail.sh \
    tests/e2e/test_long_import.sh \
    tests/e2e/test_backup.sh \
    tests/e2e/test_duties_list.sh \
    tests/e2e/test_words.sh \
    tests/e2e/test_facts.sh \
    tests/e2e/test_cnis.sh \
    tests/e2e/test_ap.sh; do
    list="$list $t"
done
# Two scripts at a time (each is one client and one server); the ones that measure time
# (tests/run.sh's ALONE) afterwards, one at a time. Results in the list's order.
pool=$(mktemp -d)
trap 'sh tests/pg/cluster.sh stop "$url" >/dev/null 2>&1; rm -rf "$pool"' EXIT
export ONROLL_TEST_PG="$url"
alone="test_long_import.sh test_ctf.sh"
together=""
later=""
for t in $list; do
    case " $alone " in *" $(basename "$t") "*) later="$later $t" ;; *) together="$together $t" ;; esac
done
printf '%s\n' $together | xargs -P "${JOBS:-2}" -I{} sh tests/run_one.sh {} "$pool"
for t in $later; do sh tests/run_one.sh "$t" "$pool"; done
for t in $list; do
    out=$(cat "$pool/$(basename "$t").log" 2>/dev/null)
    echo "$out" | grep -E '^(ok|FAIL) ' | sed "s|^|$(basename "$t"): |"
    echo "$out" | sed -n "s|^skipped: |skipped: $(basename "$t"): |p" # tests/run.sh counts these
    line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
    f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
    [ -n "$p" ] || { p=0; f=1; echo "$t: no summary"; echo "$out" | tail -20; }
    passed=$((passed + p))
    failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
