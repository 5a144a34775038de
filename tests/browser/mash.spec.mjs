// mash.spec.mjs - the MASH records its safeguarding assessment of a permanent exclusion in a real
// browser (issue 17, part 7; rule LOCAL-MASH-ASSESS): headless Chromium (Debian's, through
// playwright-core) against a running `onroll serve` over the test LA of tests/e2e/data, the MASH
// (a partner account of scope mash) signing in through the form, then:
//
//   1. opens Duties from the navigation: its own assessments only, the permanent exclusion's
//      due Monday 1 December 2025;
//   2. follows "Record it" to the form: the outcome asked as radios, nothing about how a notice
//      was sent;
//   3. saves without an outcome: the error summary and the field's message;
//   4. saves with the date and "Child protection enquiries (section 47)": back on its list, the
//      assessment recorded;
//   5. the form at 320 px wide: nothing scrolls sideways.
//
// axe-core (WCAG 2.2 AA rule sets) runs on every page opened, with the server's CSP on.
// Full-page screenshots go to SHOTS. Ends with "N passed, N failed"; exits non-zero on failure.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM (default /usr/bin/chromium).
import fs from 'node:fs';

import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shotsArg || 'test-results/screenshots', 'mash');

async function mash(r) {
    await signIn(r, fx.mash, fx.password);
    await follow(r, '.govuk-service-navigation a:has-text("Duties")', 'the duties list');
    const rows = (await r.page.locator('main tbody').innerText()).replace(/\s+/g, ' ');
    check('mash: its assessment is listed', rows.includes("Record the MASH's safeguarding assessment"), rows);
    check('mash: due 1 December 2025', rows.includes('1 December 2025'), rows);
    check('mash: no other duty of the child', !rows.includes('Tell the parent'), rows);
    let text;
    await follow(r, `tr:has-text("${fx.upn}") a:has-text("Record it")`, 'the assessment form');
    text = await mainText(r.page);
    check('mash: the form asks what the MASH decided', text.includes('What did the MASH decide?'), text.slice(0, 800));
    check('mash: section 47 is a choice', text.includes('Child protection enquiries (section 47)'));
    check('mash: nothing about sending a notice', !text.includes('How was it sent?'));
    await r.page.fill('#done-day', '2');
    await r.page.fill('#done-month', '12');
    await r.page.fill('#done-year', '2025');
    await follow(r, 'button:has-text("Record it as done")', 'the form without an outcome', 400);
    text = await mainText(r.page);
    check('mash: the error summary says what is missing', text.includes('There is a problem') &&
        text.includes('Select what the MASH decided'), text.slice(0, 800));
    await r.page.check('input[name="outcome"][value="section_47"]');
    await follow(r, 'button:has-text("Record it as done")', 'the assessment recorded');
    text = await mainText(r.page);
    check('mash: back on its list, told it is recorded', /Recorded as done/.test(text), text.slice(0, 800));
}

async function narrow(r) {
    await signIn(r, fx.mash, fx.password);
    await visit(r, fx.form, 'the assessment form at 320 px');
    const wide = await r.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    check('mash at 320 px: nothing scrolls sideways', !wide);
}

const browser = await launch();
try {
    let r = await roleContext(browser, 'mash');
    await mash(r);
    await r.context.close();
    r = await roleContext(browser, 'mash', 320);
    await narrow(r);
    await r.context.close();
} finally {
    await browser.close();
}
finish();
