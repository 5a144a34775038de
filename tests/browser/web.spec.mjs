// web.spec.mjs - the web application in a real browser: headless Chromium (Debian's, through
// playwright-core) signs in through the form as each demo role and does that role's main job
// against a running `onroll serve`, with axe-core (WCAG 2.2 AA rule sets) run on every page it
// opens, for every role. Driven by tests/e2e/test_browser.sh, which makes the demo LA, picks
// the pupils from its database (fixtures) and starts the server.
//
//   - LA officer: records a suspension through the real form (form, check step, save) and sees
//     the duties it created on the pupil's page; the dashboard, pupils, schools, reports;
//   - school: its own pupil opens, another school's is "Page not found" (404);
//   - social worker: every pupil listed in /pupils is on their caseload; another child is 404;
//   - analyst: reports are suppressed (c cells, the note; no unsuppressed option), a pupil's
//     record and the pupils list are refused (403);
//   - LA admin (audit log search), Virtual School, youth justice, partner: their dashboard and
//     main pages.
//
// Every page: no script error, no Content-Security-Policy violation, axe-core with no
// violation (each printed: rule, target, message). Full-page screenshots of the main pages go
// to SHOTS (test-results/screenshots/ by default).
//
// Usage: node tests/browser/web.spec.mjs BASE_URL FIXTURES.json [SHOTS_DIR]
// Env: CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
if (!base || !fixturesFile || !fs.existsSync(fixturesFile)) {
    console.error('usage: node tests/browser/web.spec.mjs BASE_URL FIXTURES.json [SHOTS_DIR]');
    process.exit(2);
}
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
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

// Every page a role opens: its status, no script error or CSP refusal, axe-core clean.
let pagesChecked = 0;

// axe-core on the page as it is: evaluated in the page (the server's CSP allows no injected
// <script>, and is left on: a page must work under it).
async function runAxe(page) {
    await page.evaluate(AXE);
    return page.evaluate(async (tags) =>
        // eslint-disable-next-line no-undef
        await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS);
}

async function audit(page, role, label) {
    pagesChecked++;
    const result = await runAxe(page);
    const lines = [];
    for (const v of result.violations)
        for (const n of v.nodes)
            lines.push(`axe: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help}; ` +
                n.failureSummary.replace(/\s*\n\s*/g, ' '));
    for (const l of lines) console.log(`     ${l}`);
    const rules = result.passes.length + result.violations.length;
    check(`${role}: axe-core, ${label}: no WCAG 2.2 AA violation (${rules} rules applied)`,
        result.violations.length === 0 && rules > 0,
        result.violations.map((v) => `${v.id}: ${v.help}`).join('\n') || 'no rule applied');
}

// A browser context of one role: its own cookies; console and script errors collected.
async function roleContext(browser, role) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`script error: ${e}`));
    page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
            problems.push(`CSP: ${m.text()}`);
    });
    return { context, page, problems, role };
}

// Open PATH (or act, then land): check the status, the page's problems and axe; a screenshot
// when asked.
async function visit(r, pathname, { status = 200, label, shot } = {}) {
    const resp = await r.page.goto(base + pathname, { waitUntil: 'load' });
    return landed(r, resp ? resp.status() : 0, { status, label: label || pathname, shot });
}

async function landed(r, got, { status = 200, label, shot }) {
    const { page, role } = r;
    await page.waitForLoadState('load');
    check(`${role}: ${label} answers ${status}`, got === status, `got ${got} at ${page.url()}`);
    r.problems.length = 0;
    await page.waitForTimeout(0);
    await audit(page, role, label);
    check(`${role}: ${label}: no script error or CSP refusal`, r.problems.length === 0,
        r.problems.join('\n'));
    if (shot) await page.screenshot({ path: path.join(shots, `${role}-${shot}.png`), fullPage: true });
    return got;
}

// Click what sends a form or follows a link; the status of the page it lands on (after any
// redirect).
async function follow(r, selector) {
    const [resp] = await Promise.all([r.page.waitForNavigation(), r.page.click(selector)]);
    return resp ? resp.status() : 0;
}

// Sign in through the form, as a person would.
async function signIn(r, account) {
    const { page, role } = r;
    await visit(r, '/sign-in', { label: 'the sign-in page', shot: role === 'la_officer' ? 'sign-in' : undefined });
    await page.fill('#email', account.email);
    await page.fill('#password', account.password);
    const got = await follow(r, 'button:has-text("Sign in")');
    check(`${role}: signs in through the form (${account.email})`,
        new URL(page.url()).pathname === '/dashboard' && (await page.locator('h1').count()) === 1,
        `landed on ${page.url()}`);
    await landed(r, got, { label: 'home', shot: 'home' });
}

const pupilLinks = async (page) => page.$$eval('main a[href^="/pupils/"]', (as) =>
    [...new Set(as.map((a) => a.getAttribute('href'))
        .filter((h) => /^\/pupils\/[A-Z0-9]{13}$/.test(h)).map((h) => h.slice(8)))]);
const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
const notFound = async (page) => /Page not found/.test(await page.locator('h1').innerText());

// ---- each role's job ----

async function laOfficer(r) {
    const { page, role } = r;
    const upn = fx.record_upn;
    await visit(r, '/dashboard', { label: 'dashboard', shot: 'dashboard' });
    check(`${role}: dashboard has its sections`,
        (await page.locator('h2#duties').count()) === 1 && (await page.locator('h2#risk').count()) === 1);
    await visit(r, '/pupils', { label: 'pupils', shot: 'pupils' });
    check(`${role}: pupils lists pupils`, (await pupilLinks(page)).length > 0);
    await visit(r, '/schools', { label: 'schools', shot: 'schools' });
    await visit(r, `/schools/${fx.school_urn}`, { label: 'a school', shot: 'school' });
    await visit(r, '/status', { label: 'status' });
    await visit(r, '/upload', { label: 'upload' });

    // the pupil before: no duty of a suspension yet
    await visit(r, `/pupils/${upn}`, { label: 'the pupil before recording' });
    const before = await mainText(page);
    check(`${role}: the pupil has no suspension duty yet`, !before.includes('Tell the parent of the suspension'));

    // 1. the form
    await landed(r, await follow(r, `a[href="/pupils/${upn}/record"]`),
        { label: 'record: the form', shot: 'record-form' });
    await page.check('input[name="type"][value="suspension"]');
    const school = page.locator(`input[name="urn"][value="${fx.record_urn}"]`);
    if (await school.count()) await school.check();
    else if (await page.locator('input#urn[type="text"]').count()) await page.fill('input#urn', String(fx.record_urn));
    const [y, m, d] = fx.record_date.split('-');
    await page.fill('#start-day', String(Number(d)));
    await page.fill('#start-month', String(Number(m)));
    await page.fill('#start-year', y);
    await page.fill('#sessions', '2');
    await page.locator('input[name="reasons"]').first().check();
    await page.fill('#notes', 'Recorded by the browser test');

    // an error first: the error summary, accessible too
    await page.fill('#sessions', 'lots');
    let got = await follow(r, 'button:has-text("Continue")');
    check(`${role}: record: a bad number of sessions shows the error summary`,
        (await page.locator('.govuk-error-summary').count()) === 1,
        (await mainText(page)).slice(0, 300));
    check(`${role}: ... linked to the field`,
        (await page.locator('.govuk-error-summary a[href="#sessions"]').count()) === 1);
    await landed(r, got, { status: 400, label: 'record: the form with errors', shot: 'record-errors' });
    await page.fill('#sessions', '2');

    // 2. the check step
    got = await follow(r, 'button:has-text("Continue")');
    const check1 = await mainText(page);
    check(`${role}: record: the check step ("Nothing has been saved yet")`,
        check1.includes('Nothing has been saved yet'), check1.slice(0, 400));
    check(`${role}: record: the check step counts 2 sessions as 1 school day`,
        check1.includes('2 (1 school day)'), check1.slice(0, 400));
    check(`${role}: record: the check step lists the duties it will create`,
        check1.includes('Tell the parent of the suspension'), check1.slice(0, 800));
    await landed(r, got, { label: 'record: the check step', shot: 'record-check' });

    // 3. save
    got = await follow(r, 'button:has-text("Save the suspension")');
    const after = new URL(page.url());
    check(`${role}: record: saved, back to the pupil's page`,
        after.pathname === `/pupils/${upn}` && after.searchParams.get('recorded') === 'suspension',
        page.url());
    check(`${role}: record: a success banner`,
        (await page.locator('.govuk-notification-banner--success').count()) === 1);
    const duties = await page.locator('h2#duties ~ *').allInnerTexts();
    const pupilText = await mainText(page);
    check(`${role}: the pupil's page shows the new suspension's duties`,
        pupilText.includes('Tell the parent of the suspension'), duties.join(' ').slice(0, 600));
    check(`${role}: ... and the suspension in the timeline`, /Suspension/.test(pupilText));
    await landed(r, got, { label: 'the pupil after recording', shot: 'pupil' });

    // the action page (record that a duty was done), opened from the pupil's page
    const action = `a[href^="/pupils/${upn}/action"] >> nth=0`;
    if (await page.locator(action).count()) {
        await landed(r, await follow(r, action), { label: 'record a duty done', shot: 'action' });
    } else {
        fail(`${role}: the pupil's page links to recording a duty done`);
    }
}

async function laAdmin(r) {
    const { page, role } = r;
    await visit(r, '/dashboard', { label: 'dashboard' });
    await visit(r, '/admin/audit', { label: 'audit log', shot: 'audit' });
    // search through the form: every read of the recorded pupil
    await page.fill('#upn', fx.record_upn);
    const got = await follow(r, 'main form button >> nth=0');
    const url = new URL(page.url());
    check(`${role}: audit search by UPN`, url.pathname === '/admin/audit' &&
        url.searchParams.get('upn') === fx.record_upn, page.url());
    const rows = await page.locator('main table tbody tr').allInnerTexts();
    check(`${role}: audit: the recorded pupil's reads, all of that pupil`,
        rows.length > 0 && rows.every((t) => t.includes(fx.record_upn)),
        rows.slice(0, 5).join('\n'));
    check(`${role}: audit: the LA officer's read is there`,
        rows.some((t) => t.includes(fx.accounts.la_officer.email) && t.includes('pupil.read')));
    await landed(r, got, { label: 'audit log search', shot: 'audit-search' });
    await visit(r, '/admin/audit?from=yesterday', { status: 400, label: 'audit log with a bad date' });
    await visit(r, '/reports', { label: 'reports' });
}

async function school(r) {
    const { page, role } = r;
    // issue 14: a school has a dashboard of its own, which links to its school page
    await visit(r, '/dashboard', { label: 'its dashboard', shot: 'school-dashboard' });
    const got = await follow(r, 'a:has-text("Your school\'s figures")');
    check(`${role}: the dashboard links to the school's page`,
        new URL(page.url()).pathname === `/schools/${fx.school_urn}`, page.url());
    await landed(r, got, { label: 'its school page', shot: 'school' });
    await visit(r, '/pupils', { label: 'pupils', shot: 'pupils' });
    const listed = await pupilLinks(page);
    check(`${role}: pupils lists its own`, listed.length > 0);
    check(`${role}: ... and not the other school's pupil`, !listed.includes(fx.other_upn));
    await visit(r, `/pupils/${fx.own_upn}`, { label: 'its own pupil', shot: 'pupil' });
    check(`${role}: its own pupil's record`, (await page.locator('h2#timeline').count()) === 1);
    await visit(r, `/pupils/${fx.other_upn}`, { status: 404, label: "another school's pupil", shot: 'not-found' });
    check(`${role}: another school's pupil: "Page not found"`, await notFound(page));
    check(`${role}: ... nothing of the pupil`, !(await page.content()).includes(fx.other_upn_name));
    await visit(r, `/schools/${fx.other_urn}`, { status: 404, label: "another school's page" });
    await visit(r, '/upload', { label: 'upload', shot: 'upload' });
    await visit(r, `/pupils/${fx.own_upn}/record`, { label: 'record for its own pupil' });
    await visit(r, '/admin/audit', { status: 403, label: 'the audit log (refused)', shot: 'forbidden' });
}

async function socialWorker(r) {
    const { page, role } = r;
    await visit(r, '/dashboard', { label: 'dashboard', shot: 'dashboard' });
    check(`${role}: dashboard: their caseload`, (await mainText(page)).includes('Your caseload'));
    await visit(r, '/pupils', { label: 'pupils', shot: 'pupils' });
    const listed = await pupilLinks(page);
    const caseload = new Set(fx.caseload);
    const outside = listed.filter((u) => !caseload.has(u));
    check(`${role}: /pupils lists ${listed.length} pupils, every one on their caseload`,
        listed.length > 0 && outside.length === 0, `not on the caseload: ${outside.join(' ')}`);
    check(`${role}: ... the whole open caseload (${caseload.size})`,
        fx.caseload.every((u) => listed.includes(u)) || listed.length >= 50,
        `missing: ${fx.caseload.filter((u) => !listed.includes(u)).join(' ')}`);
    await visit(r, `/pupils/${listed[0]}`, { label: 'a child on the caseload', shot: 'pupil' });
    check(`${role}: ... may not record an exclusion`,
        (await page.locator(`a[href="/pupils/${listed[0]}/record"]`).count()) === 0);
    await visit(r, `/pupils/${fx.not_case_upn}`, { status: 404, label: 'a child not on the caseload' });
    check(`${role}: a child not on the caseload: "Page not found"`, await notFound(page));
    await visit(r, `/schools/${fx.school_urn}`, { status: 403, label: 'a school page (refused)' });
}

async function analyst(r) {
    const { page, role } = r;
    await visit(r, '/dashboard', { label: 'dashboard', shot: 'dashboard' });
    const dash = await page.content();
    check(`${role}: dashboard links no pupil`, !/href="\/pupils\//.test(dash));
    await visit(r, '/reports', { label: 'reports', shot: 'reports-form' });
    check(`${role}: reports: no option to unsuppress`,
        (await page.locator('input[name="unsuppressed"]').count()) === 0);
    await page.check('input[name="report"][value="rates"]');
    await page.selectOption('#by1', 'ethnicity');
    let got = await follow(r, 'button:has-text("Show the report")');
    await landed(r, got, { label: 'a rates report by ethnicity', shot: 'reports' });
    const cells = await page.locator('main table td').allInnerTexts();
    const text = await mainText(page);
    check(`${role}: the report's table is suppressed: c cells, and the note`,
        cells.some((c) => c.trim() === 'c') && /shown as c/.test(text), `${cells.length} cells`);
    check(`${role}: ... and says it is suppressed for publication`,
        /suppressed for publication/.test(text) && !/not suppressed/i.test(text));
    const small = cells.filter((c) => /^[12]$/.test(c.trim()));
    check(`${role}: ... no count of 1 or 2 published`, small.length === 0, small.join(' '));
    await page.selectOption('#by1', '');
    await page.check('input[name="report"][value="schools"]');
    got = await follow(r, 'button:has-text("Show the report")');
    await landed(r, got, { label: 'schools against the LA', shot: 'reports-schools' });
    await visit(r, '/reports?report=rates&by1=sex&unsuppressed=1', { status: 403, label: 'unsuppressed figures (refused)' });
    await visit(r, '/schools', { label: 'schools' });
    await visit(r, '/status', { label: 'status' });
    await visit(r, '/pupils', { status: 403, label: 'pupils (refused)' });
    await visit(r, `/pupils/${fx.own_upn}`, { status: 403, label: "a pupil's record (refused)", shot: 'forbidden' });
    check(`${role}: ... says so`, /do not have access/.test(await page.locator('h1').innerText()));
}

async function cohortRole(r, heading) {
    const { page, role } = r;
    await visit(r, '/dashboard', { label: 'dashboard', shot: 'dashboard' });
    check(`${role}: dashboard: "${heading}"`, (await mainText(page)).includes(heading),
        (await mainText(page)).slice(0, 300));
    await visit(r, '/pupils', { label: 'pupils', shot: 'pupils' });
    const listed = await pupilLinks(page);
    if (fx.scoped[role] && fx.scoped[role].length) {
        const mine = new Set(fx.scoped[role]);
        check(`${role}: /pupils lists only their children`,
            listed.length > 0 && listed.every((u) => mine.has(u)),
            listed.filter((u) => !mine.has(u)).join(' '));
    }
    if (listed.length) {
        await visit(r, `/pupils/${listed[0]}`, { label: 'a child of theirs', shot: 'pupil' });
        check(`${role}: the child's record`, (await page.locator('h2#timeline').count()) === 1);
    }
    await visit(r, `/pupils/${fx.not_case_upn}`, { status: 404, label: 'a child not theirs' });
    await visit(r, '/reports', { status: 403, label: 'reports (refused)' });
}

const JOBS = [
    ['la_officer', laOfficer],
    ['la_admin', laAdmin],
    ['school', school],
    ['social_worker', socialWorker],
    ['analyst', analyst],
    ['virtual_school', (r) => cohortRole(r, 'Your cohort')],
    ['youth_justice', (r) => cohortRole(r, 'Your caseload')],
    ['partner', (r) => cohortRole(r, 'Children referred to your service')],
];

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
});
try {
    // the check can fail: a page made with known faults is reported
    const probe = await browser.newPage();
    await probe.setContent('<html><head><title>x</title></head><body><main><img src="data:,">' +
        '<input type="text"><p style="color:#bbb;background:#fff">faint</p></main></body></html>');
    const bad = (await runAxe(probe)).violations.map((v) => v.id).sort();
    check(`axe-core reports a page's faults (${bad.join(', ')})`,
        ['color-contrast', 'html-has-lang', 'image-alt', 'label'].every((id) => bad.includes(id)));
    await probe.close();

    // the anonymous: the sign-in page, and a pupil's record asks to sign in first
    const anon = await roleContext(browser, 'anonymous');
    const resp = await anon.page.goto(`${base}/pupils/${fx.own_upn}`);
    check('anonymous: a pupil\'s record asks to sign in',
        new URL(anon.page.url()).pathname === '/sign-in', anon.page.url());
    await landed(anon, resp.status(), { label: 'sign in (redirected)' });
    await visit(anon, '/no/such/page', { status: 404, label: 'an unknown page' });
    await anon.context.close();

    for (const [role, job] of JOBS) {
        const account = fx.accounts[role];
        if (!account) {
            fail(`${role}: the demo has an account`);
            continue;
        }
        const r = await roleContext(browser, role);
        const t0 = Date.now();
        try {
            await signIn(r, account);
            await job(r);
            // sign out through the header's form
            await follow(r, 'button:has-text("Sign out")');
            check(`${role}: signs out`, new URL(r.page.url()).pathname === '/sign-in', r.page.url());
        } catch (e) {
            fail(`${role}: the job ran`, e.stack || e);
            await r.page.screenshot({ path: path.join(shots, `${role}-failure.png`), fullPage: true }).catch(() => {});
        } finally {
            await r.context.close();
        }
        console.log(`     (${role}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
} catch (e) {
    fail('the browser test ran', e.stack || e);
} finally {
    await browser.close();
}
console.log(`axe-core ran on ${pagesChecked} pages`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
