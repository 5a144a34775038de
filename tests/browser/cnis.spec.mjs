// cnis.spec.mjs - the LA's register of children not in school in a real browser (issue 17): the
// LA officer opens the register from the navigation, finds a child missing education with the
// first enquiry overdue, records an enquiry from the row's link (still missing), sees the next
// one due, records the one that closes the case (found, educated at home) and sees it closed.
// Every page: axe-core (WCAG 2.2 AA) 0 violations, no script error or CSP refusal, a
// screenshot; the register at 320 px fits the screen.
//
// Usage: node tests/browser/cnis.spec.mjs BASE_URL FIXTURES.json SCREENSHOT_DIR
import fs from 'node:fs';
import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixtures, shots] = process.argv.slice(2);
if (!base || !fixtures || !shots) {
    console.error('usage: node tests/browser/cnis.spec.mjs BASE_URL FIXTURES.json SCREENSHOT_DIR');
    process.exit(2);
}
const fx = JSON.parse(fs.readFileSync(fixtures, 'utf8'));
const s = spec(base, shots, 'cnis');

async function enquiry(r, outcome, day, month, year, notes, label) {
    await s.follow(r, `tr:has-text("${fx.name}") a:has-text("Record an enquiry")`, `${label}: the form`);
    await r.page.fill('#done-day', day);
    await r.page.fill('#done-month', month);
    await r.page.fill('#done-year', year);
    await r.page.check(`input[name="outcome"][value="${outcome}"]`);
    await r.page.fill('#notes', notes);
    await Promise.all([r.page.waitForNavigation(), r.page.click('main button[type="submit"]')]);
}

const browser = await launch();
try {
    const r = await s.roleContext(browser, 'la_officer');
    await s.signIn(r, fx.la, fx.password);
    // the register is on the navigation's "Outside school" hub (page_hub.c), one click further
    await s.follow(r, 'nav a:has-text("Outside school")', 'the hub from the navigation');
    await s.follow(r, 'main a:has-text("Children not in school")', 'the register from the hub');
    let text = await mainText(r.page);
    check('la: the register lists the child missing education', text.includes(fx.name), text.slice(0, 600));
    check('la: ... and the home educated child', text.includes('Beth Bell'), text.slice(0, 600));
    check('la: ... the first enquiry overdue', /Enquiry overdue/.test(text), text.slice(0, 900));

    await enquiry(r, 'still_missing', '28', '1', '2026', 'Home visit: no answer; neighbours say the family moved.',
        'a first enquiry');
    await s.visit(r, '/children-not-in-school', 'the register after the first enquiry');
    text = await mainText(r.page);
    check('la: the enquiry is counted, its outcome in words', text.includes('Still missing'), text.slice(0, 900));

    await enquiry(r, 'found_home_educated', '3', '2', '2026', 'The parents confirm home education in writing.',
        'the enquiry that closes the case');
    await s.visit(r, '/children-not-in-school?status=closed', 'the closed cases');
    text = await mainText(r.page);
    check('la: the case is closed, with its outcome', text.includes(fx.name) && text.includes('Found: educated at home'),
        text.slice(0, 900));
    await r.context.close();

    const narrow = await s.roleContext(browser, 'la_officer', 320);
    await s.signIn(narrow, fx.la, fx.password);
    await s.visit(narrow, '/children-not-in-school', 'the register at 320 px');
    const w = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    check(`la: the register fits 320 px (${w})`, w <= 320, String(w));
    await narrow.context.close();
} finally {
    await browser.close();
}
finish();
