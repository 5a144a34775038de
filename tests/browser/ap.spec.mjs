// ap.spec.mjs - alternative provision in a real browser (issue 17 parts 1 and 2): headless
// Chromium (Debian's, through playwright-core) against a running `onroll serve` over the plans
// scenario (tests/e2e/plans/), the LA officer signing in through the form:
//
//   1. the register: "Add a provider" (an empty form lists every error at once), then the
//      provider's page; "Record a check" of its DBS checks expiring within the notice: the
//      page says it is due for renewal, and /duties lists it among the providers' checks due;
//   2. a placement of Freya (Brookside) from the pupil's record: the form, the check page with
//      the placement's duties, "Save the placement", the pupil's record with the placement;
//   3. /duties filtered to LOCAL-AP-REVIEW: the half-termly review due Friday 13 February 2026
//      (half-term 5 January - 13 February, counted in tests/e2e/test_ap.sh), overdue;
//      /ap/placements lists it with its review overdue;
//   4. the register, a placement form and the placements at 320 px: no sideways scrolling.
//
// axe-core (WCAG 2.2 AA rule sets) runs on every page opened, with the server's CSP on.
// Full-page screenshots go to SHOTS. Ends with "N passed, N failed"; exits non-zero on failure.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM (default /usr/bin/chromium).
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn: signInAs } =
    spec(base, shotsArg || 'test-results/screenshots', 'ap');
const signIn = (r) => signInAs(r, fx.la, fx.password);

async function fillDate(page, name, [y, m, d]) {
    await page.fill(`#${name}-day`, String(d));
    await page.fill(`#${name}-month`, String(m));
    await page.fill(`#${name}-year`, String(y));
}

async function register(r) {
    await signIn(r);
    await visit(r, '/ap/providers', 'the register, empty');
    await follow(r, 'a:has-text("Add a provider")', 'the provider form');
    await follow(r, 'button:has-text("Add the provider")', 'the provider form sent empty', 400);
    const errors = await r.page.locator('.govuk-error-summary__list li').allInnerTexts();
    check('la: every error at once', errors.length === 3 &&
        errors.some((e) => /name of the provider/.test(e)) &&
        errors.some((e) => /how the provider is registered/.test(e)) &&
        errors.some((e) => /type of setting/.test(e)), errors.join(' | '));
    await r.page.fill('#name', 'Riverside Learning Centre');
    await r.page.check('input[name="registration"][value="none"]');
    await r.page.check('input[name="setting"][value="other_unregistered"]');
    await r.page.fill('#contact', 'Office: 020 7946 0000');
    await follow(r, 'button:has-text("Add the provider")', 'the provider\'s page');
    check('la: the provider\'s address is its slug', new URL(r.page.url()).pathname === '/ap/providers/riverside-learning-centre', r.page.url());
    await follow(r, 'a:has-text("Record a check")', 'the check form');
    await r.page.check('input[name="pillar"][value="safeguarding"]');
    await r.page.check('input[name="item"][value="dbs"]');
    await r.page.fill('#evidence', 'Single central record seen; enhanced DBS for all 6 staff.');
    await r.page.fill('#checked_by', 'A Officer, AP quality lead');
    await fillDate(r.page, 'checked_on', fx.checked);
    await fillDate(r.page, 'expires_on', fx.soon);
    await follow(r, 'button:has-text("Record the check")', 'the provider after the check');
    const page = await mainText(r.page);
    check('la: the check recorded', page.includes('Check recorded.'), page);
    check('la: the DBS checks due for renewal', page.includes('Due for renewal'), page);
    check('la: under its pillar', page.includes('Safeguarding and welfare'), page);
    await visit(r, '/duties', 'the LA\'s duties with the providers\' checks');
    const duties = await mainText(r.page);
    check('la: /duties lists the provider\'s check due', duties.includes('Alternative provision providers\' checks due') &&
        duties.includes('Riverside Learning Centre'), duties.slice(0, 600));
}

async function placement(r) {
    await signIn(r);
    await visit(r, `/pupils/${fx.pupil}`, 'the pupil\'s record');
    await follow(r, 'a:has-text("Record an alternative provision placement")', 'the placement form');
    await r.page.check(`input[name="urn"][value="${fx.urn}"]`);
    await r.page.check('input[name="placed_by"][value="la"]');
    await r.page.selectOption('#provider', { label: 'Riverside Learning Centre' });
    await r.page.check('input[name="reason"][value="behaviour_support"]');
    await fillDate(r.page, 'start', [2026, 1, 5]);
    await fillDate(r.page, 'end', [2026, 2, 27]);
    await fillDate(r.page, 'max_end', [2026, 2, 27]);
    await r.page.fill('#sessions_per_week', '6');
    await r.page.fill('#objectives', 'Re-engage with learning; attendance above 90%.');
    await r.page.fill('#reintegration_plan', 'Back to Brookside after the February half-term.');
    await follow(r, 'button:has-text("Continue")', 'the placement\'s check page');
    const text = await mainText(r.page);
    check('la: the check page shows the half-termly review', text.includes('Review the placement at least once every half-term.'), text);
    await follow(r, 'button:has-text("Save the placement")', 'the pupil after the placement');
    const after = await mainText(r.page);
    check('la: told it is recorded', after.includes('Placement recorded.'), after);
    check('la: the placement on the record', after.includes('Riverside Learning Centre, from 5 January 2026'), after);
    await visit(r, '/duties?rule=LOCAL-AP-REVIEW', 'the half-termly reviews due');
    const due = await mainText(r.page);
    check('la: the review due 13 February 2026 on /duties', due.includes('Review the placement at least once every half-term.') &&
        due.includes('13 February 2026') && due.includes(fx.pupilName), due.slice(0, 800));
    await visit(r, '/ap/placements?review=overdue', 'the placements with a review overdue');
    const list = await mainText(r.page);
    check('la: /ap/placements lists it', list.includes(fx.pupilName) && list.includes('Riverside Learning Centre'), list.slice(0, 600));
}

async function narrow(r) {
    await signIn(r);
    for (const [path, label] of [['/ap/providers', 'the register at 320 px'],
        [`/pupils/${fx.pupil}/ap/new`, 'the placement form at 320 px'],
        ['/ap/placements', 'the placements at 320 px']]) {
        await visit(r, path, label);
        const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
        check(`la_320: no sideways scrolling: ${label}`, wide <= 320, `scrollWidth ${wide}`);
    }
}

const browser = await launch();
try {
    for (const [role, story, width] of [['la', register, 1280], ['la_place', placement, 1280],
        ['la_320', narrow, 320]]) {
        const r = await roleContext(browser, role, width);
        try {
            await story(r);
        } catch (e) {
            fail(`${role}: the story ran`, e.stack || e);
        }
        await r.context.close();
    }
} finally {
    await browser.close();
}
finish();
