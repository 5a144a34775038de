// lib.mjs - what the browser specs share: the pass/fail count, Chromium (Debian's, through
// playwright-core), a context per role with its script errors and CSP refusals collected,
// axe-core (WCAG 2.2 AA rule sets, evaluated in the page with the server's CSP on) and a
// full-page screenshot after every page, and opening, following and signing in.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const counts = { passed: 0, failed: 0 };
export const ok = (name) => { counts.passed++; console.log(`ok   ${name}`); };
export const fail = (name, why) => {
    counts.failed++;
    console.log(`FAIL ${name}`);
    if (why) console.log(String(why).split('\n').map((l) => `     ${l}`).join('\n'));
};
export const check = (name, cond, why) => (cond ? ok(name) : fail(name, why));

// A spec: its base URL, where its screenshots go and their names' prefix.
export function spec(base, shots, prefix) {
    fs.mkdirSync(shots, { recursive: true });
    let shotNo = 0;
    const s = { base, shots, prefix };

    s.axeCheck = async (r, label) => {
        await r.page.evaluate(AXE);
        const result = await r.page.evaluate(async (tags) =>
            // eslint-disable-next-line no-undef
            await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        AXE_TAGS);
        for (const v of result.violations)
            for (const n of v.nodes)
                console.log(`     axe: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help}`);
        check(`${r.role}: axe-core, ${label}: no WCAG 2.2 AA violation`, result.violations.length === 0,
            result.violations.map((v) => `${v.id}: ${v.help}`).join('\n'));
        check(`${r.role}: ${label}: no script error or CSP refusal`, r.problems.length === 0,
            r.problems.join('\n'));
        r.problems.length = 0;
        shotNo++;
        const name = `${prefix}-${String(shotNo).padStart(2, '0')}-${r.role}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
        await r.page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
    };

    s.roleContext = async (browser, role, width = 1280) => {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        const problems = [];
        page.on('pageerror', (e) => problems.push(`script error: ${e}`));
        page.on('console', (m) => {
            if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
                problems.push(`CSP: ${m.text()}`);
        });
        return { context, page, problems, role };
    };

    // Open a page: its status, then axe.
    s.visit = async (r, pathname, label, status = 200) => {
        const resp = await r.page.goto(base + pathname, { waitUntil: 'load' });
        const got = resp ? resp.status() : 0;
        check(`${r.role}: ${label} answers ${status}`, got === status, `got ${got} at ${r.page.url()}`);
        await s.axeCheck(r, label);
        return got;
    };

    // Click what sends a form or follows a link; the status of the page it lands on; then axe.
    s.follow = async (r, selector, label, status = 200) => {
        const [resp] = await Promise.all([r.page.waitForNavigation(), r.page.click(selector)]);
        const got = resp ? resp.status() : 0;
        check(`${r.role}: ${label} answers ${status}`, got === status, `got ${got} at ${r.page.url()}`);
        await s.axeCheck(r, label);
        return got;
    };

    s.signIn = async (r, email, password) => {
        await r.page.goto(`${base}/sign-in`, { waitUntil: 'load' });
        await r.page.fill('#email', email);
        await r.page.fill('#password', password);
        await Promise.all([r.page.waitForNavigation(), r.page.click('button:has-text("Sign in")')]);
        check(`${r.role}: signs in as ${email}`, ['/', '/dashboard'].includes(new URL(r.page.url()).pathname), r.page.url());
    };
    return s;
}

export const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

export function launch() {
    return chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--disable-dev-shm-usage'],
    });
}

// The closing line, and the exit status.
export function finish() {
    console.log(`${counts.passed} passed, ${counts.failed} failed`);
    process.exit(counts.failed ? 1 : 0);
}
