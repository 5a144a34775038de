// scrutiny.spec.mjs - the annual scrutiny report in a real browser: opens the HTML written by
// `onroll report scrutiny` (file://) in headless Chromium through playwright-core, checks that
// every section heading is there (an <h2> with its id), that the page loads nothing from
// elsewhere and runs no script of its own, that every chart is a named image, then injects
// axe-core and runs it with the WCAG 2.2 AA rule sets. Prints every violation; exits non-zero
// on any failure.
//
// Usage: node tests/browser/scrutiny.spec.mjs REPORT.html [SCREENSHOT.png]
// Env: CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const file = process.argv[2];
const shot = process.argv[3];
if (!file || !fs.existsSync(file)) {
    console.error('usage: node tests/browser/scrutiny.spec.mjs REPORT.html [SCREENSHOT.png]');
    process.exit(2);
}

const SECTIONS = [
    ['summary', 'Summary'],
    ['trends', 'Trends'],
    ['comparisons', 'Compared with England, the region and neighbours'],
    ['rates', 'Rates by characteristic'],
    ['disproportionality', 'Disproportionality'],
    ['schools', 'Schools'],
    ['movements', 'Pupil movements'],
    ['reu', 'The Re-engagement Unit'],
    ['offrolling', 'Off-rolling signals'],
    ['commentary', 'Commentary'],
    ['actions', 'What the local authority is doing'],
    ['about', 'About the data'],
];

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
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });

    check('the page has a title', (await page.title()).includes('scrutiny report'));
    check('lang="en"', (await page.getAttribute('html', 'lang')) === 'en');
    check('exactly one h1', (await page.locator('h1').count()) === 1);
    check('one main landmark', (await page.locator('main').count()) === 1);
    check('a skip link to the main content',
        (await page.locator('a.skip-link[href="#main"]').count()) === 1);
    for (const [id, text] of SECTIONS) {
        const h = page.locator(`h2#${id}`);
        const n = await h.count();
        const got = n ? (await h.innerText()).trim() : '';
        check(`section ${id}: <h2 id="${id}">${text}</h2>`, n === 1 && got === text,
            n ? `heading reads '${got}'` : 'no such heading');
    }
    // the contents list names every section, in the document's order (issue 16: the sections
    // added late, the REU's KPIs and off-rolling, were missing from it)
    const h2ids = await page.$$eval('main h2[id]', (hs) => hs.map((h) => h.id));
    const links = await page.$$eval('nav.contents a', (as) => as.map((a) => a.getAttribute('href')));
    check('the contents list links every section, in order',
        JSON.stringify(links) === JSON.stringify(h2ids.map((i) => `#${i}`)),
        `sections ${h2ids.join(' ')}; contents ${links.join(' ')}`);
    check('no scripts in the document', (await page.locator('script').count()) === 0);
    check('no request left the file', requests.length === 0, requests.join('\n'));
    check('no page errors', errors.length === 0, errors.join('\n'));

    const charts = await page.$$eval('svg', (svgs) => svgs.map((s) => {
        const ids = (s.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
        const title = ids.map((i) => document.getElementById(i)?.textContent || '').join(' ');
        return {
            role: s.getAttribute('role'),
            title: title.trim(),
            desc: (s.querySelector('desc')?.textContent || '').trim(),
            texts: s.querySelectorAll('text').length,
        };
    }));
    check('there are charts (trends, ratios, funnel)', charts.length >= 3, `${charts.length} svg`);
    check('every chart is an image named by its title, described, labelled in text',
        charts.every((c) => c.role === 'img' && c.title && c.desc && c.texts > 0),
        JSON.stringify(charts.filter((c) => !(c.role === 'img' && c.title && c.desc && c.texts))));
    check('a funnel plot of schools', charts.some((c) => /Funnel plot/.test(c.title)));
    check('every table has a caption and column headers',
        await page.$$eval('table', (ts) => ts.length > 0 && ts.every((t) =>
            t.querySelector('caption')?.textContent.trim() &&
            t.querySelectorAll('th[scope="col"]').length > 0)));
    const half = await page.locator('#schools ~ p, section p').allInnerTexts();
    check('"N schools issue half of all suspensions"',
        half.some((t) => /\d+ schools? issues? half of all suspensions/.test(t)));

    if (shot) await page.screenshot({ path: shot, fullPage: true });

    // at 320 px (WCAG 1.4.10 reflow) nothing scrolls sideways: the long headings wrap
    await page.setViewportSize({ width: 320, height: 800 });
    const narrow = await page.evaluate(() => ({
        w: document.documentElement.scrollWidth,
        wide: [...document.querySelectorAll('h1, h2, h3, p, li, figcaption, dt, dd')]
            .filter((e) => e.getBoundingClientRect().right > 320.5 || e.scrollWidth > e.clientWidth + 1)
            .slice(0, 5).map((e) => `${e.tagName}: ${e.textContent.slice(0, 60)}`),
    }));
    check(`320 px: the page does not scroll sideways (scrollWidth ${narrow.w})`, narrow.w <= 320,
        narrow.wide.join('\n'));
    if (shot) await page.screenshot({ path: shot.replace(/\.png$/, '') + '-320.png', fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
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
    check(`axe-core ${result.testEngine.version}: 0 WCAG 2.2 AA violations ` +
        `(${result.passes ? result.passes.length : 'n'} rules passed)`,
        result.violations.length === 0, result.violations.map((v) => v.id).join(', '));
} catch (e) {
    fail('the browser test ran', e.stack || e);
} finally {
    await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
