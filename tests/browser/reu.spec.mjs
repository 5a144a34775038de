// reu.spec.mjs - the Re-engagement Unit's figures (/reports/reu) in a real browser: headless
// Chromium (Debian's, through playwright-core) against a running `onroll serve` over the
// fixture of tests/e2e/reu/. The LA officer follows the link from /reports, chooses 2024/25,
// sees the LA's figures worked out by hand in test_reu_kpi.sh, then asks for unsuppressed
// figures; the analyst reads the same page at 320 px wide without sideways scrolling.
// axe-core (WCAG 2.2 AA rule sets) on every page; full-page screenshots to SHOTS.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM. Ends with "N passed, N failed".
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shotsArg || 'test-results/screenshots', 'reu');

async function officer(r) {
    await signIn(r, fx.la, fx.laPassword);
    await visit(r, '/reports', 'the reports page');
    await follow(r, 'a:has-text("Re-engagement Unit")', 'the Re-engagement Unit figures');
    await r.page.selectOption('#year', '2024/25');
    await follow(r, 'button:has-text("Show the figures")', 'the figures of 2024/25');
    const text = await mainText(r.page);
    check('la: the year\'s heading', text.includes('Referrals received in 2024/25'), text);
    check('la: 7 referrals, 5 accepted', text.includes('Referrals received 7') && text.includes('Accepted 5'), text);
    check('la: median response 9 school days', text.includes('Median response 9 school days'), text);
    check('la: 80% within 10 school days', text.includes('Accepted within 10 school days 80.00%'), text);
    check('la: 75% in school 6 months after', text.includes('In school 6 months after the exit 75.00%'), text);
    check('la: Eastfield suppressed (c)', /Eastfield Academy c c c c c/.test(text), text);
    await r.page.check('input[name="unsuppressed"]');
    await follow(r, 'button:has-text("Show the figures")', 'unsuppressed figures');
    const un = await mainText(r.page);
    check('la: unsuppressed: Eastfield 6 received, median 9.5', /Eastfield Academy 6 4 1 9\.5 75\.00/.test(un), un);
    check('la: ... with the warning', un.includes('These figures are not suppressed'), un);
}

async function narrow(r) {
    await signIn(r, fx.analyst, fx.analystPassword);
    await visit(r, '/reports/reu?year=2024%2F25', 'the figures at 320 px');
    const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
    check('analyst_320: no sideways scrolling', wide <= 320, `scrollWidth ${wide}`);
    const text = await mainText(r.page);
    check('analyst_320: no unsuppressed choice for the analyst', !text.includes('Show unsuppressed figures'), text);
}

const browser = await launch();
try {
    for (const [role, story, width] of [['la', officer, 1280], ['analyst_320', narrow, 320]]) {
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
