// offroll.spec.mjs - off-rolling signals in a real browser (issue 17 part 4): headless Chromium
// (Debian's, through playwright-core) against a running `onroll serve` over the hand-made LA of
// tests/e2e/offroll/. The LA officer sees the school above the 99.8% limit on the dashboard,
// follows the link, records the challenge made (an empty Save first: the errors), then the
// school's answer; the analyst reads /reports/offrolling at 320 px without sideways scrolling.
// axe-core (WCAG 2.2 AA rule sets) on every page; full-page screenshots to SHOTS.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM. Ends with "N passed, N failed".
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shotsArg || 'test-results/screenshots', 'offroll');

async function fillDate(page, name, d, m, y) {
    await page.fill(`#${name}-day`, d);
    await page.fill(`#${name}-month`, m);
    await page.fill(`#${name}-year`, y);
}

async function officer(r) {
    await signIn(r, fx.la, fx.laPassword);
    await visit(r, '/dashboard', 'the LA dashboard');
    const dash = await mainText(r.page);
    check('la: the dashboard counts the schools above the limit',
        dash.includes('Off-rolling signals: 1 school above a 99.8% limit in 2025/26. The schools and their figures'), dash);
    await r.page.click('summary:has-text("The schools and their figures")');
    const figures = await mainText(r.page);
    check('la: ... and, opened, names them with their figures',
        figures.includes('Ashgrove Academy: Left between Year 10 and Year 11: 7 of 10 (secondary schools: 7 of 30)'), figures);
    await follow(r, 'a:has-text("1 school above a 99.8% limit")', 'the schools above a limit');
    await follow(r, 'a:has-text("Record the challenge")', 'the challenge form');
    await follow(r, 'button:has-text("Save")', 'the challenge form with errors', 400);
    const errs = await mainText(r.page);
    check('la: the errors say what to enter', errs.includes('Enter the challenge made') && errs.includes('Enter the date of the challenge'), errs);
    await r.page.fill('#challenge', 'Asked the head for the reasons each Year 10 pupil left.');
    await fillDate(r.page, 'challenged_on', '2', '12', '2025');
    await follow(r, 'button:has-text("Save")', 'the signals after saving');
    let text = await mainText(r.page);
    check('la: the challenge is shown with its date', text.includes('Asked the head for the reasons each Year 10 pupil left. (2 December 2025)'), text);
    check('la: no answer yet', text.includes('The school\'s answer Not recorded yet'), text);
    await follow(r, 'a:has-text("Change the challenge or record the answer")', 'the form again');
    await r.page.fill('#answer', 'Three families chose home education; four moved away.');
    await fillDate(r.page, 'answered_on', '16', '12', '2025');
    await follow(r, 'button:has-text("Save")', 'the signals with the answer');
    text = await mainText(r.page);
    check('la: the answer is shown with its date', text.includes('Three families chose home education; four moved away. (16 December 2025)'), text);
}

async function narrow(r) {
    await signIn(r, fx.analyst, fx.analystPassword);
    await visit(r, '/reports/offrolling?year=2025%2F26', 'the signals at 320 px');
    const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
    check('analyst_320: no sideways scrolling', wide <= 320, `scrollWidth ${wide}`);
    const text = await mainText(r.page);
    check('analyst_320: no challenges for the analyst', !text.includes('Record the challenge'), text);
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
