// analyst.spec.mjs - the analyst's main job in a real browser (issue 14): sign in, open
// /reports, break the rates down by English as an additional language, read the table (headings
// people read, names not codes, thousands separators, suppressed figures), then the
// disproportionality table by EAL (its width measured), and the same report at 320 px wide, where
// the page must not scroll sideways (the table scrolls in its own region). axe-core on every page,
// a full-page screenshot after each (lib.mjs).
//
// Usage: node tests/browser/analyst.spec.mjs BASE_URL FIXTURES.json [SHOTS_DIR]
//   FIXTURES.json: {"email": ..., "password": ...} (the demo's analyst)
// Env: CHROMIUM (default /usr/bin/chromium).
import fs from 'node:fs';
import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
if (!base || !fixturesFile || !fs.existsSync(fixturesFile)) {
    console.error('usage: node tests/browser/analyst.spec.mjs BASE_URL FIXTURES.json [SHOTS_DIR]');
    process.exit(2);
}
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const s = spec(base, shotsArg || 'test-results/screenshots', 'analyst');

// Sign in through the form; wherever the service lands a user, it is not the sign-in page.
async function signIn(r) {
    await r.page.goto(`${base}/sign-in`, { waitUntil: 'load' });
    await r.page.fill('#email', fx.email);
    await r.page.fill('#password', fx.password);
    await Promise.all([r.page.waitForNavigation(), r.page.click('button:has-text("Sign in")')]);
    check(`${r.role}: signs in`, !new URL(r.page.url()).pathname.startsWith('/sign-in'), r.page.url());
}

// The report by EAL through the form, as a person would ask for it.
async function askByEal(r, report, label) {
    await s.visit(r, '/reports', `${label}: the reports form`);
    const option = await r.page.locator('#by1 option[value="eal"]').innerText().catch(() => '');
    check(`${r.role}: ${label}: EAL is a dimension, by its name`,
        option.trim() === 'English as an additional language', option);
    await r.page.check(`input[name="report"][value="${report}"]`);
    await r.page.selectOption('#by1', 'eal');
    await s.follow(r, 'button:has-text("Show the report")', `${label}: ${report} by EAL`);
}

const tableFacts = (page) => page.evaluate(() => {
    const t = document.querySelector('main table');
    if (!t) return null;
    return {
        heads: [...t.querySelectorAll('thead th')].map((h) => h.innerText.trim()),
        rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.innerText.trim())),
        width: Math.round(t.getBoundingClientRect().width),
        pageWidth: document.documentElement.scrollWidth,
    };
});

const browser = await launch();
try {
    // ---- a laptop ----
    const r = await s.roleContext(browser, 'analyst');
    await signIn(r);
    await askByEal(r, 'rates', 'laptop');
    let t = await tableFacts(r.page);
    check('analyst: the rates table is shown', t && t.rows.length >= 3, JSON.stringify(t));
    if (t) {
        check('analyst: its headings are words people read, no machine names (finding: one_plus_rr_lower)',
            t.heads.every((h) => !/_/.test(h)) && t.heads.includes('English as an additional language')
                && t.heads.includes('Pupils'), t.heads.join(' | '));
        const groups = t.rows.map((row) => row[0]);
        check('analyst: the groups by their names: EAL, first language English, not recorded, total',
            groups.includes('English as an additional language') && groups.includes('First language English')
                && groups.includes('Total'), groups.join(' | '));
        const total = t.rows.find((row) => row[0] === 'Total') || [];
        check('analyst: the total number of pupils with its thousands separator ("3,912", not "3912")',
            /^\d{1,3}(,\d{3})+$/.test(total[1] || ''), total.join(' | '));
        check('analyst: no number of four digits without its separator',
            t.rows.every((row) => row.every((c) => !/^\d{4,}$/.test(c))));
        console.log(`     the rates table by EAL: ${t.width} px wide, ${t.heads.length} columns`);
        check('analyst: the rates table fits a laptop (under 1,280 px)', t.width <= 1280, `${t.width} px`);
    }
    const text = await mainText(r.page);
    check('analyst: the figures are suppressed for publication', /suppressed for publication/.test(text));

    await askByEal(r, 'disproportionality', 'laptop');
    t = await tableFacts(r.page);
    if (t) {
        console.log(`     the disproportionality table by EAL: ${t.width} px wide, ${t.heads.length} columns (was 4,343 px, 23)`);
        check('analyst: the disproportionality headings are words (finding: 23 machine names on screen)',
            t.heads.every((h) => !/_/.test(h)), t.heads.join(' | '));
        check('analyst: the disproportionality table has fewer columns than the CSV\'s 23',
            t.heads.length < 23, `${t.heads.length}`);
        check('analyst: the page itself does not scroll sideways (the table scrolls in its region)',
            t.pageWidth <= 1280, `${t.pageWidth} px`);
    } else {
        check('analyst: the disproportionality table is shown', false);
    }
    await r.context.close();

    // ---- a phone, 320 px ----
    const p = await s.roleContext(browser, 'analyst-320px', 320);
    await signIn(p);
    await askByEal(p, 'rates', '320 px');
    t = await tableFacts(p.page);
    check('analyst at 320 px: the page does not scroll sideways (the table scrolls in its region)',
        t && t.pageWidth <= 320, t ? `${t.pageWidth} px` : 'no table');
    const region = await p.page.locator('.onroll-table-scroll').count();
    check('analyst at 320 px: the table is in a scrolling region', region === 1);
    await p.context.close();
} finally {
    await browser.close();
}
finish();
