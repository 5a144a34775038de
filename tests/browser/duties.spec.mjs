// duties.spec.mjs - the LA officer's daily job in a real browser (issue 14, "Done means"):
// headless Chromium (Debian's, through playwright-core) against a running `onroll serve` over
// the small LA of tests/e2e/duties_data.sh, the officer signing in through the form, then:
//
//   1. opens Duties from the navigation, ticks Overdue, chooses one school and one rule by
//      their names and applies the filters: 28 duties, 25 on the first page, the longest
//      overdue first;
//   2. goes to the next page: the other 3, none of them on page 1;
//   3. downloads the list as CSV: its rows are the 28 of both pages, in the same order;
//   4. records one duty from its row (the parent told today) and, back on the list, finds it
//      gone from the overdue duties (27);
//   5. the filtered list at 320 px wide: nothing scrolls sideways but the table's own region.
//
// axe-core (WCAG 2.2 AA rule sets) runs on every page opened, with the server's CSP on.
// Full-page screenshots go to SHOTS. Ends with "N passed, N failed"; exits non-zero on failure.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM (default /usr/bin/chromium).
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn, axeCheck } = spec(base, shotsArg || 'test-results/screenshots', 'duties');

// The UPNs of the rows of the list on the page, in order.
const rowUpns = async (page) => (await page.locator('tbody .onroll-secondary').allInnerTexts())
    .filter((t) => /^UPN /.test(t)).map((t) => t.replace(/^UPN /, '').trim());
const names = (upns) => upns.map((u) => fx.names[u] || u);

async function laOfficer(r) {
    await signIn(r, fx.la, fx.password);
    await follow(r, '.govuk-service-navigation a:has-text("Duties")', 'the duties list');
    check('la_officer: the list says how many duties there are', /Showing 1 to 25 of [0-9,]+ results/.test(await mainText(r.page)));
    await r.page.check('input[name="status"][value="overdue"]');
    await r.page.selectOption('#school', { label: fx.schoolA });
    await r.page.selectOption('#rule', { label: fx.ruleLabel });
    await follow(r, 'button:has-text("Apply filters")', 'overdue duties of one school and rule');
    let text = await mainText(r.page);
    check('la_officer: 28 overdue, 25 shown', text.includes('Showing 1 to 25 of 28 results'), text.slice(0, 600));
    check('la_officer: the selected filters shown by name',
        /Selected filters/.test(text) && text.includes(fx.schoolA) && text.includes('Overdue'), text.slice(0, 600));
    const page1 = await rowUpns(r.page);
    check('la_officer: page 1 has 25 rows, the longest overdue (A30) first',
        page1.length === 25 && fx.names[page1[0]] === 'A30', names(page1).join(' '));
    const listUrl = r.page.url();

    await follow(r, '.govuk-pagination__next a', 'page 2');
    text = await mainText(r.page);
    check('la_officer: page 2: 26 to 28 of 28', text.includes('Showing 26 to 28 of 28 results'), text.slice(0, 600));
    const page2 = await rowUpns(r.page);
    check('la_officer: page 2 holds A05, A04, A03', names(page2).join(' ') === 'A05 A04 A03', names(page2).join(' '));
    check('la_officer: no row on both pages', !page2.some((u) => page1.includes(u)));

    const [download] = await Promise.all([
        r.page.waitForEvent('download'),
        r.page.click('a:has-text("Download this list (CSV)")'),
    ]);
    check('la_officer: the file is onroll-duties.csv', download.suggestedFilename() === 'onroll-duties.csv',
        download.suggestedFilename());
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    const header = csv[0].split(',');
    const upnCol = header.indexOf('upn');
    const csvUpns = csv.slice(1).map((line) => line.split(',')[upnCol]);
    check('la_officer: the CSV has the 28 rows of both pages, in the same order',
        csvUpns.join(' ') === page1.concat(page2).join(' '), `${csvUpns.length} rows: ${names(csvUpns).join(' ')}`);
    check('la_officer: every row of the CSV is an overdue notice to the parent at the school',
        csv.slice(1).every((line) => line.includes(',overdue,') && line.includes(',STAT-NOTIFY-PARENT,') &&
            line.includes(`,${fx.urnA},`)), csv.slice(0, 3).join('\n'));

    // record the last one (A03) from its row
    const a03 = fx.upns.A03;
    await follow(r, `tr:has-text("${a03}") a:has-text("Record it")`, 'the action form from the list');
    const today = new Date();
    await r.page.fill('#done-day', String(today.getDate()));
    await r.page.fill('#done-month', String(today.getMonth() + 1));
    await r.page.fill('#done-year', String(today.getFullYear()));
    await r.page.check('input[name="delivery"][value="hand"]');
    await follow(r, 'button:has-text("Record it as done")', 'the duty recorded');
    await visit(r, new URL(listUrl).pathname + new URL(listUrl).search, 'the overdue list again');
    text = await mainText(r.page);
    check('la_officer: 27 overdue now', text.includes('of 27 results'), text.slice(0, 600));
    await follow(r, '.govuk-pagination__next a', 'page 2 again');
    const after = await rowUpns(r.page);
    check('la_officer: the duty done has left the overdue list', !after.includes(a03) &&
        names(after).join(' ') === 'A05 A04', names(after).join(' '));

    // sorting by a heading, without JavaScript's help: a link
    await follow(r, 'th a:has-text("Pupil")', 'sorted by pupil');
    check('la_officer: the pupil heading says it sorts ascending',
        await r.page.getAttribute('th:has(a:has-text("Pupil"))', 'aria-sort') === 'ascending');
}

const browser = await launch();
try {
    const r = await roleContext(browser, 'la_officer');
    try {
        await laOfficer(r);
    } catch (e) {
        fail('la_officer: the story ran', e.stack || e);
    }
    await r.context.close();

    const narrow = await roleContext(browser, 'la_officer_320', 320);
    try {
        await signIn(narrow, fx.la, fx.password);
        await visit(narrow, `/duties?school=${fx.urnA}&rule=STAT-NOTIFY-PARENT&status=overdue`,
            'the overdue list at 320 px');
        const wide = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
        check('la_officer_320: no sideways scrolling at 320 px', wide <= 320, `scrollWidth ${wide}`);
        // the keyboard: the table's scrolling region and the headings' links can be reached
        const region = await narrow.page.getAttribute('.onroll-scroll', 'tabindex');
        check('la_officer_320: the table scrolls in a region reached by the keyboard', region === '0');
        await axeCheck(narrow, 'the overdue list at 320 px, again');
    } catch (e) {
        fail('la_officer_320: the story ran', e.stack || e);
    }
    await narrow.context.close();
} finally {
    await browser.close();
}
finish();
