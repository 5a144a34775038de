// outcomes.spec.mjs - the outcomes pages in a real browser (headless Chromium through
// playwright-core, never a downloaded browser), against a running `onroll serve`: a school
// user signs in, records an SDQ (teacher report) through the item grid - the two-step form,
// a first Continue with nothing answered (the error summary), 25 answers ticked by clicking
// their labels, the check page with the scores worked out, Save - and sees it on the pupil's
// outcomes page; then the analyst opens the outcomes report. axe-core (WCAG 2.0, 2.1, 2.2 A
// and AA rule sets) runs on the outcomes page, each step of the form and the report: 0
// violations. Prints `N passed, N failed`; exits non-zero on any failure.
//
// Env: BASE (the server's URL), UPN, PLAN (the value of the plan's radio: URN:EVENT_ID),
// SCHOOL_EMAIL / SCHOOL_PASSWORD (a school account of the plan's school), LA_EMAIL /
// LA_PASSWORD (an account that may open /reports/outcomes), CHROMIUM (default
// /usr/bin/chromium). Run by tests/e2e/test_outcome_pages.sh.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');

const env = (k) => {
    if (!process.env[k]) {
        console.error(`outcomes.spec.mjs: ${k} is not set`);
        process.exit(2);
    }
    return process.env[k];
};
const BASE = env('BASE');
const UPN = env('UPN');
const PLAN = env('PLAN');

let passed = 0;
let failed = 0;
const ok = (name) => { passed++; console.log(`ok   ${name}`); };
const fail = (name, why) => {
    failed++;
    console.log(`FAIL ${name}`);
    if (why) console.log(String(why).split('\n').map((l) => `     ${l}`).join('\n'));
};
const check = (name, cond, why) => (cond ? ok(name) : fail(name, why));

// The answers ticked, items 1-25 (0 not true, 1 somewhat true, 2 certainly true). Worked by
// hand with the teacher version's bands:
//   emotional (3 8 13 16 24): 0+1+2+0+1 = 4, normal
//   conduct (5 7r 12 18 22): 0+(2-1)+2+0+1 = 4, abnormal (4-10)
//   hyperactivity (2 10 15 21r 25r): 0+1+2+(2-1)+(2-1) = 5, normal (0-5)
//   peer (6 11r 14r 19 23): 1+(2-2)+(2-2)+0+1 = 2, normal
//   prosocial (1 4 9 17 20): 0+0+1+0+0 = 1, abnormal (0-4)
//   total 4+4+5+2 = 15, borderline (12-15); externalising 4+5 = 9; internalising 4+2 = 6
const ANSWERS = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
const SUMMARY = 'Emotional symptoms 4 (normal); Conduct problems 4 (abnormal); ' +
    'Hyperactivity/inattention 5 (normal); Peer relationship problems 2 (normal); ' +
    'Prosocial behaviour 1 (abnormal); Total difficulties 15 (borderline); Externalising 9; ' +
    'Internalising 6';

async function axe(page, name) {
    await page.addScriptTag({ path: AXE });
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
    check(`axe-core ${result.testEngine.version}: ${name}: 0 WCAG 2.2 AA violations`,
        result.violations.length === 0, result.violations.map((v) => v.id).join(', '));
}

async function signIn(context, email, password) {
    const page = await context.newPage();
    await page.goto(`${BASE}/sign-in`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
        page.click('button:has-text("Sign in")')]);
    return page;
}

// Click a submit button and wait for the page it leads to.
async function submit(page, text) {
    await Promise.all([page.waitForNavigation(), page.click(`button:has-text("${text}")`)]);
}

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
});
try {
    // axe is injected as a script: the pages' Content-Security-Policy would refuse it
    const opts = { viewport: { width: 1280, height: 900 }, bypassCSP: true };
    const school = await browser.newContext(opts);
    const page = await signIn(school, env('SCHOOL_EMAIL'), env('SCHOOL_PASSWORD'));
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${BASE}/pupils/${UPN}/outcomes`);
    check('the outcomes page: one h1, "Outcomes"',
        (await page.locator('h1').count()) === 1 && (await page.locator('h1').innerText()) === 'Outcomes');
    await axe(page, 'the outcomes page');

    // step 1
    await page.locator(`input[name="plan"][value="${PLAN}"]`).check();
    await page.selectOption('#measure', 'sdq_teacher');
    await page.locator('input[name="outcome"][value="pre"]').check();
    await page.fill('#taken-day', '15');
    await page.fill('#taken-month', '9');
    await page.fill('#taken-year', '2025');
    await page.locator('input[name="entry"][value="responses"]').check();
    await submit(page, 'Continue');
    const legends = await page.locator('legend.onroll-item__legend').allInnerTexts();
    check('step 2: 25 items, each a fieldset named "Item N"',
        legends.length === 25 && legends.every((t, i) => t.trim() === `Item ${i + 1}`),
        legends.join(', '));
    await axe(page, 'the item grid');

    // nothing answered: the error summary, against item 1
    await submit(page, 'Continue');
    const summary = page.locator('.govuk-error-summary');
    check('nothing answered: the error summary', (await summary.count()) === 1 &&
        /Answer at least one item/.test(await summary.innerText()));
    check('... linking to item 1', (await page.locator('.govuk-error-summary a[href="#item-1"]').count()) === 1);
    await axe(page, 'the item grid with an error');

    for (let i = 0; i < 25; i++) {
        const id = ANSWERS[i] === 0 ? `item-${i + 1}` : `item-${i + 1}-${ANSWERS[i] + 1}`;
        await page.click(`label[for="${id}"]`);
    }
    check('item 7: "Somewhat true" ticked by its label',
        await page.locator('#item-7-2').isChecked());
    await submit(page, 'Continue');
    check('the check page', /Check the measurement before saving/.test(await page.locator('h1').innerText()));
    const cells = await page.locator('table tr').allInnerTexts();
    check('the check page: total difficulties 15, borderline',
        cells.some((t) => /Total difficulties\s+15 \(0 to 40\)\s+Borderline/.test(t)), cells.join('\n'));
    check('the check page: prosocial 1, abnormal',
        cells.some((t) => /Prosocial behaviour\s+1 \(0 to 10\)\s+Abnormal/.test(t)));
    await axe(page, 'the check page');

    await submit(page, 'Save the measurement');
    check('saved: back on the outcomes page', new URL(page.url()).pathname === `/pupils/${UPN}/outcomes`);
    check('... with a success banner', /Measurement recorded/.test(
        await page.locator('.govuk-notification-banner').innerText()));
    const rows = await page.locator('table tr').allInnerTexts();
    check('... the measurement with its scores and bands',
        rows.some((t) => t.includes('15 September 2025') && t.includes(SUMMARY)), rows.join('\n'));
    await axe(page, 'the outcomes page after recording');
    check('no script errors', errors.length === 0, errors.join('\n'));

    // the report
    const la = await browser.newContext(opts);
    const rpage = await signIn(la, env('LA_EMAIL'), env('LA_PASSWORD'));
    await rpage.goto(`${BASE}/reports/outcomes?as-of-day=1&as-of-month=4&as-of-year=2026`);
    check('the report: its tables have captions and column headers',
        await rpage.$$eval('table', (ts) => ts.length > 0 && ts.every((t) =>
            t.querySelector('caption')?.textContent.trim() &&
            t.querySelectorAll('th[scope="col"]').length > 0)));
    await axe(rpage, 'the outcomes report');
} catch (e) {
    fail('the browser test ran', e.stack || e);
} finally {
    await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
