// scrutiny_actions.spec.mjs - "What the local authority is doing" in a real browser (issue 16
// part 4): an LA officer finds on /reports what the year's scrutiny report still lacks and the
// link to write it, writes the actions and recommendations on the form, saves (the banner), and
// an empty save is refused nowhere (it clears). Every page: axe-core (WCAG 2.2 AA) with 0
// violations, no script error or CSP refusal, a full-page screenshot; the form at 320 px wide
// with nothing wider than the screen.
//
// Usage: node tests/browser/scrutiny_actions.spec.mjs BASE_URL EMAIL PASSWORD YEAR SCREENSHOT_DIR
import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, email, password, year, shots] = process.argv.slice(2);
if (!base || !email || !password || !year || !shots) {
    console.error('usage: node tests/browser/scrutiny_actions.spec.mjs BASE_URL EMAIL PASSWORD YEAR SCREENSHOT_DIR');
    process.exit(2);
}
const s = spec(base, shots, 'scrutiny-actions');
const q = encodeURIComponent(year);
const fits = async (r, label) => {
    const w = await r.page.evaluate(() => document.documentElement.scrollWidth);
    const wide = await r.page.evaluate(() => [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > 321)
        .slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
    check(`${r.role}: ${label}: nothing wider than 320 px (${w})`, w <= 320,
        `scrollWidth ${w}: ${wide.join('; ')}`);
};

const browser = await launch();
try {
    const o = await s.roleContext(browser, 'la_officer');
    await s.signIn(o, email, password);
    await s.visit(o, `/reports?kind=rates&year=${q}`, 'reports, before the words are written');
    check('la_officer: /reports says the words are not written yet',
        (await mainText(o.page)).includes('has not written its actions and recommendations'),
        await mainText(o.page));
    await s.follow(o, `a[href="/reports/scrutiny/actions?year=${q}"]`, 'the form from reports');
    check('la_officer: the form is headed What the local authority is doing',
        (await o.page.locator('h1').innerText()).includes('What the local authority is doing'));
    await o.page.fill('#actions', 'We opened an inclusion panel.\n\n- Every suspension of a looked-after child is reviewed.');
    await o.page.fill('#recommendations', 'The commission notes the report.');
    await s.follow(o, 'button:has-text("Save")', 'the words saved');
    check('la_officer: the banner says they are saved', (await mainText(o.page)).includes('Saved.'),
        await mainText(o.page));
    check('la_officer: the words are kept on the form',
        (await o.page.inputValue('#recommendations')) === 'The commission notes the report.');
    check('la_officer: who saved them last is said',
        (await mainText(o.page)).includes(`Last saved by ${email}`), await mainText(o.page));
    await s.visit(o, `/reports?kind=rates&year=${q}`, 'reports, after the words are written');
    check('la_officer: /reports no longer says the words are missing',
        !(await mainText(o.page)).includes('has not written its actions'));
    await o.context.close();

    const narrow = await s.roleContext(browser, 'la_officer', 320);
    await s.signIn(narrow, email, password);
    await s.visit(narrow, `/reports/scrutiny/actions?year=${q}`, 'the form at 320 px');
    await fits(narrow, 'the form');
    await narrow.context.close();
} finally {
    await browser.close();
}
finish();
