// workshops.spec.mjs - a workshop in real browsers (issue 19 parts 1 and 7): headless Chromium
// (Debian's, through playwright-core) against a running `onroll serve` over the hand-made LA of
// tests/e2e/offroll/. The LA officer plans a workshop and makes a guest's one-time link; the
// guest joins in a second browser context (a browser of their own: no account); both write their
// definition of the system's purpose; the guest's page does not show the officer's; the officer
// reveals, and the guest's open page shows both within a second without being reloaded (the
// live region, server-sent events). Then the report, and the pages at 320 px without sideways
// scrolling. axe-core (WCAG 2.2 AA rule sets) on every page; full-page screenshots to SHOTS.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM. Ends with "N passed, N failed".
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const s = spec(base, shotsArg || 'test-results/screenshots', 'workshops');
const { roleContext, visit, follow, signIn, axeCheck } = s;

const browser = await launch();
let workshopPath = '';
try {
    const la = await roleContext(browser, 'officer');
    const guest = await roleContext(browser, 'guest');
    try {
        await signIn(la, fx.officer, fx.password);
        await visit(la, '/workshops', 'the workshops (none yet)');
        await follow(la, 'a:has-text("Plan a workshop")', 'the plan form');
        await la.page.fill('#title', 'Inclusion in Kestrel: staff');
        await la.page.check('input[name="scope"][value="staff"]');
        await la.page.fill('#series', 'Inclusion 2027');
        await la.page.fill('#held_on-day', '8');
        await la.page.fill('#held_on-month', '12');
        await la.page.fill('#held_on-year', '2026');
        await la.page.check('input[name="mode"][value="in_person"]');
        await follow(la, 'button:has-text("Plan the workshop")', 'the new workshop');
        workshopPath = new URL(la.page.url()).pathname;
        let text = await mainText(la.page);
        check('officer: the warm-up prompt, verbatim', text.includes('get colleagues to define in their own words what they understand to be the purpose of the local education system'), text);
        check('officer: the script\'s questions, verbatim', text.includes('Who do they depend on to be able to do their job, i.e., support pupils, successfully?'), text);
        await follow(la, 'a:has-text("Add a participant")', 'the add-participant form');
        await la.page.check('input[name="kind"][value="account"]');
        await la.page.fill('#email', fx.officer);
        await la.page.fill('#name', 'Olu Officer');
        await la.page.fill('#role', 'Inclusion lead');
        await la.page.selectOption('#sector', 'la_education');
        await la.page.check('input[name="consent"][value="yes"]');
        await follow(la, 'button:has-text("Add the participant")', 'the workshop with its facilitator as a participant');
        await follow(la, 'a:has-text("Add a participant")', 'the add-participant form again');
        await la.page.check('input[name="kind"][value="guest"]');
        await la.page.fill('#name', 'Gail Guest');
        await la.page.fill('#role', 'Youth worker');
        await la.page.fill('#organisation', 'Kestrel Youth');
        await la.page.selectOption('#sector', 'youth');
        await follow(la, 'button:has-text("Add the participant")', 'the guest link, shown once');
        const link = await la.page.getAttribute('#guest-link', 'href');
        check('officer: a one-time link', /^\/workshops\/join\/[A-Za-z0-9_-]{43}$/.test(link || ''), link);

        // the guest, in a browser of their own
        if (process.env.WS_DEBUG) {
            guest.page.on('request', (q) => console.log('     req', q.url()));
            guest.page.on('response', (q) => console.log('     resp', q.status(), q.url()));
            guest.page.on('console', (m) => console.log('     console', m.text()));
            guest.page.on('requestfailed', (q) => console.log('     failed', q.url(), q.failure()?.errorText));
        }
        await visit(guest, link, 'the join page');
        await guest.page.fill('#name', 'Gail G.');
        await follow(guest, 'button:has-text("Join the workshop")', 'the workshop, as a guest');
        check('guest: on the workshop', new URL(guest.page.url()).pathname === workshopPath, guest.page.url());
        text = await mainText(guest.page);
        check('guest: no navigation of onroll', (await guest.page.locator('.govuk-service-navigation__list').count()) === 0);
        await guest.page.fill('#purpose', 'Every child belongs, and learns, here.');
        await follow(guest, 'button:has-text("Save my definition")', 'the guest\'s definition saved');
        text = await mainText(guest.page);
        check('guest: not revealed yet', text.includes('Not revealed yet') && text.includes('1 of 2 participants'), text);

        await la.page.goto(base + workshopPath, { waitUntil: 'load' });
        await la.page.fill('#purpose', 'A school place, and a welcome, for every child.');
        await follow(la, 'button:has-text("Save my definition")', 'the officer\'s definition saved');
        // the guest's page: not reloaded from here on
        await guest.page.waitForTimeout(300);
        text = await guest.page.locator('#ws-purposes').innerText();
        check('guest: the count moved live to 2 of 2, the officer\'s words not shown', text.includes('2 of 2') && !text.includes('a welcome, for every child'), text);
        await la.page.locator('#warm-up').scrollIntoViewIfNeeded();
        // the guest's page is watched from before the click; the time is the guest's, not
        // the facilitator's own page load after the reveal
        const t0 = Date.now();
        const watch = guest.page.waitForFunction(() => document.querySelector('#ws-purposes')?.innerText.includes('a welcome, for every child'), null, { timeout: 5000, polling: 20 })
            .then(() => Date.now(), () => 0);
        await Promise.all([la.page.waitForNavigation(), la.page.click('button:has-text("Reveal to everyone")')]);
        const at = await watch;
        const seen = at > 0;
        const ms = at - t0;
        console.log(`     (the guest saw the reveal ${ms} ms after the facilitator pressed the button)`);
        check('guest: sees the officer\'s definition without reloading', seen);
        check('guest: within a second', seen && ms < 1000, `${ms} ms`);
        text = await guest.page.locator('#ws-purposes').innerText();
        check('guest: both side by side', text.includes('Every child belongs, and learns, here.') && text.includes('A school place, and a welcome, for every child.'), text);
        await axeCheck(guest, 'the revealed definitions, live');
        await axeCheck(la, 'the revealed definitions');

        // notes and the report
        await la.page.fill('#note-map-1', 'Schools, CAMHS, the youth service and the police.');
        await follow(la, 'button:has-text("Save the notes on the System-players map")', 'the notes saved');
        await visit(la, `${workshopPath}/report`, 'the report');
        text = await mainText(la.page);
        check('officer: the report names the officer (agreed), not the guest', text.includes('Olu Officer') && !text.includes('Gail') && text.includes('Youth worker'), text);
        check('officer: the note against its question', text.includes('Who are the key players in the system?') && text.includes('Schools, CAMHS, the youth service and the police.'), text);
        await visit(guest, '/pupils', 'a pupil list (the sign-in page)');
        check('guest: /pupils is the sign-in page', new URL(guest.page.url()).pathname === '/sign-in', guest.page.url());
    } catch (e) {
        fail('the story ran', e.stack || e);
    }
    await la.context.close();
    await guest.context.close();

    const narrow = await roleContext(browser, 'officer_320', 320);
    try {
        await signIn(narrow, fx.officer, fx.password);
        for (const [p, label] of [['/workshops', 'the workshops at 320 px'], [workshopPath, 'a workshop at 320 px'],
            [`${workshopPath}/report`, 'the report at 320 px'], [`${workshopPath}/participants/new`, 'the add form at 320 px']]) {
            await visit(narrow, p, label);
            const wide = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
            check(`officer_320: ${label}: no sideways scrolling`, wide <= 320, `scrollWidth ${wide}`);
        }
    } catch (e) {
        fail('officer_320: the story ran', e.stack || e);
    }
    await narrow.context.close();
} finally {
    await browser.close();
}
finish();
