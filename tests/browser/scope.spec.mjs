// scope.spec.mjs - who sees what of a child's record, in a real browser (issue 12): headless
// Chromium (Debian's, through playwright-core) against a running `onroll serve` over the LA of
// tests/e2e/scope_data.sh, each person signing in through the form:
//
//   1. Hillside Academy's head uploads an enrolment of a pupil on Riverside's roll: it is held
//      as a claim; opening the pupil shows the name and date of birth and that the claim waits;
//      the school's claims list shows it;
//   2. the LA officer finds it on the claims worklist, sees where the pupil is on roll, and
//      confirms it with a reason; the claim shows as confirmed;
//   3. Riverside's head opens a pupil who left 100 days ago: its own part only, said so;
//   4. the early help service opens a pupil referred to it: the referral only, said so;
//   5. the claim page and the worklist at 320 px wide.
//
// axe-core (WCAG 2.2 AA rule sets) runs on every page opened, with the server's CSP on.
// Full-page screenshots go to SHOTS. Ends with "N passed, N failed"; exits non-zero on failure.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM (default /usr/bin/chromium).
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn: signInAs } = spec(base, shotsArg || 'test-results/screenshots', 'scope');
const signIn = (r, email) => signInAs(r, email, fx.password);

async function claimingSchool(r) {
    await signIn(r, fx.hillside);
    await visit(r, '/upload', 'the upload page');
    await r.page.setInputFiles('#file', fx.claimFile);
    await follow(r, 'button:has-text("Upload")', 'the enrolment uploaded');
    const done = await mainText(r.page);
    check('school: told the enrolment is held as a claim', /held as a claim/.test(done), done);
    await visit(r, `/pupils/${fx.claimed}`, 'the claimed pupil');
    const text = await mainText(r.page);
    check('school: sees the name', text.includes(fx.claimedName), text);
    check('school: is told the claim waits', /claim waiting for the local authority/.test(text), text);
    check('school: not the ethnicity, the other school or the exclusions',
        !/African|Riverside|A-X-S1/.test(text), text);
    await visit(r, '/claims', 'its claims');
    check('school: its claims list the pupil', (await mainText(r.page)).includes(fx.claimedName));
}

async function laOfficer(r) {
    await signIn(r, fx.la);
    await visit(r, '/claims', 'the claims worklist');
    await follow(r, `a:has-text("${fx.claimedName}")`, 'a claim');
    const text = await mainText(r.page);
    check('la_officer: the claim says where the pupil is on roll', text.includes('Riverside Primary School'), text);
    await r.page.check('#decision');
    await r.page.fill('#note', 'The parents confirmed the move by telephone');
    await follow(r, 'button:has-text("Save the decision")', 'the claim confirmed');
    const after = await mainText(r.page);
    check('la_officer: the claim shows as confirmed', /Status Confirmed/.test(after), after);
}

async function previousSchool(r) {
    await signIn(r, fx.riverside);
    await visit(r, `/pupils/${fx.left}`, 'a pupil who left');
    const text = await mainText(r.page);
    check('previous school: told the pupil has left', /has left your school/.test(text), text);
    check('previous school: its own suspension, not the new school\'s',
        text.includes('A-K-1') && !text.includes('S-K-1') && !text.includes('Hillside'), text);
}

async function partner(r) {
    await signIn(r, fx.earlyHelp);
    await visit(r, `/pupils/${fx.referred}`, 'a pupil referred to early help');
    const text = await mainText(r.page);
    check('partner: told it sees its referrals only', /not shared with your service/.test(text), text);
    check('partner: its referral, not the exclusion nor the REU\'s',
        text.includes('A-N-R2') && !text.includes('A-N-S1') && !text.includes('A-N-R1 '), text);
}

const browser = await launch();
const stories = [
    ['school', claimingSchool],
    ['la_officer', laOfficer],
    ['previous_school', previousSchool],
    ['partner', partner],
];
try {
    for (const [role, story] of stories) {
        const r = await roleContext(browser, role);
        try {
            await story(r);
        } catch (e) {
            fail(`${role}: the story ran`, e.stack || e);
        }
        await r.context.close();
    }
    const narrow = await roleContext(browser, 'la_officer_320', 320);
    try {
        await signIn(narrow, fx.la);
        await visit(narrow, '/claims?status=all', 'the claims worklist at 320 px');
        const wide = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
        check('la_officer_320: no sideways scrolling at 320 px', wide <= 320, `scrollWidth ${wide}`);
    } catch (e) {
        fail('la_officer_320: the story ran', e.stack || e);
    }
    await narrow.context.close();
} finally {
    await browser.close();
}
finish();
