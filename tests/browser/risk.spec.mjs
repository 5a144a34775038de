// risk.spec.mjs - children at risk in a real browser (issue 14): headless Chromium (Debian's,
// through playwright-core) against a running `onroll serve` over the LA of
// tests/e2e/risk_data.sh, each person signing in through the form:
//
//   1. the LA officer opens /risk from the navigation: high risk first (Amy, then Ben), each
//      row saying which indicators fired and their weights; opens "How the risk is worked out";
//      filters to high risk with the filter panel (Apply filters): Amy and Ben only; sorts by
//      pupil with the column heading; finds the CSV link of the same selection;
//   2. the same with the keyboard: the tier chosen and the filters applied without a mouse;
//   3. Ashby's head at 320 px wide: its own children only, the page no wider than the screen.
//
// axe-core (WCAG 2.2 AA rule sets) runs on every page opened, with the server's CSP on.
// Full-page screenshots go to SHOTS. Ends with "N passed, N failed"; exits non-zero on failure.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM (default /usr/bin/chromium).
import fs from 'node:fs';

import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn: signInAs, axeCheck } =
    spec(base, shotsArg || 'test-results/screenshots', 'risk');
const signIn = (r, email) => signInAs(r, email, fx.password);

async function laOfficer(r) {
    await signIn(r, fx.la);
    await follow(r, 'nav a[href="/risk"]', 'children at risk from the navigation');
    const text = await mainText(r.page);
    const amy = text.indexOf('Amy Ash'), ben = text.indexOf('Ben Birch'), cara = text.indexOf('Cara Cole');
    check('la_officer: high risk first, the most recent first (Amy, Ben), low last (Cara)',
        amy >= 0 && amy < ben && ben < cara, text.slice(0, 600));
    check('la_officer: each indicator with its weight', /\(weight 3\)/.test(text), text.slice(0, 600));
    await r.page.click('summary:has-text("How the risk is worked out")');
    const how = await mainText(r.page);
    check('la_officer: how the risk is worked out', /add up to 5 or more is at high risk/.test(how), how.slice(0, 400));
    await r.page.selectOption('#tier', 'high');
    await follow(r, 'button:has-text("Apply filters")', 'high risk only');
    const high = await mainText(r.page);
    check('la_officer: high risk: Amy and Ben', high.includes('Amy Ash') && high.includes('Ben Birch'), high);
    check('la_officer: high risk: not Cara (low) nor Kit (medium)',
        !high.includes('Cara Cole') && !high.includes('Kit Kemp'), high);
    check('la_officer: the address says what is shown', new URL(r.page.url()).searchParams.get('tier') === 'high',
        r.page.url());
    const csv = await r.page.getAttribute('a[href^="/risk/download"]', 'href');
    check('la_officer: the CSV of the same selection', csv && csv.includes('tier=high'), csv);
    await follow(r, 'th a:has-text("Pupil")', 'sorted by pupil');
    const sorted = await mainText(r.page);
    check('la_officer: sorted by pupil, A to Z (Amy before Ben), still high only',
        sorted.indexOf('Amy Ash') < sorted.indexOf('Ben Birch') && !sorted.includes('Cara Cole'), sorted);
    const sortAttr = await r.page.getAttribute('th[aria-sort]:has-text("Pupil")', 'aria-sort');
    check('la_officer: the heading says how it is sorted', sortAttr === 'ascending', sortAttr);
}

async function keyboard(r) {
    await signIn(r, fx.la);
    await visit(r, '/risk', 'the list, for the keyboard');
    await r.page.focus('#kind');
    await r.page.keyboard.press('ArrowDown'); // "Exclusion"
    await r.page.focus('button:has-text("Apply filters")');
    await Promise.all([r.page.waitForNavigation(), r.page.keyboard.press('Enter')]);
    await axeCheck(r, 'exclusion risk by keyboard');
    const text = await mainText(r.page);
    check('keyboard: exclusion risk: Kit, not Cara', text.includes('Kit Kemp') && !text.includes('Cara Cole'), text);
}

async function schoolNarrow(r) {
    await signIn(r, fx.school);
    await visit(r, '/risk', 'its children at risk at 320 px');
    const text = await mainText(r.page);
    check('school: its own children (Amy)', text.includes('Amy Ash'), text.slice(0, 400));
    check('school: not another school\'s (Kit at Birchwood)', !text.includes('Kit Kemp'), text);
    const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
    check('school: the page is no wider than 320 px (the table scrolls in its own region)', wide <= 320, `${wide}px`);
}

const browser = await launch();
try {
    const la = await roleContext(browser, 'la_officer');
    await laOfficer(la);
    await la.context.close();
    const kb = await roleContext(browser, 'keyboard');
    await keyboard(kb);
    await kb.context.close();
    const sc = await roleContext(browser, 'school', 320);
    await schoolNarrow(sc);
    await sc.context.close();
} finally {
    await browser.close();
}
finish();
