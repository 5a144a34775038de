// scrutiny_schools.spec.mjs - the scrutiny report's schools section in a real browser: opens
// the HTML written by `onroll report scrutiny` (file://) in headless Chromium, measures every
// <text> of every chart as drawn (getBBox, in the chart's own units) and checks that no two
// intersect, that every funnel plot is a named, described image with its key, takes
// screenshots of the schools section at 1280 px and of the page at 320 px, and runs axe-core
// (WCAG 2.2 AA) on the whole report: 0 violations.
//
// Usage: node tests/browser/scrutiny_schools.spec.mjs REPORT.html SHOTS_DIR
// Env: CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import { check, fail, counts } from './lib.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [file, shots = 'test-results/screenshots'] = process.argv.slice(2);
if (!file || !fs.existsSync(file)) {
    console.error('usage: node tests/browser/scrutiny_schools.spec.mjs REPORT.html [SHOTS_DIR]');
    process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
});
try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });

    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => {
        const id = (s.getAttribute('aria-labelledby') || '').replace(/-title$/, '');
        const boxes = [...s.querySelectorAll('text')]
            .filter((t) => t.textContent.trim())
            .map((t) => {
                const b = t.getBBox();
                // a rotated label: its box as drawn, through its own transform
                const m = t.getCTM() && s.getCTM() ? s.getCTM().inverse().multiply(t.getCTM()) : null;
                if (m && Math.abs(m.b) > 0.5) {
                    const p = (x, y) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
                    const q = [p(b.x, b.y), p(b.x + b.width, b.y + b.height)];
                    return { t: t.textContent, x0: Math.min(q[0].x, q[1].x), y0: Math.min(q[0].y, q[1].y),
                        x1: Math.max(q[0].x, q[1].x), y1: Math.max(q[0].y, q[1].y) };
                }
                return { t: t.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
            });
        const pairs = [];
        for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i], b = boxes[j];
                // touching glyph boxes (ascenders, descenders) of lines 1 px apart are not an overlap
                if (a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1)
                    pairs.push(`'${a.t}' and '${b.t}'`);
            }
        return { id, n: boxes.length, pairs, desc: (s.querySelector('desc')?.textContent || '').trim() };
    }));
    for (const c of charts)
        check(`chart ${c.id}: none of its ${c.n} texts overlaps another as drawn`,
            c.pairs.length === 0, c.pairs.slice(0, 10).join('\n'));
    const funnels = charts.filter((c) => c.id.startsWith('chart-funnel-'));
    check('a funnel plot for each kind of school in the report', funnels.length >= 1,
        charts.map((c) => c.id).join(', '));
    check('every funnel plot is described in words', funnels.every((c) => c.desc.length > 40));
    check('the concentration curve is drawn', charts.some((c) => c.id === 'chart-concentration'));

    const section = page.locator('section[aria-labelledby="schools"], section:has(h2#schools)').first();
    if (await section.count())
        await section.screenshot({ path: path.join(shots, 'scrutiny-schools-1280.png') });
    else
        fail('the schools section is a <section>');

    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            resultTypes: ['violations'],
        }));
    for (const v of result.violations) {
        console.log(`axe: ${v.id} (${v.impact}): ${v.help} - ${v.helpUrl}`);
        for (const n of v.nodes.slice(0, 5))
            console.log(`     ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
    }
    check(`axe-core ${result.testEngine.version}: 0 WCAG 2.2 AA violations on the HTML report`,
        result.violations.length === 0, result.violations.map((v) => v.id).join(', '));

    await page.setViewportSize({ width: 320, height: 800 });
    // the schools section (the headings of other sections are the document style's)
    const wide = await page.evaluate(() => {
        const sec = document.getElementById('schools').closest('section');
        return [...sec.querySelectorAll('*')].filter((e) => !e.closest('.table-wrap'))
            .reduce((m, e) => Math.max(m, e.getBoundingClientRect().right, e.scrollWidth > e.clientWidth + 1 &&
                getComputedStyle(e).overflowX === 'visible' ? e.getBoundingClientRect().left + e.scrollWidth : 0), 0);
    });
    check(`320 px: nothing in the schools section runs off the screen (right edge ${Math.round(wide)} px)`,
        wide <= 320);
    const fits = await page.$$eval('svg.chart', (svgs) => svgs.every((s) => s.getBoundingClientRect().width <= 320));
    check('320 px: every chart fits the screen', fits);
    await page.locator('svg.chart[aria-labelledby^="chart-funnel-"]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'scrutiny-schools-320.png') });
} catch (e) {
    fail('the browser test ran', e.stack || e);
} finally {
    await browser.close();
}
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed ? 1 : 0);
