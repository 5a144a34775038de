// letters.spec.mjs - a letter's page in a real browser: signs in to a running `onroll serve`
// through its form, opens the letter, and checks that the page runs within its
// Content-Security-Policy (no violation, no page error), that the Print button appears (the
// script file, init.mjs, shows it), that printing shows the letter alone (print media: no
// header, navigation, forms or summaries; the letter's sheet visible), then runs axe-core with
// the WCAG 2.2 AA rule sets. Prints every violation; exits non-zero on any failure.
//
// Usage: node tests/browser/letters.spec.mjs BASE_URL EMAIL PASSWORD LETTER_PATH [SCREENSHOT.png]
// Env: CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [base, email, password, letter, shot] = process.argv.slice(2);
if (!base || !email || !password || !letter) {
    console.error('usage: node tests/browser/letters.spec.mjs BASE_URL EMAIL PASSWORD LETTER_PATH [SCREENSHOT.png]');
    process.exit(2);
}

let passed = 0;
let failed = 0;
const ok = (name) => { passed++; console.log(`ok   ${name}`); };
const fail = (name, why) => {
    failed++;
    console.log(`FAIL ${name}`);
    if (why) console.log(String(why).split('\n').map((l) => `     ${l}`).join('\n'));
};
const check = (name, cond, why) => (cond ? ok(name) : fail(name, why));

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
});
try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${base}/sign-in`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    const res = await page.goto(`${base}${letter}`, { waitUntil: 'load' });
    check('the letter page answers 200', res && res.status() === 200, res && res.status());
    await page.waitForTimeout(300); // the module script runs after load

    check('lang="en"', (await page.getAttribute('html', 'lang')) === 'en');
    check('exactly one h1', (await page.locator('h1').count()) === 1);
    check('the letter sheet is shown', await page.locator('article.onroll-letter').isVisible());
    check('the Print button is shown by the script file',
        await page.locator('button[data-onroll-print]').isVisible());
    check('no Content-Security-Policy violation or page error', problems.length === 0,
        problems.join('\n'));

    await page.emulateMedia({ media: 'print' });
    check('print: the letter is printed',
        await page.locator('article.onroll-letter').isVisible());
    check('print: no header', !(await page.locator('header.govuk-template__header').isVisible()));
    check('print: no footer', !(await page.locator('footer.govuk-footer').isVisible()));
    const forms = await page.locator('main form').evaluateAll((fs) =>
        fs.filter((f) => f.offsetParent !== null).length);
    check('print: no form', forms === 0, `${forms} forms visible`);
    check('print: no Print button', !(await page.locator('button[data-onroll-print]').isVisible()));
    await page.emulateMedia({ media: 'screen' });

    if (shot) await page.screenshot({ path: shot, fullPage: true });

    // axe-core, evaluated through the browser's debugging protocol (the page's CSP forbids an
    // inline script, and rightly so)
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        return await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            resultTypes: ['violations'],
        });
    });
    for (const v of result.violations) {
        console.log(`axe: ${v.id} (${v.impact}): ${v.help} - ${v.helpUrl}`);
        for (const n of v.nodes.slice(0, 5))
            console.log(`     ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
    }
    check(`axe-core ${result.testEngine.version}: 0 WCAG 2.2 AA violations`,
        result.violations.length === 0, result.violations.map((v) => v.id).join(', '));
} catch (e) {
    fail('the browser test ran', e.stack || e);
} finally {
    await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
