// directory.spec.mjs - the interventions directory in a real browser (headless Chromium through
// playwright-core) against a running `onroll serve` over the demo LA: a SENCO (the demo's school
// account) signs in, searches the directory by need, opens an entry, assigns it to one of the
// school's pupils (the check step, then save) and sees it on the pupil's interventions page and
// record; then an LA officer opens an entry's edit form and the form for a new entry. On every
// page the directory added (the search with and without results, an entry, choosing the pupil,
// the pupil's interventions with the form, its error state, the check page, the change form, the
// LA's edit form and its error state, the new-entry form) and on the pupil's record it injects
// axe-core and runs the WCAG 2.2 AA rule sets: 0 violations. Screenshots go to SHOTS.
//
// Usage: node tests/browser/directory.spec.mjs BASE_URL SCHOOL_EMAIL SCHOOL_PASSWORD
//            LA_EMAIL LA_PASSWORD [SHOTS_DIR]
// Env: CHROMIUM (default /usr/bin/chromium). Never downloads a browser.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [base, schoolEmail, schoolPassword, laEmail, laPassword, shotsArg] = process.argv.slice(2);
if (!base || !schoolEmail || !schoolPassword || !laEmail || !laPassword) {
    console.error('usage: node tests/browser/directory.spec.mjs BASE_URL SCHOOL_EMAIL ' +
        'SCHOOL_PASSWORD LA_EMAIL LA_PASSWORD [SHOTS_DIR]');
    process.exit(2);
}
const shots = shotsArg || 'test-results/screenshots';
fs.mkdirSync(shots, { recursive: true });

let passed = 0;
let failed = 0;
const ok = (name) => { passed++; console.log(`ok   ${name}`); };
const fail = (name, why) => {
    failed++;
    console.log(`FAIL ${name}`);
    if (why) console.log(String(why).split('\n').map((l) => `     ${l}`).join('\n'));
};
const check = (name, cond, why) => (cond ? ok(name) : fail(name, why));

// A date n days from today as the three fields of a GOV.UK date input.
const dayParts = (n) => {
    const d = new Date(Date.now() + n * 86400000);
    return [String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())];
};

// axe-core (WCAG 2.0, 2.1 A and AA, 2.2 AA) on the current page, and a screenshot. The script is
// evaluated through the DevTools protocol: onroll's Content-Security-Policy forbids inline
// scripts, and the page is tested with that policy on.
async function audit(page, name) {
    await page.screenshot({ path: path.join(shots, `directory-${name}.png`), fullPage: true });
    await page.evaluate(AXE);
    const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        return await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            resultTypes: ['violations'],
        });
    });
    for (const v of result.violations) {
        console.log(`axe: ${name}: ${v.id} (${v.impact}): ${v.help} - ${v.helpUrl}`);
        for (const n of v.nodes.slice(0, 5))
            console.log(`     ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
    }
    check(`axe-core ${result.testEngine.version} on ${name}: 0 WCAG 2.2 AA violations`,
        result.violations.length === 0, result.violations.map((v) => v.id).join(', '));
}

async function signIn(page, email, password) {
    await page.goto(`${base}/sign-in`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
    return !page.url().includes('/sign-in');
}

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
});
try {
    // ---- the SENCO ----
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { // an error page's status is not a script error
        if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
    });
    check('the SENCO signs in', await signIn(page, schoolEmail, schoolPassword), page.url());

    await page.goto(`${base}/interventions`);
    check('the directory is in the service navigation',
        await page.locator('.govuk-service-navigation a[aria-current="page"]', { hasText: 'Interventions' }).count() === 1);
    check('one h1', (await page.locator('h1').count()) === 1);
    await audit(page, 'search');

    // search by need: tick "Parenting", apply
    await page.getByLabel('Parenting', { exact: true }).check();
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Apply filters")')]);
    check('the need is in the search (a link that can be shared)', page.url().includes('need=parenting'), page.url());
    const heading = (await page.locator('#results').innerText()).trim();
    const count = parseInt(heading, 10);
    check('results found for the need', count > 0 && count < 78, heading);
    const needs = await page.locator('.onroll-result').allInnerTexts();
    check(`every result (${needs.length}) is for parenting`, needs.length === count &&
        needs.every((t) => /Needs:.*Parenting/.test(t)), needs.join('\n---\n'));
    check('the results show levels of need as tags',
        (await page.locator('.onroll-result .govuk-tag').count()) >= needs.length);
    await audit(page, 'search-by-need');

    await page.goto(`${base}/interventions?q=nothing-matches-this`);
    check('no result: says so', (await page.locator('main').innerText()).includes('No entry matches'));
    await audit(page, 'search-no-results');

    // open an entry from the results
    await page.goto(`${base}/interventions?need=parenting`);
    await Promise.all([page.waitForNavigation(),
        page.locator('.onroll-result a', { hasText: 'Incredible Years programme' }).click()]);
    check('the entry opens', (await page.locator('h1').innerText()).trim() === 'Incredible Years programme');
    const main = await page.locator('main').innerText();
    check('the entry says how to access it and what it costs',
        main.includes('How to access it') && main.includes('Traded services strand'), main);
    await audit(page, 'entry');

    // assign it: choose the pupil, then the form
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Assign to a pupil")')]);
    check('choosing the pupil says what is assigned',
        (await page.locator('.govuk-notification-banner').innerText()).includes('Incredible Years programme'));
    await audit(page, 'choose-pupil');
    const first = page.locator('table tbody a.govuk-link').first(); // the headings sort (issue 14)
    const pupilName = (await first.innerText()).split(':')[0].trim();
    await Promise.all([page.waitForNavigation(), first.click()]);
    const upn = new URL(page.url()).pathname.split('/')[2];
    check(`the pupil's interventions page (${pupilName}, ${upn})`,
        /^\/pupils\/[A-Z0-9]{13}\/interventions$/.test(new URL(page.url()).pathname), page.url());
    check('the entry is chosen', (await page.locator('#intervention').inputValue()) === 'incredible-years-programme');
    await audit(page, 'pupil-interventions');

    // the form without dates: the GOV.UK error summary
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Continue")')]);
    check('an empty form: the error summary', (await page.locator('.govuk-error-summary').count()) === 1);
    check('... focused (GOV.UK Frontend runs under the CSP)',
        await page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null));
    await audit(page, 'pupil-interventions-errors');

    const [sd, sm, sy] = dayParts(-7);
    const [ed, em, ey] = dayParts(49);
    await page.fill('#start-day', sd);
    await page.fill('#start-month', sm);
    await page.fill('#start-year', sy);
    await page.fill('#end-day', ed);
    await page.fill('#end-month', em);
    await page.fill('#end-year', ey);
    await page.fill('#provider', 'Family support worker');
    await page.fill('#notes', 'Weekly group with the parents');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Continue")')]);
    check('the check page', (await page.locator('h1').innerText()).includes('Check the intervention'));
    check('... nothing saved yet', (await page.locator('main').innerText()).includes('Nothing has been saved yet'));
    await audit(page, 'check');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save the intervention")')]);
    check('saved: the banner', (await page.locator('.govuk-notification-banner').innerText()).includes('Intervention recorded'));
    const table = await page.locator('table').innerText();
    check('the pupil\'s interventions show it, current, with who delivers it',
        table.includes('Incredible Years programme') && table.includes('Family support worker') &&
        table.includes('Current'), table);
    await audit(page, 'pupil-interventions-saved');

    await page.goto(`${base}/pupils/${upn}`);
    const record = await page.locator('#interventions ~ table').first().innerText();
    check('the pupil\'s record shows it among the current interventions',
        record.includes('Incredible Years programme'), record);
    await audit(page, 'pupil-record');

    await page.goto(`${base}/pupils/${upn}/interventions`);
    await Promise.all([page.waitForNavigation(), page.locator('a', { hasText: 'Change or end' }).first().click()]);
    check('the change form', (await page.locator('h2#assign').innerText()).startsWith('Change or end'));
    await audit(page, 'change');
    check('no script errors on the SENCO\'s pages', errors.length === 0, errors.join('\n'));
    await ctx.close();

    // ---- the LA officer ----
    const la = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const lp = await la.newPage();
    check('the LA officer signs in', await signIn(lp, laEmail, laPassword), lp.url());
    await lp.goto(`${base}/interventions/incredible-years-programme/edit`);
    check('the edit form', (await lp.locator('#name').inputValue()) === 'Incredible Years programme');
    await audit(lp, 'edit');
    await lp.fill('#name', '');
    await Promise.all([lp.waitForNavigation(), lp.click('button:has-text("Save changes")')]);
    check('an edit without a name: the error summary',
        (await lp.locator('.govuk-error-summary').innerText()).includes('Enter a name'));
    await audit(lp, 'edit-errors');
    await lp.goto(`${base}/interventions/new`);
    check('the new-entry form', (await lp.locator('h1').innerText()).includes('Add an entry'));
    await audit(lp, 'new');
    await la.close();
} catch (e) {
    fail('the browser test ran', e.stack || e);
} finally {
    await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
