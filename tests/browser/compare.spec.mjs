// compare.spec.mjs - /reports/compare in a real browser (headless Chromium through
// playwright-core): the analyst signs in, opens the comparison of the LA with England, its
// region and its statistical neighbours, filters it to secondary schools with the form, and
// opens it again 320 px wide. Every page: axe-core (WCAG 2.2 AA) with 0 violations, no script
// error, a full-page screenshot; each chart is a named, described image with a table beside it;
// at 320 px nothing in the page is wider than the screen (the tables scroll in their region).
//
// Usage: node tests/browser/compare.spec.mjs BASE_URL EMAIL PASSWORD SCREENSHOT_DIR
import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, email, password, shots] = process.argv.slice(2);
if (!base || !email || !password || !shots) {
    console.error('usage: node tests/browser/compare.spec.mjs BASE_URL EMAIL PASSWORD SCREENSHOT_DIR');
    process.exit(2);
}
const s = spec(base, shots, 'compare');

const browser = await launch();
try {
    const an = await s.roleContext(browser, 'analyst');
    await s.signIn(an, email, password);
    await s.visit(an, '/reports', 'the reports page');
    await s.follow(an, 'a[href="/reports/compare"]', 'the comparison');
    const charts = await an.page.evaluate(() => [...document.querySelectorAll('svg[role="img"]')]
        .map((g) => ({
            title: g.querySelector('title') && g.querySelector('title').textContent,
            desc: g.querySelector('desc') && g.querySelector('desc').textContent,
            table: !!(g.closest('.onroll-chart') && g.closest('.onroll-chart').nextElementSibling &&
                g.closest('.onroll-chart').nextElementSibling.querySelector('table')),
        })));
    check('three charts, one per rate', charts.length === 3, JSON.stringify(charts));
    check('each chart has a title and a description', charts.every((c) => c.title && c.desc),
        JSON.stringify(charts));
    check('each chart has its table after it', charts.every((c) => c.table), JSON.stringify(charts));
    const text = await mainText(an.page);
    check('the latest published year is named', text.includes('The latest published year is 2024/25.'), text.slice(0, 400));
    await an.page.selectOption('#type', 'secondary');
    await s.follow(an, 'button:has-text("Show the comparison")', 'secondary schools');
    check('the form filters to secondary schools',
        (await mainText(an.page)).includes('Suspensions per 100 pupils, secondary schools'));

    const narrow = await s.roleContext(browser, 'analyst-320', 320);
    await s.signIn(narrow, email, password);
    await s.visit(narrow, '/reports/compare', 'the comparison at 320 px');
    const w = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    const wide = await narrow.page.evaluate(() => [...document.querySelectorAll('main *')]
        .filter((e) => !e.closest('.onroll-table-scroll') && e.getBoundingClientRect().right > 321)
        .slice(0, 5).map((e) => `${e.tagName}.${e.className.baseVal ?? e.className} ${Math.round(e.getBoundingClientRect().right)}`));
    check(`at 320 px nothing wider than the screen (${w})`, w <= 320 && wide.length === 0, wide.join('; '));
} finally {
    await browser.close();
}
finish();
