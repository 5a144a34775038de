// plans.spec.mjs - support plans and referrals in a real browser (issue 8's "done means"):
// headless Chromium (Debian's, through playwright-core) against a running `onroll serve` over
// the demo LA, signing in through the form as each demo account:
//
//   1. the school records a (second) suspension of PUPIL; its dashboard (the school page) lists
//      the Pastoral Support Programme to start (LOCAL-PSP); it starts the PSP, records two
//      reviews "no change", is prompted to refer to the Re-engagement Unit, and refers, the
//      PSP attached;
//   2. the REU (the demo's partner account, scope reu) finds the referral in its list, accepts
//      it and allocates a lead worker;
//   3. the Virtual School records a PEP for a looked-after pupil from its PEP list;
//   4. the LA officer's dashboard, referrals and PEP pages.
//
// axe-core (WCAG 2.2 AA rule sets) runs on every page opened, evaluated in the page (the
// server's Content-Security-Policy stays on); every violation is printed. Full-page
// screenshots go to SHOTS. Ends with "N passed, N failed"; exits non-zero on any failure.
//
// Env: BASE (the server), SCHOOL_URN (the school account's school), PUPIL (its pupil for the
// story), RECORD (suspensions to record: 1 when the pupil has one this year, else 2), SHOTS
// (default test-results/screenshots), CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const base = process.env.BASE;
const school = process.env.SCHOOL_URN;
const upn = process.env.PUPIL;
const record = Number(process.env.RECORD || '2');
const shots = process.env.SHOTS || 'test-results/screenshots';
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

if (!base || !school || !upn || upn === '-') {
    fail('the story has a server, a school and a pupil', `BASE=${base} SCHOOL_URN=${school} PUPIL=${upn}`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(1);
}

// Dates as the forms take them.
const day = (d) => ({ d: String(d.getDate()), m: String(d.getMonth() + 1), y: String(d.getFullYear()) });
const today = new Date();
const addDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);

let shotNo = 0;
async function axeCheck(r, label) {
    await r.page.evaluate(AXE);
    const result = await r.page.evaluate(async (tags) =>
        // eslint-disable-next-line no-undef
        await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS);
    for (const v of result.violations)
        for (const n of v.nodes)
            console.log(`     axe: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help}; ` +
                n.failureSummary.replace(/\s*\n\s*/g, ' '));
    check(`${r.role}: axe-core, ${label}: no WCAG 2.2 AA violation`, result.violations.length === 0,
        result.violations.map((v) => `${v.id}: ${v.help}`).join('\n'));
    check(`${r.role}: ${label}: no script error or CSP refusal`, r.problems.length === 0,
        r.problems.join('\n'));
    r.problems.length = 0;
    shotNo++;
    const name = `plans-${String(shotNo).padStart(2, '0')}-${r.role}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
    await r.page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

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

// Open a page: its status, then axe.
async function visit(r, pathname, label, status = 200) {
    const resp = await r.page.goto(base + pathname, { waitUntil: 'load' });
    const got = resp ? resp.status() : 0;
    check(`${r.role}: ${label} answers ${status}`, got === status, `got ${got} at ${r.page.url()}`);
    await axeCheck(r, label);
    return got;
}

// Click what sends a form or follows a link; the status of the page it lands on; then axe.
async function follow(r, selector, label, status = 200) {
    const [resp] = await Promise.all([r.page.waitForNavigation(), r.page.click(selector)]);
    const got = resp ? resp.status() : 0;
    check(`${r.role}: ${label} answers ${status}`, got === status, `got ${got} at ${r.page.url()}`);
    await axeCheck(r, label);
    return got;
}

async function signIn(r, email, password) {
    await r.page.goto(`${base}/sign-in`, { waitUntil: 'load' });
    await r.page.fill('#email', email);
    await r.page.fill('#password', password);
    await Promise.all([r.page.waitForNavigation(), r.page.click('button:has-text("Sign in")')]);
    check(`${r.role}: signs in as ${email}`, ['/', '/dashboard'].includes(new URL(r.page.url()).pathname), r.page.url());
}

async function fillDate(page, id, d) {
    const p = day(d);
    await page.fill(`#${id}-day`, p.d);
    await page.fill(`#${id}-month`, p.m);
    await page.fill(`#${id}-year`, p.y);
}

const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

// ---- 1. the school ----
async function schoolStory(r) {
    const { page } = r;
    await signIn(r, 'school@demo.onroll.example', 'demo-head-kestrel');
    for (let i = 0; i < record; i++) {
        const on = record === 2 && i === 0 ? addDays(today, -7) : today;
        await page.goto(`${base}/pupils/${upn}/record`, { waitUntil: 'load' });
        await page.check('input[name="type"][value="suspension"]');
        await fillDate(page, 'start', on);
        await page.fill('#sessions', '2');
        await page.check('input[name="reasons"][value="DB"]');
        await Promise.all([page.waitForNavigation(), page.click('button[value="check"]')]);
        await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
        check(`school: suspension ${i + 1} of ${record} recorded`,
            /recorded=suspension/.test(page.url()), page.url());
    }
    // the dashboard shows the plans to act on (its top 5); the school's page, linked from it,
    // every one of them, with the duty to start a PSP (issue 14: the school's own dashboard)
    await visit(r, '/dashboard', 'dashboard');
    check('school: the dashboard lists support plans to act on',
        (await page.locator('h2#plans').count()) === 1);
    await follow(r, 'a:has-text("Your school\'s figures")', 'its school page');
    check('school: ... and so does its school page', (await page.locator('h2#plans').count()) === 1);
    const link = page.locator(`#plans ~ div a[href="/pupils/${upn}/plans"]`);
    check('school: ... with the pupil whose PSP is to start', (await link.count()) > 0,
        'no link to the pupil in the panel');
    const panel = await page.locator('div[aria-label="Support plans and referrals to act on"]').innerText();
    check('school: ... the LOCAL-PSP duty', /LOCAL-PSP\b/.test(panel));
    await follow(r, `#plans ~ div a[href="/pupils/${upn}/plans"] >> nth=0`, "the pupil's plans");
    check("school: the plans page shows the duty to start a PSP",
        /Start a Pastoral Support Programme/.test(await mainText(page)));

    // start the PSP
    await follow(r, 'a[href*="plans/new?kind=psp&urn="]', 'start a PSP: the form');
    await fillDate(page, 'end', addDays(today, 112));
    await page.fill('#targets_pupil', 'Arrive on time to every lesson; use the time-out card.');
    await page.fill('#targets_school', 'A key adult checks in every morning.');
    await page.fill('#targets_family', 'Sign the report card every evening.');
    await page.fill('#leader', 'Deputy head (pastoral)');
    await follow(r, 'button[value="check"]', 'start a PSP: the check page');
    check('school: the check page lists the duties', /LOCAL-PSP/.test(await mainText(page)));
    await follow(r, 'button[value="save"]', 'the plans after saving the PSP');
    check('school: the PSP is saved', /Pastoral Support Programme recorded/.test(await mainText(page)));

    // two reviews: no change
    for (let n = 1; n <= 2; n++) {
        await follow(r, 'a[href*="/review?urn="] >> nth=0', `review ${n}: the form`);
        await page.check('input[name="outcome"][value="no_change"]');
        await page.fill('#pupil_views', 'It is the same as before.');
        await page.fill('#parent_views', 'Worried that nothing has changed yet.');
        await page.fill('#changes', 'Behaviour points unchanged.');
        await follow(r, 'button[value="check"]', `review ${n}: the check page`);
        await follow(r, 'button[value="save"]', `the plans after review ${n}`);
    }
    const text = await mainText(page);
    check('school: prompted to refer to the REU',
        text.includes('Two reviews in a row without improvement: refer to the Re-engagement Unit or educational psychology'),
        text.slice(0, 400));
    await follow(r, 'a:has-text("Refer to the Re-engagement Unit")', 'the referral form');
    check('school: the REU is chosen', await page.isChecked('input[name="service"][value="reu"]'));
    check('school: the PSP is attached',
        await page.isChecked('input[name="ref"]:not([value=""])'));
    await page.fill('#reason', 'Two PSP reviews without improvement.');
    await page.check('input[name="consent"][value="yes"]');
    await follow(r, 'button[value="check"]', 'the referral check page');
    await follow(r, 'button[value="save"]', 'the referral');
    check('school: the referral is saved',
        /Referral to the Re-engagement Unit recorded/.test(await mainText(page)));
    const referral = new URL(page.url()).pathname;
    await visit(r, `/pupils/${upn}/referrals`, "the pupil's referrals");
    await visit(r, `/pupils/${upn}`, "the pupil's record");
    check('school: the record summarises the plans',
        /1 Pastoral Support Programme/.test(await mainText(page)));
    return referral;
}

// ---- 2. the Re-engagement Unit ----
async function reuStory(r, referral) {
    const { page } = r;
    await signIn(r, 'partner@demo.onroll.example', 'demo-reu-kestrel');
    await visit(r, '/referrals', 'the REU\'s referrals');
    check('reu: the new referral is in its list',
        (await page.locator(`a[href="${referral}"]`).count()) === 1, `no link to ${referral}`);
    await follow(r, `a[href="${referral}"]`, 'the referral');
    await page.check('input[name="status"][value="accepted"]');
    await follow(r, 'button[value="check"]', 'accept: the check page');
    await follow(r, 'button[value="save"]', 'the referral, accepted');
    check('reu: accepted', /Step recorded: Referral accepted\./.test(await mainText(page)));
    await page.check('input[name="status"][value="allocated"]');
    await page.fill('#to', 'reu.worker@reu.example.gov.uk');
    await follow(r, 'button[value="check"]', 'allocate: the check page');
    await follow(r, 'button[value="save"]', 'the referral, allocated');
    const text = await mainText(page);
    check('reu: a lead worker allocated', /Lead worker reu\.worker@reu\.example\.gov\.uk/.test(text),
        text.slice(0, 600));
}

// ---- 3. the Virtual School ----
async function vsStory(r) {
    const { page } = r;
    await signIn(r, 'virtual_school@demo.onroll.example', 'demo-virtual-kestrel');
    await visit(r, '/peps', 'PEPs this term');
    const links = page.locator('a[href*="/plans/new?kind=pep"]');
    check('virtual_school: looked-after pupils listed', (await links.count()) > 0);
    await follow(r, 'a[href*="/plans/new?kind=pep"] >> nth=0', 'the PEP form');
    await page.fill('#targets', 'Reading: move up two book bands by the end of term.');
    await page.fill('#vs_attendee', 'Virtual School education adviser');
    await page.check('input[name="pupil_premium"][value="yes"]');
    await follow(r, 'button[value="check"]', 'the PEP check page');
    await follow(r, 'button[value="save"]', 'the plans after the PEP');
    check('virtual_school: the PEP is recorded',
        /Personal Education Plan recorded/.test(await mainText(page)));
}

// ---- 4. the LA ----
async function laStory(r) {
    const { page } = r;
    await signIn(r, 'la_officer@demo.onroll.example', 'demo-officer-kestrel');
    await visit(r, '/dashboard', 'the LA dashboard');
    check('la_officer: permanent exclusions without a PEAP or consultation',
        (await page.locator('h2#pex').count()) === 1);
    await visit(r, '/referrals?service=reu&status=all', 'the LA\'s referrals');
    await visit(r, '/peps', 'the LA\'s PEPs');
}

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
});
try {
    const s = await roleContext(browser, 'school');
    let referral = null;
    try {
        referral = await schoolStory(s);
    } catch (e) {
        fail('school: the story ran', e.stack || e);
    }
    await s.context.close();
    if (referral) {
        const p = await roleContext(browser, 'reu');
        try {
            await reuStory(p, referral);
        } catch (e) {
            fail('reu: the story ran', e.stack || e);
        }
        await p.context.close();
    }
    for (const [role, fn] of [['virtual_school', vsStory], ['la_officer', laStory]]) {
        const c = await roleContext(browser, role);
        try {
            await fn(c);
        } catch (e) {
            fail(`${role}: the story ran`, e.stack || e);
        }
        await c.context.close();
    }
} finally {
    await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
