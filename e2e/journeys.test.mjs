// Browser journeys through Adaldyq in real Chromium, on SQLite always and on
// PostgreSQL when ADALDYQ_TEST_POSTGRES_URL names a server (a fresh database
// is made on it for the run and dropped after). Every page load and every
// interaction is photographed (screenshots/<backend>/NN-step.png) and checked
// with axe-core against WCAG 2.x A/AA; any violation fails the journey.
//
//   cd e2e && npm ci && node --test --test-reporter=spec
//
// The server binary is target/debug/adaldyq (cargo build --bin adaldyq), or
// ADALDYQ_E2E_BINARY; Chromium is /usr/bin/chromium, or ADALDYQ_E2E_CHROMIUM.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Recorder,
  decodeQr,
  freshPostgres,
  launchBrowser,
  navigation,
  newPage,
  resetScreenshots,
  startServer,
  within,
} from './harness.mjs';
import { knownIssues } from './known-issues.mjs';

const JOURNEY_MS = 60_000;

/** Aral district (KATO 433200000) and the demo officer's institution there. */
const ARAL = '433200000';
const OFFICERS_INSTITUTION = 'Akimat: Aral audany (demo)';
const NUMBER = /^43-\d{4}-\d{6}$/;

const backends = [{ name: 'sqlite' }];
if (process.env.ADALDYQ_TEST_POSTGRES_URL) {
  backends.push({ name: 'postgres', url: process.env.ADALDYQ_TEST_POSTGRES_URL });
}

// ------------------------------------------------------------------ helpers

/** The dt → dd pairs of the receipt. */
function readReceipt(page) {
  return page.evaluate(() => {
    const out = {};
    for (const dt of document.querySelectorAll('main dl.receipt dt')) {
      out[dt.textContent.trim()] = dt.nextElementSibling?.textContent.trim() ?? '';
    }
    return out;
  });
}

/** The dt → dd pairs of the first list on a status page. */
function readFacts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const dt of document.querySelectorAll('main > dl:first-of-type dt')) {
      out[dt.textContent.trim()] = dt.nextElementSibling?.textContent.trim() ?? '';
    }
    return out;
  });
}

/**
 * Fills the filing form with the mouse-and-keyboard methods a user has:
 * page one (with a name or anonymously, the kind), "Continue", then page two
 * (place, body, subject, text, contact). Leaves the page on page two.
 */
async function fillAppeal(page, a) {
  await page.check(a.anonymous ? '#anonymous-yes' : '#anonymous-no');
  await page.check(`#kind-${a.kind}`);
  const r = await navigation(page, () => page.locator('main form button[value="details"]').click());
  assert.equal(r.status(), 200, `page one's "Continue" answers ${r.status()} at ${page.url()}`);
  await page.selectOption('#territory', a.territory);
  if (a.institution) await page.selectOption('#institution', { label: a.institution });
  await page.fill('#subject', a.subject ?? '');
  await page.fill('#text', a.text ?? '');
  assert.equal(await page.locator('#name').count(), a.anonymous ? 0 : 1, 'contact fields only for a named filing');
  if (!a.anonymous) {
    await page.fill('#name', a.name ?? '');
    await page.fill('#email', a.email ?? '');
    await page.fill('#phone', a.phone ?? '');
  }
}

const submitButton = (page) => page.locator('main form button[type="submit"]').last();

/** From page two: "Continue" to "check your answers", then "Send the appeal"; the receipt's response. */
async function sendAppeal(page, rec, step = 'check-answers') {
  let r = await navigation(page, () => page.locator('main form button[value="check"]').click());
  assert.equal(r.status(), 200, `"Continue" to the check page answers ${r.status()} at ${page.url()}`);
  assert.equal(await page.locator('main h1').textContent(), 'Check your answers before sending');
  if (rec) await rec.check(page, step);
  return navigation(page, () => submitButton(page).click());
}

/** Checks the receipt page the filing led to; returns { number, secret }. Every filer gets a secret. */
async function expectReceipt(page, response) {
  assert.equal(response.status(), 201, `the receipt comes with 201 Created (got ${response.status()} at ${page.url()})`);
  assert.equal(await page.locator('main h1').textContent(), 'Receipt');
  const receipt = await readReceipt(page);
  const number = receipt['Receipt number'];
  assert.match(number ?? '', NUMBER, `a receipt number like 43-YYYY-NNNNNN: ${JSON.stringify(receipt)}`);
  assert.ok((receipt.Secret ?? '').length >= 8, `a secret on the receipt: ${JSON.stringify(receipt)}`);
  // What a phone's camera reads from the code: an address it can open.
  const scanned = await decodeQr(page.locator('main figure.qr svg'));
  const origin = new URL(page.url()).origin;
  const lang = new URL(page.url()).pathname.split('/')[1];
  assert.equal(scanned, `${origin}/${lang}/track?number=${number}`, 'the QR code holds the absolute tracking address');
  return { number, secret: receipt.Secret, receipt };
}

/** Opens /en/track, enters number and secret, returns the status page's response. */
async function track(page, rec, base, { number, secret }) {
  const r = await page.goto(`${base}/en/track`);
  assert.equal(r.status(), 200);
  await page.fill('#number', number);
  await page.fill('#secret', secret);
  await rec.check(page, 'track-form');
  const shown = await navigation(page, () => submitButton(page).click());
  assert.equal(shown.status(), 200, `tracking ${number} answers 200 (got ${shown.status()})`);
  assert.equal(await page.locator('main h1').textContent(), 'Your appeal');
  const facts = await readFacts(page);
  assert.equal(facts['Receipt number'], number);
  return facts;
}

/** The lines of the history list (`ol.history`) of the page, as their text. */
function historyLines(page) {
  return page.locator('main ol.history > li').evaluateAll((lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
}

/** The one history line that starts (after its time) with `what`; fails if there is none. */
async function historyLine(page, what) {
  const lines = await historyLines(page);
  const line = lines.find((l) => l.includes(` — ${what} `));
  assert.ok(line, `the history shows "${what}":\n  ${lines.join('\n  ')}`);
  return line;
}

/** dd.mm.yyyy → a Date at UTC midnight. */
function parseShownDate(text) {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec((text ?? '').trim());
  assert.ok(m, `a date shown as dd.mm.yyyy: "${text}"`);
  return new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
}

/** `days` calendar days later; a Saturday or Sunday moves on to the Monday. */
function laterWeekday(date, days) {
  const d = new Date(date.getTime() + days * 86_400_000);
  const weekday = d.getUTCDay();
  if (weekday === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (weekday === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

const isoDate = (d) => d.toISOString().slice(0, 10);
const shownDate = (d) => {
  const [y, m, day] = isoDate(d).split('-');
  return `${day}.${m}.${y}`;
};

/** Signs a staff member in through the header's "Sign in" link; `step` prefixes the screenshots' names. */
async function signIn(staff, rec, base, account, step) {
  const name = (s) => (step ? `${step}-${s}` : s);
  let r = await staff.goto(`${base}/en/`);
  assert.equal(r.status(), 200);
  r = await navigation(staff, () => staff.locator('header').getByRole('link', { name: 'Sign in' }).click());
  assert.equal(new URL(staff.url()).pathname, '/en/sign-in');
  await rec.check(staff, name('sign-in'));
  await staff.fill('#email', account.email);
  await staff.fill('#password', account.password);
  r = await navigation(staff, () => submitButton(staff).click());
  assert.ok(r.status() < 400, `signing in answers ${r.status()} at ${staff.url()}`);
  assert.equal(await staff.locator('main .error-summary').count(), 0, 'no sign-in error');
  await rec.check(staff, name('signed-in'));
}

/** Workspace → "Appeals inbox" → the appeal `number`; leaves `staff` on the appeal's page. */
async function openFromInbox(staff, rec, number, subject, step) {
  const name = (s) => (step ? `${step}-${s}` : s);
  let r = await navigation(staff, () => staff.locator('header').getByRole('link', { name: 'Workspace' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(staff.url()).pathname, '/en/staff');
  await rec.check(staff, name('workspace'));
  r = await navigation(staff, () => staff.locator('main').getByRole('link', { name: 'Appeals inbox' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(staff.url()).pathname, '/en/staff/appeals');
  await rec.check(staff, name('inbox'));
  const row = staff.locator('main table tbody tr', { hasText: number });
  assert.equal(await row.count(), 1, `the inbox lists ${number}`);
  assert.ok((await row.textContent()).includes(subject));
  r = await navigation(staff, () => row.getByRole('link', { name: number }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(staff.url()).pathname, `/en/staff/appeals/${number}`);
  assert.ok((await staff.locator('main').textContent()).includes(subject));
  await rec.check(staff, name('appeal'));
}

/** What has the focus, and does it show it. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`;
    return {
      name,
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') || '',
      inMain: !!el.closest('main'),
      inForm: !!el.closest('main form'),
      checked: !!el.checked,
      // The form's own submit button is its last one (the institution search has one before it).
      sendsForm: !!el.closest('main form') && el === [...el.closest('main form').querySelectorAll('button[type="submit"]')].pop(),
      value: 'value' in el ? el.value : '',
      focusVisible: el.matches(':focus-visible'),
      indicator: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none',
      onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth,
    };
  });
}

/** The elements a user can focus, in document order (as the Tab key walks them). */
function focusables(page) {
  return page.evaluate(() => {
    const sel = [
      'a[href]',
      'button:not([disabled])',
      'input:not([type="hidden"]):not([disabled])',
      'select:not([disabled])',
      'textarea:not([disabled])',
      '[tabindex]:not([tabindex="-1"])',
    ].join(',');
    return [...document.querySelectorAll(sel)]
      // tabindex="-1" takes an element out of the Tab order (the filing
      // form's hidden default button, which only Enter in a field presses).
      .filter((el) => el.getAttribute('tabindex') !== '-1')
      .filter((el) => el.getClientRects().length > 0 || el.classList.contains('skip'))
      .map((el) => ({
        name: el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`,
        inForm: !!el.closest('main form'),
        tabindex: el.getAttribute('tabindex'),
      }));
  });
}

/** Text in Cyrillic letters a kk-Latn reader would see, outside data-verbatim. */
function cyrillicOutsideVerbatim(page) {
  return page.evaluate(() => {
    const cyrillic = /[\u0400-\u052F]/;
    const found = [];
    const exempt = (el) => el.closest('[data-verbatim], nav.languages, script, style, textarea');
    const where = (el) => {
      const id = el.id ? `#${el.id}` : '';
      return `<${el.tagName.toLowerCase()}${id}>`;
    };
    if (cyrillic.test(document.title)) found.push(`<title>: ${document.title}`);
    const description = document.querySelector('meta[name="description"]')?.content ?? '';
    if (cyrillic.test(description)) found.push(`<meta name=description>: ${description}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || exempt(el) || !cyrillic.test(n.data)) continue;
      found.push(`text in ${where(el)}: ${n.data.trim().slice(0, 80)}`);
    }
    // Attributes people see or hear: tooltips, alternatives, placeholders,
    // accessible names, option group labels, button captions.
    for (const el of document.body.querySelectorAll('*')) {
      if (exempt(el)) continue;
      for (const attr of ['title', 'alt', 'placeholder', 'aria-label', 'aria-description', 'label']) {
        const v = el.getAttribute(attr);
        if (v && cyrillic.test(v)) found.push(`${attr}="${v.slice(0, 60)}" on ${where(el)}`);
      }
      if (el.matches('input[type="submit"], input[type="button"], input[type="reset"]') && cyrillic.test(el.value)) {
        found.push(`value="${el.value}" on ${where(el)}`);
      }
    }
    return found;
  });
}

// ---------------------------------------------------------------- journeys

for (const backend of backends) {
  describe(`browser journeys on ${backend.name}`, { timeout: 10 * 60_000 }, () => {
    let server;
    let browser;
    let database;

    before(
      async () => {
        resetScreenshots(backend.name);
        if (backend.url) database = freshPostgres(backend.url);
        server = await startServer({ databaseUrl: database?.url });
        browser = await launchBrowser();
      },
      { timeout: 150_000 },
    );

    after(
      async () => {
        // Each step on its own: the server is stopped even if the browser hangs.
        await within(15_000, 'closing Chromium', browser?.close() ?? Promise.resolve()).catch(() => {});
        await server?.stop();
        database?.drop();
      },
      { timeout: 60_000 },
    );

    /** One journey: its own browser context (no shared cookies), recorder, time limit. */
    const journey = (letter, title, body) =>
      test(`${letter}. ${title}`, { timeout: JOURNEY_MS }, async (t) => {
        assert.ok(server && browser, 'the server and the browser started');
        const rec = new Recorder(backend.name, knownIssues, t);
        const check = rec.check.bind(rec);
        rec.check = (page, step) => check(page, `${letter}-${step}`);
        const pages = [];
        const open = async () => {
          const p = await newPage(browser);
          pages.push(p);
          return p;
        };
        try {
          await body({ page: await open(), open, rec, base: server.base, server, t });
        } catch (error) {
          const log = server.log.trim();
          if (log) t.diagnostic(`server log (tail):\n${log.slice(-3000)}`);
          throw error;
        } finally {
          for (const p of pages) await within(10_000, 'closing a context', p.context().close()).catch(() => {});
        }
      });

    journey('a', 'anonymous corruption report, then tracking it', async ({ page, rec, base, t }) => {
      let r = await page.goto(`${base}/en/`);
      assert.equal(r.status(), 200);
      await rec.check(page, 'home');

      const link = page.getByRole('link', { name: 'File an appeal or a report' });
      const href = await link.getAttribute('href');
      r = await navigation(page, () => link.click());
      assert.equal(href, '/en/appeals/new', 'the way in keeps the language');
      assert.equal(
        r.status(),
        200,
        `the home page's link "File an appeal or a report" (href="${href}") leads to ${page.url()}: ${r.status()}`,
      );
      assert.equal(new URL(page.url()).pathname, '/en/appeals/new');
      assert.equal(await page.locator('main h1').textContent(), 'File an appeal');
      await rec.check(page, 'form');

      const subject = `Bribe asked for a land plot, ${backend.name}`;
      await fillAppeal(page, {
        kind: 'corruption_report',
        territory: ARAL,
        subject,
        text: 'An official of the land department asked for money to register my plot.\nIt happened last Monday.',
        anonymous: true,
      });
      await rec.check(page, 'form-filled');
      r = await sendAppeal(page, rec);
      const { number, secret } = await expectReceipt(page, r);
      await rec.check(page, 'receipt');

      const facts = await track(page, rec, base, { number, secret });
      assert.equal(facts.Status, 'Registered');
      assert.equal(facts['What is it?'], 'Corruption report');
      assert.equal(facts.Subject, subject);
      await rec.check(page, 'status');
    });

    journey('b', 'named appeal: errors first, everything typed is kept', async ({ page, rec, base }) => {
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const text = 'Көшедегі шамдар жанбайды.\nThe street lights on our street have been off for a month — «since October» & <still>.';
      await fillAppeal(page, {
        kind: 'complaint',
        territory: ARAL,
        subject: '',
        text,
        anonymous: false,
        name: 'Aigerim Seitkali',
        phone: 'call me maybe',
      });
      await rec.check(page, 'form-with-mistakes');
      assert.equal(await page.locator('main form').evaluate((form) => form.noValidate), true, 'no browser bubbles');
      r = await navigation(page, () => page.locator('main form button[value="check"]').click());
      assert.equal(r.status(), 422, 'a form with errors comes back with 422');

      const summary = page.locator('main .error-summary');
      assert.ok(await summary.isVisible(), 'the error summary is shown');
      assert.equal(await summary.getAttribute('role'), 'alert');
      const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.includes('#subject'), `the summary names the subject: ${links}`);
      assert.ok(links.includes('#phone'), `the summary names the phone: ${links}`);
      for (const href of links) {
        assert.equal(await page.locator(href).count(), 1, `the summary's link ${href} leads to a field`);
      }
      assert.equal(await page.inputValue('#text'), text, 'the typed text is still in the textarea');
      assert.equal(await page.inputValue('#name'), 'Aigerim Seitkali');
      assert.equal(await page.inputValue('#phone'), 'call me maybe');
      assert.equal(await page.inputValue('#territory'), ARAL);
      assert.equal(await page.inputValue('main form input[type="hidden"][name="kind"]'), 'complaint', 'page one\'s answers ride along');
      assert.equal(await page.inputValue('main form input[type="hidden"][name="anonymous"]'), 'no');
      await rec.check(page, 'errors');

      // Following a summary link moves to the field.
      await summary.locator('a[href="#subject"]').click();
      assert.equal(await page.evaluate(() => location.hash), '#subject');
      await page.fill('#subject', 'Street lights are off');
      await page.fill('#phone', '+7 701 123 45 67');
      await rec.check(page, 'errors-fixed');
      r = await sendAppeal(page, rec);
      await expectReceipt(page, r);
      await rec.check(page, 'receipt');
    });

    journey('c', 'staff answer an appeal, the applicant reads and rates it', async ({ page, open, rec, base, server }) => {
      // The applicant files to the officer's institution, with a secret.
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const subject = `Water supply in Aral, ${backend.name} ${Date.now()}`;
      await fillAppeal(page, {
        kind: 'complaint',
        territory: ARAL,
        institution: OFFICERS_INSTITUTION,
        subject,
        text: 'There has been no water in our street for three days.',
        anonymous: false,
        name: 'Nurlan Abenov',
        email: 'nurlan@example.kz',
      });
      await rec.check(page, 'form-filled');
      r = await sendAppeal(page, rec);
      const { number, secret, receipt } = await expectReceipt(page, r);
      assert.equal(receipt['Receiving body'], OFFICERS_INSTITUTION);
      await rec.check(page, 'receipt');

      // The officer signs in and answers it.
      const officer = server.accounts.officer;
      assert.ok(officer, `the demo officer's account was printed: ${JSON.stringify(server.accounts)}`);
      const staff = await open();
      await signIn(staff, rec, base, officer);
      await openFromInbox(staff, rec, number, subject);

      const answer = `Dear Nurlan Abenov, the water supply in your street was restored on ${new Date().toISOString().slice(0, 10)}.`;
      await staff.fill('#answer', answer);
      await rec.check(staff, 'answer-typed');
      r = await navigation(staff, () => staff.locator(`main form[action*="/${number}/answer"] button[type="submit"]:not([name="insert"])`).click());
      assert.equal(r.status(), 200, `after answering: ${r.status()} at ${staff.url()}`);
      assert.equal(new URL(staff.url()).pathname, `/en/staff/appeals/${number}`);
      assert.equal((await readFacts(staff)).Status, 'Answered');
      await rec.check(staff, 'answered');

      // The applicant tracks it, reads the answer and rates it 4.
      const facts = await track(page, rec, base, { number, secret });
      assert.equal(facts.Status, 'Answered');
      assert.equal((await page.locator('main div.answer').first().textContent()).trim(), answer);
      await rec.check(page, 'status-answered');

      await page.check('#rating-4');
      await page.fill('#rate-text', 'Quick and clear, thank you.');
      await rec.check(page, 'rating-chosen');
      r = await navigation(page, () => page.locator('main form[action$="/track/rate"] button[type="submit"]').click());
      assert.equal(r.status(), 200, `rating answers ${r.status()}`);
      // Post/Redirect/Get: a confirmation page, then the appeal again with the secret.
      assert.equal(new URL(page.url()).pathname, '/en/track');
      assert.ok((await page.locator('main #done').textContent()).includes('your rating of the answer'), 'a confirmation');
      await rec.check(page, 'rated-confirmation');
      await track(page, rec, base, { number, secret });
      assert.equal(await page.locator('main form[action$="/track/rate"]').count(), 0, 'the rating form is gone');
      assert.ok(
        (await page.locator('main ol.history').textContent()).includes('Answer rated'),
        'the history shows the rating',
      );
      await rec.check(page, 'rated');
    });

    journey('d', 'language switch on the home page and the filing form', async ({ page, rec, base, t }) => {
      const switches = [
        ['Қазақша', 'kk'],
        ['Qazaqşa', 'kk-Latn'],
        ['Русский', 'ru'],
        ['English', 'en'],
      ];
      for (const [where, path] of [
        ['home', '/'],
        ['form', '/appeals/new'],
        ['transparency', '/transparency'],
      ]) {
        const r = await page.goto(`${base}/en${path}`);
        assert.equal(r.status(), 200);
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
        await rec.check(page, `${where}-en`);
        for (const [name, lang] of switches) {
          const link = page.locator('header nav.languages').getByRole('link', { name, exact: true });
          const shown = await navigation(page, () => link.click());
          assert.equal(shown.status(), 200, `switching to ${lang}: ${shown.status()} at ${page.url()}`);
          assert.equal(await page.getAttribute('html', 'lang'), lang, `<html lang> after choosing ${name}`);
          const url = new URL(page.url());
          assert.equal(url.pathname.toLowerCase(), `/${lang.toLowerCase()}${path}`, 'the same page in the other language');
          const current = page.locator('header nav.languages a[aria-current="page"]');
          assert.equal(await current.getAttribute('hreflang'), lang, 'the language switch marks the current language');
          if (lang === 'kk-Latn') {
            const cyrillic = await cyrillicOutsideVerbatim(page);
            assert.deepEqual(cyrillic, [], `Cyrillic letters on the kk-Latn ${where} page:\n  ${cyrillic.join('\n  ')}`);
          }
          await rec.check(page, `${where}-${lang}`);
        }
      }
    });

    journey('e', 'keyboard only: skip link, every control, Enter to send', async ({ page, rec, base }) => {
      const r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const order = await focusables(page);
      assert.equal(order[0].name, 'a.skip', `the skip link comes first: ${order[0].name}`);
      assert.deepEqual(
        order.filter((f) => f.tabindex !== null && Number(f.tabindex) > 0),
        [],
        'no positive tabindex',
      );

      await page.keyboard.press('Tab');
      let f = await focused(page);
      assert.equal(f.name, 'a.skip', 'the first Tab reaches the skip link');
      assert.ok(f.onScreen, 'the skip link is visible when focused');
      assert.ok(f.indicator, 'the skip link shows its focus');
      await rec.check(page, 'skip-link');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => location.hash), '#main');
      f = await focused(page);
      assert.equal(f.name, '#main', 'the skip link moves the focus to <main>');

      const subject = 'Keyboard only: the bus stop has no ramp';
      const text = 'The new bus stop on Abai street has steps and no ramp.';
      const reached = new Set();
      const note = async (why) => {
        const now = await focused(page);
        assert.ok(now.inMain, `${why}: the focus stays in the content, not ${now.name}`);
        assert.ok(now.focusVisible && now.indicator, `${why}: ${now.name} shows its focus`);
        reached.add(now.name);
        return now;
      };
      /** Tabs through the page's form, `act` on each control, until its last button; Enter there. */
      const walk = async (where, act) => {
        if (where !== 'page-one') {
          // A new page: the skip link first, to the content.
          await page.keyboard.press('Tab');
          assert.equal((await focused(page)).name, 'a.skip', `${where}: the first Tab reaches the skip link`);
          await page.keyboard.press('Enter');
        }
        const order = (await focusables(page)).filter((c) => c.inForm).map((c) => c.name);
        for (let presses = 0; presses < 80; presses++) {
          await page.keyboard.press('Tab');
          f = await note(`Tab on ${where}`);
          if (presses === 0) assert.ok(f.inForm, `${where}: Tab goes into the form (${f.name})`);
          await act(f);
          if (f.tag === 'button' && f.sendsForm) {
            const missed = order.filter((c) => !reached.has(c));
            assert.deepEqual(missed, [], `${where}: every form control can receive the focus`);
            await rec.check(page, `${where}-by-keyboard`);
            return navigation(page, () => page.keyboard.press('Enter'));
          }
        }
        assert.fail(`${where}: the form's button was reached with Tab (focus went through: ${[...reached].join(' ')})`);
      };

      // Page one: with a name, a corruption report.
      let sent = await walk('page-one', async (now) => {
        switch (now.name) {
          case '#anonymous-no':
            await page.keyboard.press('ArrowDown');
            assert.equal((await note('ArrowDown in who is writing')).name, '#anonymous-yes');
            await page.keyboard.press('ArrowUp');
            f = await note('ArrowUp in who is writing');
            assert.equal(f.name, '#anonymous-no');
            assert.ok(f.checked, 'arrow keys choose "with my name"');
            break;
          case '#kind-complaint':
            // Arrow keys go round the group: all five once, ending on the second.
            for (let i = 0; i < 6; i++) {
              await page.keyboard.press('ArrowDown');
              await note('ArrowDown in the kinds');
            }
            f = await focused(page);
            assert.equal(f.name, '#kind-corruption_report');
            assert.ok(f.checked, 'arrow keys choose the kind');
            break;
        }
      });
      assert.equal(sent.status(), 200, `page one's Continue by Enter: ${sent.status()}`);
      // Page two: place, subject, text, contact.
      sent = await walk('page-two', async (now) => {
        switch (now.name) {
          case '#territory':
            for (let i = 0; i < 300 && (await page.inputValue('#territory')) !== ARAL; i++) {
              await page.keyboard.press('ArrowDown');
            }
            assert.equal(await page.inputValue('#territory'), ARAL, 'Aral district chosen with the arrow keys');
            break;
          case '#subject':
            await page.keyboard.type(subject);
            break;
          case '#text':
            await page.keyboard.type(text);
            break;
          case '#name':
            await page.keyboard.type('Dana Omarova');
            break;
          case '#email':
            await page.keyboard.type('dana@example.kz');
            break;
        }
      });
      assert.equal(sent.status(), 200, `page two's Continue by Enter: ${sent.status()} at ${page.url()}`);
      assert.equal(await page.locator('main h1').textContent(), 'Check your answers before sending');
      // Check your answers: every "Change" and the file input on the way to Send.
      sent = await walk('check-answers', async () => {});
      const { secret } = await expectReceipt(page, sent);
      assert.ok(secret);
      await rec.check(page, 'receipt');
    });

    journey('f', 'the head extends the term, the applicant sees why', async ({ page, open, rec, base, server }) => {
      // The applicant files to the officer's institution, with a secret.
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const subject = `Road repair in Aral, ${backend.name} ${Date.now()}`;
      await fillAppeal(page, {
        kind: 'complaint',
        territory: ARAL,
        institution: OFFICERS_INSTITUTION,
        subject,
        text: 'The road to the school on Zhibek Zholy street has been broken since spring.',
        anonymous: false,
        name: 'Gulnara Tulegenova',
        email: 'gulnara@example.kz',
      });
      await rec.check(page, 'form-filled');
      r = await sendAppeal(page, rec);
      const { number, secret, receipt } = await expectReceipt(page, r);
      assert.equal(receipt['Receiving body'], OFFICERS_INSTITUTION);
      await rec.check(page, 'receipt');

      // The head of the body signs in, opens it and extends the term.
      const head = server.accounts.head;
      assert.ok(head, `the demo head's account was printed: ${JSON.stringify(server.accounts)}`);
      const staff = await open();
      await signIn(staff, rec, base, head, 'head');
      await openFromInbox(staff, rec, number, subject, 'head');

      const beforeExtension = await readFacts(staff);
      const current = parseShownDate(beforeExtension['Answer due by']);
      const extendForm = staff.locator(`main form[action$="/${number}/extend"]`);
      assert.equal(await extendForm.count(), 1, 'the head is offered "Extend the term"');
      // It is folded away under the answer: open it.
      await staff.locator('#extend-section > summary').click();
      const reason = `An on-site inspection of the road with the district's roads department is needed (${backend.name}).`;
      let due = laterWeekday(current, 7);
      for (let attempt = 1; ; attempt++) {
        await staff.fill('#due', isoDate(due));
        await staff.fill('#reason', reason);
        await rec.check(staff, `extension-typed-${attempt}`);
        r = await navigation(staff, () => extendForm.locator('button[type="submit"]').click());
        if (r.status() !== 422 || attempt > 1) break;
        // Only a day off (a holiday) may be refused, and the page says so.
        const summary = (await staff.locator('main .error-summary').textContent()).trim();
        assert.equal(summary, 'The new due date must be a working day.', `${isoDate(due)} refused: ${summary}`);
        await rec.check(staff, 'extension-refused');
        due = laterWeekday(due, 1);
      }
      assert.equal(r.status(), 200, `after extending to ${isoDate(due)}: ${r.status()} at ${staff.url()}`);
      assert.equal(new URL(staff.url()).pathname, `/en/staff/appeals/${number}`);
      assert.equal(await staff.locator('main .error-summary').count(), 0, 'no error after extending');
      const afterExtension = await readFacts(staff);
      assert.equal(afterExtension['Answer due by'], shownDate(due), 'the page shows the new due date');
      assert.equal(afterExtension.Status, beforeExtension.Status, 'extending keeps the status');
      const staffLine = await historyLine(staff, 'Term extended');
      assert.ok(staffLine.includes('(head of the body)'), `the head extended it: ${staffLine}`);
      assert.ok(staffLine.includes(reason), `the history gives the reason: ${staffLine}`);
      await rec.check(staff, 'extended');

      // The applicant tracks it: the new term and its reason.
      const facts = await track(page, rec, base, { number, secret });
      assert.equal(facts['Answer due by'], shownDate(due), 'the applicant sees the new due date');
      const line = await historyLine(page, 'Term extended');
      assert.ok(line.includes(reason), `the applicant is told why: ${line}`);
      await rec.check(page, 'status-extended');
    });

    journey('g', 'clarification: asked by the officer, given by the applicant', async ({ page, open, rec, base, server }) => {
      // An anonymous appeal to the officer's institution.
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const subject = `Bus stop without a shelter, ${backend.name} ${Date.now()}`;
      await fillAppeal(page, {
        kind: 'proposal',
        territory: ARAL,
        institution: OFFICERS_INSTITUTION,
        subject,
        text: 'Please build a shelter at the bus stop near the market.',
        anonymous: true,
      });
      await rec.check(page, 'form-filled');
      r = await sendAppeal(page, rec);
      const { number, secret, receipt } = await expectReceipt(page, r);
      assert.equal(receipt['Receiving body'], OFFICERS_INSTITUTION);
      await rec.check(page, 'receipt');

      // The officer asks which stop is meant.
      const officer = server.accounts.officer;
      assert.ok(officer, `the demo officer's account was printed: ${JSON.stringify(server.accounts)}`);
      const staff = await open();
      await signIn(staff, rec, base, officer, 'officer');
      await openFromInbox(staff, rec, number, subject, 'officer');
      const question = 'Which market do you mean: the central one on Abai street or the one by the station?';
      // Asking is folded away under the answer: open it.
      await staff.locator('#clarify-section > summary').click();
      await staff.fill('#question', question);
      await rec.check(staff, 'question-typed');
      r = await navigation(staff, () => staff.locator(`main form[action$="/${number}/clarify"] button[type="submit"]`).click());
      assert.equal(r.status(), 200, `after asking: ${r.status()} at ${staff.url()}`);
      assert.equal(new URL(staff.url()).pathname, `/en/staff/appeals/${number}`);
      assert.equal((await readFacts(staff)).Status, "Waiting for the applicant's clarification");
      const asked = await historyLine(staff, 'Clarification requested');
      assert.ok(asked.includes(question), `the history keeps the question: ${asked}`);
      await rec.check(staff, 'question-sent');

      // The applicant reads the question and answers it.
      let facts = await track(page, rec, base, { number, secret });
      assert.equal(facts.Status, "Waiting for the applicant's clarification");
      const asks = page.locator('main h2', { hasText: 'The body asks you to clarify' });
      assert.equal(await asks.count(), 1, 'the question has its heading');
      assert.equal((await page.locator('main h2 + div.answer').first().textContent()).trim(), question);
      const replyForm = page.locator('main form[action$="/track/clarification"]');
      assert.equal(await replyForm.count(), 1, 'a reply form under the question');
      assert.equal(await page.locator('label[for="text"]').textContent(), 'Your clarification');
      await rec.check(page, 'status-question');

      const clarification = 'The one by the railway station, next to the bus terminal (Aral, Abilkhair khan street).';
      await page.fill('#text', clarification);
      await rec.check(page, 'clarification-typed');
      r = await navigation(page, () => replyForm.locator('button[type="submit"]').click());
      assert.equal(r.status(), 200, `sending the clarification answers ${r.status()}`);
      assert.equal(await page.locator('main h1').textContent(), 'Your appeal');
      facts = await readFacts(page);
      assert.equal(facts['Receipt number'], number);
      assert.equal(facts.Status, 'In progress');
      assert.equal(await page.locator('main form[action$="/track/clarification"]').count(), 0, 'the reply form is gone');
      await historyLine(page, 'Clarification given');
      await rec.check(page, 'clarification-given');

      // The officer reloads the appeal and reads the clarification.
      r = await staff.reload({ waitUntil: 'load' });
      assert.equal(r.status(), 200);
      assert.equal((await readFacts(staff)).Status, 'In progress');
      const given = await historyLine(staff, 'Clarification given');
      assert.ok(given.includes('(applicant)'), `the applicant gave it: ${given}`);
      assert.ok(given.includes(clarification), `the officer reads the clarification: ${given}`);
      await rec.check(staff, 'clarification-read');
    });

    journey('h', 'the track page checks the log proof in the browser', async ({ page, rec, base }) => {
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      await fillAppeal(page, {
        kind: 'complaint',
        territory: ARAL,
        subject: `Road repair in Aral, ${backend.name}`,
        text: 'The road to the school has holes since spring.',
        anonymous: true,
      });
      // Enter in a text field continues to the check page (not the place search).
      await page.focus('#subject');
      r = await navigation(page, () => page.keyboard.press('Enter'));
      assert.equal(r.status(), 200);
      assert.equal(await page.locator('main h1').textContent(), 'Check your answers before sending');
      r = await navigation(page, () => submitButton(page).click());
      const { number, secret } = await expectReceipt(page, r);
      const entry = await page.locator('main p', { hasText: 'Entry number in the public log' }).textContent();
      assert.match(entry, /Entry number in the public log: \d+/, 'the receipt names its log entry');
      await rec.check(page, 'receipt-with-log-entry');
      // The server signs a checkpoint every second; then the proof is there.
      await new Promise((res) => setTimeout(res, 1500));
      await track(page, rec, base, { number, secret });
      const status = page.locator('#log-verify');
      await status.waitFor();
      await page.waitForFunction(() => document.getElementById('log-verify')?.dataset.result, null, { timeout: 10_000 });
      assert.equal(await status.getAttribute('data-result'), 'ok', await status.textContent());
      assert.equal((await status.textContent()).trim(), 'This filing is recorded in the public log; your browser checked it.');
      await rec.check(page, 'proof-checked-in-browser');
      r = await navigation(page, () => page.locator('main section.log a[href$="/transparency"]').click());
      assert.equal(new URL(page.url()).pathname, '/en/transparency');
      assert.ok((await page.locator('[data-log-key]').textContent()).includes('+'), 'the public key is shown');
      await rec.check(page, 'transparency');
    });

    journey('z', 'compressed for a slow phone: pages, styles and scripts', async ({ page, rec, base }) => {
      const seen = new Map();
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (url.origin !== base) return;
        seen.set(url.pathname, { headers: await response.allHeaders(), status: response.status() });
      });
      const r = await page.goto(`${base}/kk/appeals/new`);
      assert.equal(r.status(), 200);
      await page.waitForLoadState('load');
      await rec.check(page, 'form-compressed');
      // The status page is one that loads a script (the log proof check).
      const filed = await fetch(`${base}/api/v1/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'proposal', territory: ARAL, subject: 'Bus stop', text: 'A shelter, please.', language: 'kk', anonymous: true }),
      });
      const answer = await filed.text();
      assert.equal(filed.status, 201, answer);
      const { number, secret } = JSON.parse(answer);
      // The server signs a checkpoint every second; then the page has a proof to check.
      await new Promise((res) => setTimeout(res, 1500));
      await track(page, rec, base, { number, secret });
      await page.waitForLoadState('load');
      await rec.check(page, 'status-compressed');
      // The receipt's QR address, opened as a phone's camera would, fills in the number.
      const opened = await page.goto(`${base}/kk/track?number=${number}`);
      assert.equal(opened.status(), 200);
      assert.equal(await page.inputValue('#number'), number, 'the scanned address fills in the receipt number');
      const sent = [...seen.entries()];
      const kinds = { html: /^\/kk\/appeals\/new$/, css: /\.css$/, js: /\.js$/ };
      for (const [kind, pattern] of Object.entries(kinds)) {
        const hits = sent.filter(([path]) => pattern.test(path));
        assert.ok(hits.length, `the form loads its ${kind}: ${sent.map(([p]) => p).join(', ')}`);
        for (const [path, { headers, status }] of hits) {
          assert.equal(status, 200, `${path} answers 200`);
          // Chromium asks for br, gzip, deflate and zstd; the server answers brotli.
          assert.equal(headers['content-encoding'], 'br', `${path} comes compressed with brotli: ${JSON.stringify(headers)}`);
          assert.match(headers.vary ?? '', /accept-encoding/i, `${path} says it varies by Accept-Encoding`);
        }
      }
    });

    // ------------------------------------------------------------ w: words

    /** The signed-in header: the account link (the user's name) and "Sign out". */
    async function expectSignedInHeader(page, signOut) {
      const account = page.locator('header nav.account a[href$="/account"]');
      assert.equal(await account.count(), 1, `the header links the account at ${page.url()}`);
      assert.ok((await account.textContent()).trim().length > 0, 'with the user\'s name');
      const out = page.locator('header nav.account form[action$="/sign-out"] button');
      assert.equal((await out.textContent()).trim(), signOut, 'and the sign-out button');
      assert.equal(await page.locator('header a[href$="/sign-in"]').count(), 0, 'no "Sign in" link');
    }

    journey('w1', 'the Kazakh home page on a phone leads with filing an appeal', async ({ page, rec, base }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      let r = await page.goto(`${base}/kk/`);
      assert.equal(r.status(), 200);
      assert.equal(await page.locator('main h1').textContent(), 'Мемлекеттік органға жазып, жауапты мерзімінде алыңыз');
      const links = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(links.slice(0, 2), ['/kk/appeals/new', '/kk/track'], `filing first, then tracking: ${links}`);
      assert.ok(!links.some((l) => l.startsWith('/api/')), `no raw JSON from the home page: ${links}`);
      const main = await page.locator('main').textContent();
      assert.ok(!main.includes('жақында'), 'no "coming soon"');
      const action = page.locator('main a.button');
      assert.equal(await action.count(), 1, 'one main action');
      assert.equal((await action.textContent()).trim(), 'Өтініш немесе хабарлама беру');
      const box = await action.boundingBox();
      assert.ok(box && box.y + box.height <= 844, `the main action is on the first screen: ${JSON.stringify(box)}`);
      assert.ok(box.height >= 44, `a big enough target: ${box.height}px`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `no sideways scrolling: ${wide}px`);
      await rec.check(page, 'home-kk-phone');
      r = await navigation(page, () => action.click());
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/kk/appeals/new');
      await rec.check(page, 'form-kk-phone');
    });

    journey('w2', 'open data: a page that explains the data, with links that work', async ({ page, rec, base }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [lang, name, title] of [
        ['kk', 'Ашық деректер', 'Ашық деректер'],
        ['en', 'Open data', 'Open data'],
      ]) {
        let r = await page.goto(`${base}/${lang}/`);
        assert.equal(r.status(), 200);
        r = await navigation(page, () => page.locator('main').getByRole('link', { name, exact: true }).click());
        assert.equal(r.status(), 200);
        assert.equal(new URL(page.url()).pathname, `/${lang}/open-data`);
        assert.equal(await page.locator('main h1').textContent(), title);
        assert.ok((await page.locator('main').textContent()).includes('CC BY 4.0'), 'the licence is named');
        await rec.check(page, `open-data-${lang}`);
        const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.ok(hrefs.includes('/api/v1/territories') && hrefs.includes('/api/v1/openapi.json'), `${hrefs}`);
        for (const href of hrefs) {
          const answer = await page.request.get(`${base}${href}`);
          assert.equal(answer.status(), 200, `${href} answers ${answer.status()}`);
        }
      }
      // Following one: the territories as JSON.
      const r = await navigation(page, () => page.locator('main a[href="/api/v1/territories"]').click());
      assert.equal(r.status(), 200);
      assert.ok(r.headers()['content-type'].startsWith('application/json'));
      const body = JSON.parse(await r.text());
      assert.ok(body.territories.length > 100, 'the region\'s territories');
    });

    journey('w3', 'a signed-in officer meets "no access" and keeps the header', async ({ page, rec, base, server }) => {
      const officer = server.accounts.officer;
      assert.ok(officer, `the demo officer's account was printed: ${JSON.stringify(server.accounts)}`);
      await signIn(page, rec, base, officer, 'officer');
      let r = await page.goto(`${base}/en/admin/users`);
      assert.equal(r.status(), 403);
      assert.equal(await page.locator('main h1').textContent(), 'No access');
      assert.ok((await page.locator('main').textContent()).includes('your role does not allow this'));
      await expectSignedInHeader(page, 'Sign out');
      await rec.check(page, 'no-access-en');
      // The same in Kazakh, on a phone.
      await page.setViewportSize({ width: 390, height: 844 });
      r = await page.goto(`${base}/kk/admin/users`);
      assert.equal(r.status(), 403);
      assert.equal(await page.locator('main h1').textContent(), 'Рұқсат жоқ');
      await expectSignedInHeader(page, 'Шығу');
      await rec.check(page, 'no-access-kk-phone');
      r = await navigation(page, () => page.locator('main').getByRole('link', { name: 'Жұмыс кеңістігіне өту' }).click());
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/kk/staff');
      // A page that does not exist keeps the header too.
      r = await page.goto(`${base}/kk/no-such-page`);
      assert.equal(r.status(), 404);
      assert.equal(await page.locator('main h1').textContent(), 'Бет табылмады');
      await expectSignedInHeader(page, 'Шығу');
      await rec.check(page, 'not-found-kk-phone');

      // A form opened in one session and sent after signing in again in
      // another tab: "the form has expired", not "no access".
      await page.setViewportSize({ width: 1280, height: 900 });
      r = await page.goto(`${base}/en/account/password`);
      assert.equal(r.status(), 200);
      const other = await page.context().newPage();
      await other.goto(`${base}/en/`);
      await navigation(other, () => other.locator('header form[action$="/sign-out"] button').click());
      await signIn(other, rec, base, officer, 'officer-again');
      await other.close();
      await page.fill('#current', officer.password);
      await page.fill('#new', 'a new password, long enough');
      await page.fill('#confirm', 'a new password, long enough');
      r = await navigation(page, () => submitButton(page).click());
      assert.equal(r.status(), 403);
      assert.equal(await page.locator('main h1').textContent(), 'The form has expired');
      assert.ok((await page.locator('main').textContent()).includes('reload the page and send the form again'));
      await expectSignedInHeader(page, 'Sign out');
      await rec.check(page, 'form-expired');
    });

    // ------------------------------------------------ t: following an appeal

    /** Files an appeal (with a secret) to the officer's institution and has the officer answer it. */
    async function fileAndAnswer(page, open, rec, base, server, subject) {
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      await fillAppeal(page, {
        kind: 'complaint',
        territory: ARAL,
        institution: OFFICERS_INSTITUTION,
        subject,
        text: 'The street light by the school has been off for two weeks.',
        anonymous: true,
      });
      r = await sendAppeal(page);
      const { number, secret } = await expectReceipt(page, r);
      const staff = await open();
      await signIn(staff, rec, base, server.accounts.officer, 'officer');
      await openFromInbox(staff, rec, number, subject, 'officer');
      await staff.fill('#answer', 'The light was repaired yesterday.');
      r = await navigation(staff, () => staff.locator(`main form[action*="/${number}/answer"] button[type="submit"]`).click());
      assert.equal(r.status(), 200);
      return { number, secret };
    }

    /** The page scrolls no wider than its viewport. */
    async function noSidewaysScroll(page) {
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: innerWidth }));
      assert.ok(scroll <= width, `no sideways scrolling: ${scroll} > ${width}`);
    }

    journey('t1', 'rate without a score, then rate; dispute: the new body and due date', async ({ page, open, rec, base, server }) => {
      const { number, secret } = await fileAndAnswer(page, open, rec, base, server, `Street light, ${backend.name} ${Date.now()}`);
      await track(page, rec, base, { number, secret });
      const explained = (await page.locator('main .due-explained').textContent()).replace(/\s+/g, ' ');
      assert.match(explained, /The term is 15 working days, counted from the next working day, \d\d\.\d\d\.\d{4} \(\w+\); Saturdays, Sundays and days off are not counted\./);
      assert.match(explained, /The answer is due by \d\d\.\d\d\.\d{4} \(\w+\)\./);
      assert.doesNotMatch(explained, /[a-z]+_[a-z]+/, 'no calendar codes');
      await rec.check(page, 'status');

      // No score: the error summary, focused, names the question; the comment stays.
      const rateForm = page.locator('main form[action$="/track/rate"]');
      await page.fill('#rate-text', 'Clear, but it took long.');
      let r = await navigation(page, () => rateForm.locator('button[type="submit"]').click());
      assert.equal(r.status(), 422);
      assert.ok((await page.title()).startsWith('Error: '), await page.title());
      assert.equal((await focused(page)).name, '#errors', 'the summary has the focus');
      const link = page.locator('main .error-summary a');
      assert.equal(await link.getAttribute('href'), '#rating-1');
      assert.equal((await link.textContent()).trim(), 'Choose how useful the answer was, from 1 to 5.');
      assert.equal((await page.locator('#rating-1-error').textContent()).trim(), 'Choose how useful the answer was, from 1 to 5.');
      assert.equal(await page.getAttribute('main fieldset', 'aria-describedby'), 'rating-1-error');
      assert.equal(await page.getAttribute('#rating-3', 'aria-invalid'), 'true');
      assert.equal(await page.inputValue('#rate-text'), 'Clear, but it took long.', 'the comment is kept');
      await rec.check(page, 'rate-error');
      await link.click();
      assert.equal(await page.evaluate(() => location.hash), '#rating-1');

      await page.check('#rating-4');
      r = await navigation(page, () => rateForm.locator('button[type="submit"]').click());
      assert.equal(r.status(), 200);
      const url = new URL(page.url());
      assert.equal(url.pathname, '/en/track');
      const plain = secret.replace(/[^0-9A-Za-z]/g, '');
      assert.ok(!page.url().toUpperCase().includes(plain.slice(0, 6).toUpperCase()), `no secret in ${page.url()}`);
      assert.equal((await focused(page)).name, '#done', 'the confirmation has the focus');
      assert.ok((await page.locator('#done').textContent()).includes(`Thank you: your rating of the answer to appeal ${number} is recorded.`));
      assert.equal(await page.inputValue('#number'), number, 'the track form has the number');
      await rec.check(page, 'rated');
      // A reload shows the confirmation again and records nothing twice.
      r = await page.reload({ waitUntil: 'load' });
      assert.equal(r.status(), 200);

      // An empty dispute: named at the top; then the dispute goes to the higher body.
      await track(page, rec, base, { number, secret });
      const disputeForm = page.locator('main form[action$="/track/dispute"]');
      r = await navigation(page, () => disputeForm.locator('button[type="submit"]').click());
      assert.equal(r.status(), 422);
      assert.ok((await page.title()).startsWith('Error: '));
      assert.equal((await focused(page)).name, '#errors');
      assert.equal(await page.getAttribute('main .error-summary a', 'href'), '#dispute-text');
      assert.equal(await page.getAttribute('#dispute-text', 'aria-invalid'), 'true');
      await rec.check(page, 'dispute-error');
      await page.fill('#dispute-text', 'The light is off again since this morning.');
      r = await navigation(page, () => disputeForm.locator('button[type="submit"]').click());
      assert.equal(r.status(), 200);
      assert.ok(!page.url().toUpperCase().includes(plain.slice(0, 6).toUpperCase()));
      const done = (await page.locator('#done').textContent()).replace(/\s+/g, ' ');
      assert.ok(done.includes(`Your dispute of the answer to appeal ${number} is recorded.`), done);
      assert.match(done, /The appeal is now handled by .+\./);
      assert.match(done, /The answer is due by \d\d\.\d\d\.\d{4} \(\w+\)\./);
      assert.match(done, /you disputed the answer\. The (appeal went to the higher body, .+,|same body considers the appeal again,) with a new term of 15 working days from the dispute: the answer is now due by \d\d\.\d\d\.\d{4}.* \(it was \d\d\.\d\d\.\d{4}\)\./);
      await rec.check(page, 'disputed');
      const facts = await track(page, rec, base, { number, secret });
      assert.ok(facts['Handled by'], `the status page names the body: ${JSON.stringify(facts)}`);
      assert.ok((await page.locator('main .due-explained').textContent()).includes('you disputed the answer'));
      await rec.check(page, 'status-disputed');
    });

    journey('t2', 'in Kazakh on a phone: the due date in words, the proof checked, rating errors', async ({ page, open, rec, base, server }) => {
      const { number, secret } = await fileAndAnswer(page, open, rec, base, server, `Көше шамы, ${backend.name} ${Date.now()}`);
      await page.setViewportSize({ width: 390, height: 844 });
      // The server signs a checkpoint every second; then the proof is there.
      await new Promise((res) => setTimeout(res, 1500));
      let r = await page.goto(`${base}/kk/track`);
      assert.equal(r.status(), 200);
      await page.fill('#number', number);
      await page.fill('#secret', secret);
      r = await navigation(page, () => submitButton(page).click());
      assert.equal(r.status(), 200);
      const explained = (await page.locator('main .due-explained').textContent()).replace(/\s+/g, ' ');
      assert.match(explained, /Жауап беру мерзімі — 15 жұмыс күні; ол келесі жұмыс күнінен, \d\d\.\d\d\.\d{4} \(\S+\) бастап есептеледі;/);
      assert.match(explained, /Жауап берудің соңғы күні — \d\d\.\d\d\.\d{4} \(\S+\)\./);
      assert.doesNotMatch(explained, /[A-Za-z]/, 'no Latin letters (no calendar codes) in the Kazakh explanation');
      await noSidewaysScroll(page);
      await rec.check(page, 'status-kk-phone');

      // The proof: one sentence, updated once the browser checked it; the detail folded.
      const status = page.locator('#log-verify');
      await page.waitForFunction(() => document.getElementById('log-verify')?.dataset.result, null, { timeout: 10_000 });
      assert.equal(await status.getAttribute('data-result'), 'ok', await status.textContent());
      assert.equal((await status.textContent()).trim(), 'Бұл өтініш ашық журналға жазылған; браузеріңіз оны тексерді.');
      const details = page.locator('main section.log details');
      assert.equal(await details.evaluate((d) => d.open), false, 'the technical detail is folded');
      await status.scrollIntoViewIfNeeded();
      await rec.check(page, 'proof-checked-kk');
      await details.locator('summary').click();
      assert.ok((await details.textContent()).includes('Жапырақ хеші (SHA-256)'));
      await noSidewaysScroll(page);
      await rec.check(page, 'proof-details-kk');

      // Rating without a score, in Kazakh.
      const rateForm = page.locator('main form[action$="/track/rate"]');
      await page.fill('#rate-text', 'Рақмет, бірақ ұзақ болды.');
      r = await navigation(page, () => rateForm.locator('button[type="submit"]').click());
      assert.equal(r.status(), 422);
      assert.ok((await page.title()).startsWith('Қате: '), await page.title());
      assert.equal((await focused(page)).name, '#errors');
      assert.equal(
        (await page.locator('main .error-summary a').textContent()).trim(),
        'Жауап қаншалықты пайдалы болғанын 1-ден 5-ке дейін таңдаңыз.',
      );
      assert.equal(await page.inputValue('#rate-text'), 'Рақмет, бірақ ұзақ болды.');
      await noSidewaysScroll(page);
      await rec.check(page, 'rate-error-kk');
      await page.check('#rating-5');
      r = await navigation(page, () => rateForm.locator('button[type="submit"]').click());
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/kk/track');
      assert.ok((await page.locator('#done').textContent()).includes(`Рақмет: ${number} өтінішіне берілген жауапқа қойған бағаңыз жазылды.`));
      await noSidewaysScroll(page);
      await rec.check(page, 'rated-kk');
    });

    // ------------------------------------------------ the administrator's pages

    /** Signs the demo administrator in; leaves `page` signed in. */
    const signInAdmin = (page, rec, base, server) => signIn(page, rec, base, server.accounts.administrator, 'admin');

    /** A weekday about a week ahead (Kyzylorda time) that the calendar text does not list: inside the term of an appeal filed today. */
    function weekdayAhead(csv) {
      const listed = new Set(csv.split('\n').map((l) => l.split(',')[0].trim()));
      const day = new Date(Date.now() + 5 * 3600_000 + 7 * 86400_000);
      while ([0, 6].includes(day.getUTCDay()) || listed.has(day.toISOString().slice(0, 10))) {
        day.setUTCDate(day.getUTCDate() + 1);
      }
      return day.toISOString().slice(0, 10);
    }

    /** Checks and saves `csv` on the calendar editor `page` is on; returns the confirmation. */
    async function checkAndSave(page, rec, csv, step) {
      await page.fill('#csv', csv);
      let r = await navigation(page, () => page.getByRole('button', { name: 'Check the changes' }).click());
      assert.equal(r.status(), 200, `the check answers 200: ${await page.locator('main').textContent()}`);
      await rec.check(page, `${step}-preview`);
      r = await navigation(page, () => page.getByRole('button', { name: 'Save the calendar' }).click());
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/en/admin/calendar');
      await rec.check(page, `${step}-saved`);
      return (await page.locator('main [data-saved]').textContent()).trim();
    }

    journey('m1', 'the administrator checks a calendar change, sees the due dates that move, saves', async ({ page, open, rec, base, server }) => {
      // An open appeal, filed today.
      const citizen = await open();
      let r = await citizen.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      await fillAppeal(citizen, {
        kind: 'complaint',
        territory: ARAL,
        subject: `Broken bus stop, ${backend.name}`,
        text: 'The bus stop roof fell down.',
        anonymous: true,
      });
      r = await sendAppeal(citizen);
      const { number } = await expectReceipt(citizen, r);

      await signInAdmin(page, rec, base, server);
      r = await page.goto(`${base}/en/admin/calendar`);
      assert.equal(r.status(), 200);
      const table = page.locator('#days-table');
      assert.ok((await table.locator('tbody tr').count()) > 0, 'the year is shown as a table of days');
      const header = await table.locator('thead th').allTextContents();
      assert.deepEqual(header, ['Date', 'Day of the week', 'Kind of day', 'Reason']);
      const reasons = await table.locator('tbody td:nth-child(4)').allTextContents();
      for (const reason of reasons) assert.doesNotMatch(reason, /^[a-z_]+$/, `a reason in words, not a code: ${reason}`);
      await rec.check(page, 'calendar');

      const original = await page.inputValue('#csv');
      const day = weekdayAhead(original);
      let edited = `${original.trimEnd()}\n${day},false,transfer\n`;
      if (!original.split('\n').some((l) => l.startsWith(`${day.slice(0, 4)}-`))) {
        edited += await page.locator('#rules-rows').textContent();
      }
      await page.fill('#csv', edited);
      r = await navigation(page, () => page.getByRole('button', { name: 'Check the changes' }).click());
      assert.equal(r.status(), 200);
      const preview = page.locator('#preview');
      assert.match(await preview.textContent(), /Saving it moves the due dates? of \d+ open appeals?:/);
      const row = page.locator('#moves tbody tr', { has: page.locator(`td:text-is("${number}")`) });
      assert.equal(await row.count(), 1, `the preview lists ${number}`);
      const [, before, after] = await row.locator('td').allTextContents();
      assert.match(before, /^\d\d\.\d\d\.\d{4}$/);
      assert.notEqual(before, after, 'the due date moves');
      assert.equal(await page.inputValue('#csv'), edited, 'the text stays in the editor');
      await rec.check(page, 'preview');

      r = await navigation(page, () => page.getByRole('button', { name: 'Save the calendar' }).click());
      assert.equal(r.status(), 200);
      const saved = (await page.locator('main [data-saved]').textContent()).trim();
      assert.match(saved, /^The calendar is saved\. The due dates? of \d+ open appeals? moved\.$/);
      await rec.check(page, 'saved');

      // Back to the calendar as it was, so later journeys count as before.
      const restored = await checkAndSave(page, rec, original, 'restore');
      assert.match(restored, /^The calendar is saved\./);
    });

    journey('m2', 'a bad calendar in Kazakh on a phone: every bad line named, nothing lost', async ({ page, rec, base, server }) => {
      await signInAdmin(page, rec, base, server);
      await page.setViewportSize({ width: 390, height: 844 });
      let r = await page.goto(`${base}/kk/admin/calendar`);
      assert.equal(r.status(), 200);
      await rec.check(page, 'calendar-kk-phone');
      const original = await page.inputValue('#csv');
      const lines = original.trimEnd().split('\n').length;
      const bad = `${original.trimEnd()}\n2027-02-30,false,transfer\n2027-03-20,false,transfer\n2027-03-23,false,holiday\n`;
      await page.fill('#csv', bad);
      r = await navigation(page, () => page.locator('#calendar-form button[type="submit"]').click());
      assert.equal(r.status(), 422);
      assert.match(await page.title(), /^Қате: /);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'errors', 'the error summary takes the focus');
      const items = (await page.locator('main .error-summary li').allTextContents()).map((t) => t.trim());
      assert.equal(items.length, 3, `three bad lines: ${items.join(' | ')}`);
      assert.match(items[0], new RegExp(`^${lines + 1}-жол: 2027-02-30 — күн емес`));
      assert.match(items[1], new RegExp(`^${lines + 2}-жол: 2027-03-20 — сенбі`));
      assert.match(items[2], new RegExp(`^${lines + 3}-жол: «holiday» себептердің арасында жоқ`));
      assert.equal(await page.inputValue('#csv'), bad, 'everything typed is kept');
      assert.equal(await page.getAttribute('#csv', 'aria-invalid'), 'true');
      await rec.check(page, 'errors-kk-phone');
      // The summary's link leads to the text.
      await page.locator('main .error-summary a').first().click();
      assert.equal(await page.evaluate(() => location.hash), '#csv');
      await page.setViewportSize({ width: 1280, height: 900 });
      await rec.check(page, 'errors-kk-desktop');
    });

    journey('m3', 'the users table is reachable and scrollable by keyboard', async ({ page, rec, base, server }) => {
      await signInAdmin(page, rec, base, server);
      for (const [width, height, size] of [
        [390, 844, 'phone'],
        [1280, 900, 'desktop'],
      ]) {
        await page.setViewportSize({ width, height });
        const r = await page.goto(`${base}/kk/admin/users`);
        assert.equal(r.status(), 200);
        await rec.check(page, `users-kk-${size}`);
        // Tab from the top until the table's region has the focus.
        let focused = null;
        for (let i = 0; i < 40 && !focused; i++) {
          await page.keyboard.press('Tab');
          focused = await page.evaluate(() => {
            const el = document.activeElement;
            return el?.matches('.scroll[role="region"]') ? document.getElementById(el.getAttribute('aria-labelledby'))?.textContent : null;
          });
        }
        assert.ok(focused, `${size}: the users table's region takes the focus`);
        assert.match(focused, /пайдаланушы/, `${size}: the region is named by the table's caption`);
        const wide = await page.evaluate(() => {
          const el = document.activeElement;
          return el.scrollWidth > el.clientWidth;
        });
        if (wide) {
          await page.keyboard.press('ArrowRight');
          await page.keyboard.press('ArrowRight');
          // The browser may scroll smoothly: wait for it.
          const moved = await page
            .waitForFunction(() => document.activeElement.scrollLeft > 0, null, { timeout: 3000 })
            .then(() => true, () => false);
          assert.ok(moved, `${size}: the arrow keys scroll the table`);
        }
        await rec.check(page, `users-kk-${size}-focused`);
      }
    });

    // ------------------------------------------------ the filing form (issue 11)

    /** A page in a context of its own: phone size, or without JavaScript. */
    const ownPage = async (options) => {
      const context = await browser.newContext({ locale: 'en-GB', reducedMotion: 'reduce', ...options });
      context.setDefaultTimeout(10_000);
      context.setDefaultNavigationTimeout(20_000);
      return context.newPage();
    };

    journey('n1', 'filing errors: the summary takes the focus and links each field', async ({ page, rec, base }) => {
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      // Page one sent with nothing chosen.
      r = await navigation(page, () => page.locator('main form button[value="details"]').click());
      assert.equal(r.status(), 422);
      assert.ok((await page.title()).startsWith('Error: '), `the title says it first: ${await page.title()}`);
      const active = () => page.evaluate(() => document.activeElement?.className ?? '');
      await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
      assert.equal(await active(), 'error-summary', 'the focus is on the error summary');
      const summary = page.locator('main .error-summary');
      assert.deepEqual(
        await summary.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent])),
        [
          ['#anonymous', 'Choose whether you write with your name or anonymously'],
          ['#kind', 'Choose the kind of appeal'],
        ],
      );
      for (const id of ['anonymous', 'kind']) {
        const group = page.locator(`#${id}`);
        assert.equal(await group.getAttribute('aria-invalid'), 'true');
        assert.equal(await group.getAttribute('aria-describedby'), `${id}-error`);
        assert.ok((await page.locator(`#${id}-error`).textContent()).includes('Choose'), `${id}'s own message`);
      }
      const box = await page.locator('#kind-complaint').boundingBox();
      assert.ok(box.width >= 24 && box.height >= 24, `radios at least 24 px: ${JSON.stringify(box)}`);
      await rec.check(page, 'errors-page-one');
      // Page two: Continue with nothing typed.
      await page.check('#anonymous-yes');
      await page.check('#kind-proposal');
      r = await navigation(page, () => page.locator('main form button[value="details"]').click());
      assert.equal(r.status(), 200);
      assert.equal(await page.locator('#name').count(), 0, 'no contact fields for an anonymous filing');
      r = await navigation(page, () => page.locator('main form button[value="check"]').click());
      assert.equal(r.status(), 422);
      await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
      const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(links, ['#territory', '#subject', '#text']);
      assert.equal(await page.getAttribute('#subject', 'aria-invalid'), 'true');
      assert.equal(await page.getAttribute('#subject', 'aria-describedby'), 'subject-error');
      await rec.check(page, 'errors-page-two');
      await summary.locator('a[href="#subject"]').click();
      assert.equal(await page.evaluate(() => location.hash), '#subject');
      await rec.check(page, 'summary-link-followed');
    });

    journey('n2', 'without JavaScript: two question pages, check your answers, receipt', async ({ open, rec, base }) => {
      const page = await ownPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
      // axe needs JavaScript: each page's HTML, as the no-JS browser got it,
      // is laid into a page of the same site that runs it (same styles).
      const mirror = await open();
      await mirror.goto(`${base}/en/`);
      const check = async (step) => {
        await mirror.setContent(await page.content(), { waitUntil: 'load' });
        await rec.check(mirror, step);
      };
      try {
        let r = await page.goto(`${base}/en/appeals/new`);
        assert.equal(r.status(), 200);
        assert.equal(await page.locator('#subject').count(), 0, 'page one asks only who and what');
        await check('nojs-page-one');
        await page.check('#anonymous-no');
        await page.check('#kind-complaint');
        r = await navigation(page, () => page.locator('main form button[value="details"]').click());
        assert.equal(r.status(), 200);
        assert.equal(r.headers()['set-cookie'], undefined, 'no cookie: the answers ride in the form');
        assert.equal(await page.locator('#name').count(), 1, 'a named filing asks the contact');
        await page.selectOption('#territory', ARAL);
        await page.fill('#subject', 'No street lights');
        const text = 'The street lights on Abai street have been off for a month.\nPlease repair them.';
        await page.fill('#text', text);
        await page.fill('#name', 'Dana Omarova');
        await page.fill('#phone', '+7 701 123 45 67');
        await check('nojs-page-two');
        r = await navigation(page, () => page.locator('main form button[value="check"]').click());
        assert.equal(r.status(), 200);
        assert.equal(await page.locator('main h1').textContent(), 'Check your answers before sending');
        const answers = await page.locator('main dl.answers').textContent();
        for (const shown of ['Complaint', 'No street lights', 'Dana Omarova', '+7 701 123 45 67', 'Aral audany']) {
          assert.ok(answers.includes(shown), `the check page shows ${shown}`);
        }
        await check('nojs-check');
        // Change the subject: page two, everything still there.
        r = await navigation(page, () => page.locator('main dl.answers button[formaction$="#subject"]').click());
        assert.equal(r.status(), 200);
        assert.equal(new URL(page.url()).hash, '#subject');
        assert.equal(await page.inputValue('#subject'), 'No street lights');
        assert.equal(await page.inputValue('#text'), text, 'line breaks and all');
        assert.equal(await page.inputValue('#name'), 'Dana Omarova');
        assert.equal(await page.inputValue('#territory'), ARAL);
        await page.fill('#subject', 'No street lights on Abai street');
        await check('nojs-changed');
        r = await sendAppeal(page);
        const { number, secret } = await expectReceipt(page, r);
        assert.ok(secret, 'a named filer gets the secret too');
        const how = await page.locator('main section.how').textContent();
        assert.ok(how.includes('Nothing is sent to you by e-mail or SMS'), how);
        await check('nojs-receipt');
        const facts = await track(mirror, rec, base, { number, secret });
        assert.equal(facts.Subject, 'No street lights on Abai street');
      } finally {
        await page.context().close();
      }
    });

    journey('n3', 'finding the place: a village by name, chosen when it is the only one', async ({ page, rec, base }) => {
      let r = await page.goto(`${base}/en/appeals/new`);
      await page.check('#anonymous-yes');
      await page.check('#kind-complaint');
      r = await navigation(page, () => page.locator('main form button[value="details"]').click());
      assert.equal(r.status(), 200);
      await page.fill('#subject', 'A broken bridge');
      await page.fill('#place_q', 'Aqqūlaq');
      await rec.check(page, 'place-typed');
      // Enter in the search field searches (no place chosen yet).
      r = await navigation(page, () => page.press('#place_q', 'Enter'));
      assert.equal(r.status(), 200);
      assert.equal(await page.inputValue('#territory'), '433233000', 'the village\'s rural district is chosen');
      const label = await page.locator('#territory option:checked').textContent();
      assert.equal(label, 'Aqqūlaq auyly (Amanötkel auyldyq okrugı, Aral audany)');
      assert.equal(await page.inputValue('#subject'), 'A broken bridge', 'what was typed stays');
      assert.ok((await page.locator('main .found').textContent()).includes('One place found, and chosen.'));
      await rec.check(page, 'place-found');
      // The Find button comes back to the place fieldset.
      await page.fill('#place_q', 'Aral');
      r = await navigation(page, () => page.locator('main form button[value="find"]').click());
      assert.equal(new URL(page.url()).hash, '#place');
      const options = await page.locator('#territory option').count();
      assert.ok(options > 2, `several places for "Aral": ${options - 1}`);
      assert.equal(await page.inputValue('#territory'), '', 'none chosen for the filer among several');
      await rec.check(page, 'places-found');
      await page.selectOption('#territory', ARAL);
      await page.fill('#text', 'The footbridge over the canal is broken.');
      r = await sendAppeal(page, rec, 'place-check');
      const { receipt } = await expectReceipt(page, r);
      await rec.check(page, 'place-receipt');
      assert.ok(receipt['Receiving body'], 'routed to a body');
    });

    journey('n4', 'in Kazakh on a phone: the whole filing', async ({ rec, base }) => {
      const page = await ownPage({ viewport: { width: 390, height: 844 }, locale: 'kk-KZ', isMobile: true, hasTouch: true });
      const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
      try {
        let r = await page.goto(`${base}/kk/appeals/new`);
        assert.equal(r.status(), 200);
        assert.ok(await fits(), 'no sideways scrolling');
        await rec.check(page, 'kk-phone-page-one');
        r = await navigation(page, () => page.locator('main form button[value="details"]').click());
        assert.equal(r.status(), 422);
        assert.ok((await page.title()).startsWith('Қате: '), await page.title());
        await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
        await rec.check(page, 'kk-phone-errors');
        await page.locator('label[for="anonymous-no"]').tap();
        await page.locator('label[for="kind-corruption_report"]').tap();
        assert.ok(await page.isChecked('#kind-corruption_report'), 'a tap on the label chooses');
        r = await navigation(page, () => page.locator('main form button[value="details"]').click());
        assert.equal(r.status(), 200);
        assert.ok(await fits(), 'page two fits');
        await page.fill('#place_q', 'Аманөткел');
        r = await navigation(page, () => page.locator('main form button[value="find"]').click());
        assert.equal(await page.inputValue('#territory'), '433233000');
        await rec.check(page, 'kk-phone-place');
        await page.fill('#subject', 'Пара');
        await page.fill('#text', 'Ауыл әкімдігінде анықтама үшін ақша сұрады.');
        await page.fill('#name', 'Дана Омарова');
        await page.fill('#phone', '+7 701 123 45 67');
        await rec.check(page, 'kk-phone-page-two');
        r = await navigation(page, () => page.locator('main form button[value="check"]').click());
        assert.equal(r.status(), 200);
        assert.equal(await page.locator('main h1').textContent(), 'Жібермес бұрын жауаптарыңызды тексеріңіз');
        assert.ok(await fits(), 'the check page fits');
        await rec.check(page, 'kk-phone-check');
        r = await navigation(page, () => submitButton(page).click());
        assert.equal(r.status(), 201);
        assert.ok(await fits(), 'the receipt fits');
        assert.ok((await page.locator('main section.how').textContent()).includes('SMS'), 'how the answer comes');
        await rec.check(page, 'kk-phone-receipt');
      } finally {
        await page.context().close();
      }
    });

    // ------------------------------------------------------ s: staff's day

    /** Files an appeal to the demo officer's institution through the API; its number. */
    const fileForOfficer = async (base, subject, text) => {
      const list = await (await fetch(`${base}/api/v1/institutions?territory=${ARAL}`)).json();
      const inst = list.institutions.find((i) => i.name_en === OFFICERS_INSTITUTION);
      assert.ok(inst, `the demo institution is listed: ${JSON.stringify(list).slice(0, 300)}`);
      const r = await fetch(`${base}/api/v1/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'complaint', territory: ARAL, institution: inst.id, subject, text, language: 'ru', anonymous: true }),
      });
      assert.equal(r.status, 201, await r.clone().text());
      return (await r.json()).number;
    };

    /** Signs in on the form of `lang` directly; returns the response it lands on. */
    const signInAt = async (staff, base, lang, account) => {
      let r = await staff.goto(`${base}/${lang}/sign-in`);
      assert.equal(r.status(), 200);
      await staff.fill('#email', account.email);
      await staff.fill('#password', account.password);
      r = await navigation(staff, () => submitButton(staff).click());
      assert.ok(r.status() < 400, `signing in answers ${r.status()} at ${staff.url()}`);
      return r;
    };

    /** The numbers of the inbox's rows, in order. */
    const inboxNumbers = (staff) =>
      staff.locator('main table.inbox tbody td.number a').evaluateAll((links) => links.map((a) => a.textContent.trim()));

    journey('s1', "an officer's day: the inbox first, answer, confirmation, next appeal", async ({ page, rec, base, server }) => {
      const stamp = `${backend.name} ${Date.now()}`;
      await fileForOfficer(base, `Street lights off, ${stamp}`, 'Көшедегі шамдар жанбайды.');
      await fileForOfficer(base, `Bus stop shelter broken, ${stamp}`, 'Аялдама қалқаны сынған.');
      const officer = server.accounts.officer;
      await signIn(page, rec, base, officer, 'officer');
      // Signing in lands on the inbox, not on a page with nothing to do.
      assert.equal(new URL(page.url()).pathname, '/en/staff/appeals');
      assert.equal(await page.locator('main h1').textContent(), 'Appeals inbox');
      const total = (await page.locator('#inbox-total').textContent()).trim();
      assert.match(total, /^\d+ appeals? match(es)?\. Sorted by due date, soonest first\.$/, total);
      const count = Number(total.split(' ')[0]);
      const numbers = await inboxNumbers(page);
      assert.equal(numbers.length, Math.min(count, 50), `the count (${count}) says how many rows there are`);
      assert.ok(numbers.length >= 2);
      // The columns a day's work needs, and the due dates in order.
      const headers = await page.locator('main table.inbox thead th').allTextContents();
      for (const h of ['Answer due by', 'Working days left', 'Kind', 'Territory']) assert.ok(headers.includes(h), `${h} in ${headers}`);
      const dues = await page.locator('main table.inbox tbody td.due').evaluateAll((cells) =>
        cells.map((c) => c.textContent.trim().slice(0, 10).split('.').reverse().join('-')),
      );
      assert.deepEqual([...dues].sort(), dues, 'soonest due first');
      const tallies = await page.locator('main ul.tallies a').allTextContents();
      assert.equal(tallies.length, 3, `${tallies}`);
      await rec.check(page, 'landed-on-inbox');

      // The first appeal: heading with number and subject, the answer form first.
      let r = await navigation(page, () => page.locator('main table.inbox tbody td.number a').first().click());
      assert.equal(r.status(), 200);
      const first = numbers[0];
      assert.equal(new URL(page.url()).pathname, `/en/staff/appeals/${first}`);
      assert.ok((await page.locator('main h1').textContent()).startsWith(`Appeal ${first}: `));
      assert.equal(await page.locator('#clarify-section').getAttribute('open'), null, 'clarify is folded');
      assert.equal(await page.locator('#forward-section').getAttribute('open'), null, 'forward is folded');
      await rec.check(page, 'first-appeal');
      const answer = `The lights were repaired today (${stamp}).`;
      await page.fill('#answer', answer);
      r = await navigation(page, () => page.getByRole('button', { name: 'Send the answer' }).click());
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, `/en/staff/appeals/${first}`);
      const banner = page.locator('main .notice.confirmation');
      assert.equal((await banner.locator('strong').textContent()).trim(), `The answer to appeal ${first} was sent; the applicant is told.`);
      const next = banner.getByRole('link', { name: /^Next appeal:/ });
      assert.equal((await next.textContent()).trim(), `Next appeal: ${numbers[1]}`, 'the next one in the inbox order');
      await rec.check(page, 'answered-confirmed');
      // Shown once: a reload does not say it again.
      r = await page.reload({ waitUntil: 'load' });
      assert.equal(await page.locator('main .notice.confirmation').count(), 0, 'the confirmation is shown once');
      r = await navigation(page, () => page.locator('main').getByRole('link', { name: `Next appeal: ${numbers[1]}` }).first().click());
      assert.equal(new URL(page.url()).pathname, `/en/staff/appeals/${numbers[1]}`);
      await rec.check(page, 'next-appeal');
    });

    journey('s2', 'the inbox on a phone, in Kazakh: due dates without sideways scrolling', async ({ rec, base, server }) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'kk-KZ', reducedMotion: 'reduce', isMobile: true, hasTouch: true });
      context.setDefaultTimeout(10_000);
      try {
        const phone = await context.newPage();
        await fileForOfficer(base, `Су құбыры, ${backend.name} ${Date.now()}`, 'Көшеде үш күн су жоқ.');
        await signInAt(phone, base, 'kk', server.accounts.officer);
        assert.equal(new URL(phone.url()).pathname, '/kk/staff/appeals', 'lands on the inbox, in Kazakh');
        assert.equal(await phone.locator('main h1').textContent(), 'Келіп түскен өтініштер');
        assert.match((await phone.locator('#inbox-total').textContent()).trim(), /^Табылған өтініштер: \d+\. Жауап беру мерзімі бойынша, ең жақыны жоғарыда\.$/);
        const widths = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        assert.ok(widths.scroll <= widths.inner, `no sideways scrolling: ${JSON.stringify(widths)}`);
        const due = phone.locator('main table.inbox tbody td.due').first();
        const box = await due.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= widths.inner, `the first due date is on screen: ${JSON.stringify(box)}`);
        assert.match((await due.textContent()).trim(), /^\d\d\.\d\d\.\d{4}/);
        const label = await due.evaluate((td) => getComputedStyle(td, '::before').content);
        assert.equal(label, '"Жауап беру мерзімі"', 'each card names its fields');
        await rec.check(phone, 'phone-inbox-kk');

        // The appeal's page at phone size, in Kazakh; a note is confirmed in Kazakh.
        let r = await navigation(phone, () => phone.locator('main table.inbox tbody td.number a').first().click());
        assert.equal(r.status(), 200);
        const number = new URL(phone.url()).pathname.split('/').pop();
        const w = await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
        assert.ok(w, 'the appeal page does not scroll sideways either');
        await rec.check(phone, 'phone-appeal-kk');
        await phone.fill('#note', 'Ауылдық округке хабарластым.');
        r = await navigation(phone, () => phone.locator('#note-section button[type="submit"]').click());
        assert.equal(r.status(), 200);
        const text = (await phone.locator('main .notice.confirmation strong').textContent()).trim();
        assert.equal(text, `${number} өтінішіне ішкі жазба қосылды.`);
        await rec.check(phone, 'phone-note-confirmed-kk');
      } finally {
        await within(10_000, 'closing the phone', context.close()).catch(() => {});
      }
    });

    journey('s3', 'a template never replaces the typed draft, with and without JavaScript', async ({ page, rec, base, server }) => {
      const stamp = `${backend.name} ${Date.now()}`;
      // The head keeps a template for the institution.
      const head = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      const noJs = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', javaScriptEnabled: false });
      try {
        const h = await head.newPage();
        await signInAt(h, base, 'en', server.accounts.head);
        let r = await h.goto(`${base}/en/staff/templates`);
        assert.equal(r.status(), 200);
        const title = `Repair planned ${stamp}`;
        const template = 'Dear applicant, the repair is planned for next week.';
        await h.selectOption('#t-language', 'ru');
        await h.fill('#t-title', title);
        await h.fill('#t-body', template);
        r = await navigation(h, () => h.locator('main form').last().locator('button[type="submit"]').click());
        assert.equal(r.status(), 200);

        await fileForOfficer(base, `Road holes, ${stamp}`, 'Жолда шұңқырлар бар.');
        await signInAt(page, base, 'en', server.accounts.officer);
        const number = (await inboxNumbers(page))[0];
        r = await page.goto(`${base}/en/staff/appeals/${number}`);
        assert.equal(r.status(), 200);
        // With JavaScript: inserted at the cursor, the draft kept around it.
        await page.fill('#answer', 'First line.\nLast line.');
        await page.locator('#answer').evaluate((a) => a.setSelectionRange('First line.\n'.length, 'First line.\n'.length));
        await page.selectOption('#template', { label: title });
        const url = page.url();
        await page.getByRole('button', { name: 'Insert the template' }).click();
        assert.equal(page.url(), url, 'no round trip with JavaScript');
        assert.equal(await page.inputValue('#answer'), `First line.\n${template}\nLast line.`);
        assert.equal((await page.locator('#template-status').textContent()).trim(), 'The template was inserted into the answer.');
        await rec.check(page, 'template-inserted-js');

        // Without JavaScript: the draft is posted and comes back with the template after it.
        const p = await noJs.newPage();
        await signInAt(p, base, 'en', server.accounts.officer);
        r = await p.goto(`${base}/en/staff/appeals/${number}`);
        await p.fill('#answer', 'My own words first.');
        await p.selectOption('#template', { label: title });
        r = await navigation(p, () => p.getByRole('button', { name: 'Insert the template' }).click());
        assert.equal(r.status(), 200);
        assert.equal(await p.inputValue('#answer'), `My own words first.\n\n${template}`);
        assert.equal(await p.locator('main .error-summary').count(), 0);
        // axe itself needs JavaScript: photograph this page, and check the
        // same server-rendered answer (the form posted with its "insert"
        // button) in the page that runs scripts.
        await p.screenshot({ path: new URL(`./screenshots/${backend.name}/s3-template-inserted-no-js.png`, import.meta.url).pathname, fullPage: true });
        await page.fill('#answer', 'My own words first.');
        r = await navigation(page, () =>
          page.locator('main form[enctype="multipart/form-data"]').evaluate((f) => f.requestSubmit(f.querySelector('button[name="insert"]'))),
        );
        assert.equal(await page.inputValue('#answer'), `My own words first.\n\n${template}`);
        await rec.check(page, 'template-inserted-round-trip');
      } finally {
        await within(10_000, 'closing contexts', Promise.all([head.close(), noJs.close()])).catch(() => {});
      }
    });

    journey('o', 'the administrator sees the notices waiting, on a phone in Kazakh', async ({ page, rec, base, server }) => {
      // A named applicant with an e-mail address: a notice to send. This
      // server has no SMTP set up, so it waits, and the page says why.
      const filed = await fetch(`${base}/api/v1/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'complaint', territory: ARAL, subject: 'Жол', text: 'Жол жөнделмеген.', language: 'kk', anonymous: false,
          contact: { name: 'Айгүл Сейітова', email: 'aigul@example.kz' },
        }),
      });
      assert.equal(filed.status, 201, await filed.text());
      await signIn(page, rec, base, server.accounts.administrator, 'admin');
      let r = await navigation(page, () => page.locator('header').getByRole('link', { name: 'Workspace' }).click());
      assert.equal(r.status(), 200);
      r = await navigation(page, () => page.locator('main').getByRole('link', { name: 'Notices' }).click());
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/en/admin/notices');
      await rec.check(page, 'notices-en');
      await page.setViewportSize({ width: 390, height: 844 });
      r = await page.goto(`${base}/kk/admin/notices`);
      assert.equal(r.status(), 200);
      assert.ok(Number(await page.locator('[data-queued]').innerText()) >= 1, 'the notice waits in the queue');
      assert.match(await page.locator('[data-channel="email"]').innerText(), /Бапталмаған/);
      await rec.check(page, 'notices-kk-phone');
    });

    journey('o2', "an officer's notice settings in Kazakh on a phone; the administrator reads every notice's text", async ({ page, open, rec, base, server }) => {
      await signIn(page, rec, base, server.accounts.officer, 'officer');
      await page.setViewportSize({ width: 390, height: 844 });
      let r = await page.goto(`${base}/kk/account`);
      assert.equal(r.status(), 200);
      r = await navigation(page, () => page.locator('main').getByRole('link', { name: 'Хабарлама баптаулары' }).click());
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/kk/account/notices');
      // This server sends nothing (no SMTP, no SMS gateway): the page says so, and lists the legal notices.
      assert.match(await page.locator('main').innerText(), /Бұл сервер қазір электрондық пошта арқылы да, SMS арқылы да ештеңе жібермейді/);
      assert.ok((await page.locator('main ul li').count()) >= 5, 'the notices the law requires are listed');
      await noSidewaysScroll(page);
      await rec.check(page, 'preferences-kk-phone');
      // A bad phone: the summary takes the focus, the field says why, the choice of language is kept.
      await page.selectOption('#language', 'ru');
      await page.fill('#phone', '12345');
      r = await navigation(page, () => submitButton(page).click());
      assert.equal(r.status(), 422);
      assert.equal((await focused(page)).name, '#errors');
      assert.match(await page.locator('#phone-error').innerText(), /Қазақстан телефон нөмірін енгізіңіз/);
      assert.equal(await page.inputValue('#phone'), '12345', 'nothing typed is lost');
      assert.equal(await page.inputValue('#language'), 'ru');
      await rec.check(page, 'preferences-error-kk');
      await page.fill('#phone', '8 (701) 123-45-67');
      r = await navigation(page, () => submitButton(page).click());
      assert.ok(r.status() < 400, `saving answers ${r.status()}`);
      assert.match(await page.locator('main').innerText(), /Хабарлама баптаулары сақталды/);
      assert.equal(await page.inputValue('#language'), 'ru', 'the notice language is saved');
      await rec.check(page, 'preferences-saved-kk');

      const admin = await open();
      await signIn(admin, rec, base, server.accounts.administrator, 'admin');
      await admin.setViewportSize({ width: 390, height: 844 });
      r = await admin.goto(`${base}/kk/admin/notices`);
      assert.equal(r.status(), 200);
      r = await navigation(admin, () => admin.locator('[data-preview-link]').click());
      assert.equal(r.status(), 200);
      r = await navigation(admin, () => admin.locator('main').getByRole('link', { name: 'Таңғы шолу' }).click());
      assert.equal(r.status(), 200);
      const sms = await admin.locator('[data-sms]').innerText();
      assert.ok(sms.length > 10 && sms.length <= 70, `the digest's SMS fits one message: ${sms}`);
      assert.match(await admin.locator('[data-text]').innerText(), /-000123/);
      await noSidewaysScroll(admin);
      await rec.check(admin, 'notice-preview-digest-kk-phone');
    });

    // ------------------------------------------------------ r: receptions

    /** A phone in Kazakh: its own context (no cookies shared), JavaScript on or off. */
    const kkPhone = async ({ javaScriptEnabled = true } = {}) => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'kk-KZ',
        reducedMotion: 'reduce',
        isMobile: true,
        hasTouch: true,
        javaScriptEnabled,
      });
      context.setDefaultTimeout(10_000);
      context.setDefaultNavigationTimeout(20_000);
      return context.newPage();
    };

    /** Latin words a Kazakh reader would meet in <main> (outside data-verbatim, codes and addresses). */
    const latinWords = (page) =>
      page.evaluate(() => {
        const found = [];
        const allowed = new Set(['QR', 'SMS', 'PDF', 'iCal', 'Atom', 'URL', 'WebP']); // names of things, not English
        const main = document.querySelector('main');
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest('[data-verbatim], .code, script, style, textarea, #manage-link, svg')) continue;
          for (const w of n.data.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? []) {
            // Codes (booking codes, QR) are capitals: not words of a language.
            if (!allowed.has(w) && !/^(https?|www)$/.test(w) && !/^[A-Z0-9-]+$/.test(w)) found.push(`${w} in <${el.tagName.toLowerCase()}>`);
          }
        }
        for (const el of main.querySelectorAll('input[type="submit"], button, [aria-label], [title]')) {
          for (const v of [el.getAttribute('aria-label'), el.getAttribute('title')]) {
            for (const w of (v ?? '').match(/[A-Za-z]{3,}/g) ?? []) found.push(`${w} in an attribute of <${el.tagName.toLowerCase()}>`);
          }
        }
        return found;
      });

    /** Kazakh only, no sideways scrolling, then the screenshot and axe. */
    const kkStep = async (page, rec, step) => {
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'kk', `<html lang="kk"> on ${step}`);
      assert.deepEqual(await latinWords(page), [], `no English words on the Kazakh page (${step}, ${page.url()})`);
      await noSidewaysScroll(page);
      await rec.check(page, step);
    };

    /** Open receptions of the demo coordinator's district (Aral) with at least `seats` seats left, soonest first. */
    const openReceptions = async (base, seats = 1) => {
      const r = await fetch(`${base}/api/v1/receptions?territory=${ARAL}`);
      assert.equal(r.status, 200);
      const { receptions } = await r.json();
      const open = receptions.filter((x) => x.status === 'open' && x.seats_left >= seats);
      assert.ok(open.length >= 2, `the demo has open receptions in Aral: ${JSON.stringify(receptions).slice(0, 600)}`);
      return open;
    };

    /** A phone number no other journey uses (one seat per person and reception). */
    let phones = 0;
    const newPhone = () => `+7 701 ${String(Date.now() % 1000).padStart(3, '0')} ${String(10 + (++phones % 90))} ${String(10 + Math.floor(Math.random() * 90))}`;

    /** Books through the page `/kk/receptions/{id}/book`; returns { code, manage, response }. */
    const bookOnPage = async (page, rec, base, id, person, step) => {
      let r = await page.goto(`${base}/kk/receptions/${id}`);
      assert.equal(r.status(), 200);
      if (step) await kkStep(page, rec, `${step}-reception`);
      r = await navigation(page, () => page.locator('main p.start a.button').click());
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, `/kk/receptions/${id}/book`);
      assert.equal(await page.locator('main h1').textContent(), 'Қабылдауға жазылу');
      await page.fill('#name', person.name);
      await page.fill('#phone', person.phone);
      await page.fill('#topic', person.topic);
      if (step) await kkStep(page, rec, `${step}-book-form`);
      r = await navigation(page, () => submitButton(page).click());
      assert.ok(r.status() < 300, `booking answers ${r.status()}`);
      const code = (await page.locator('main .code').first().textContent()).trim();
      const manage = await page.locator('#manage-link').getAttribute('href');
      return { code, manage: new URL(manage, page.url()).toString(), response: r };
    };

    journey('r1', 'reception: book on a phone in Kazakh, check in, received, taken as an appeal, tracked', async ({ rec, base, server }) => {
      const [reception] = await openReceptions(base, 1);
      const id = reception.id;
      const phone = await kkPhone();
      let code;
      try {
        const person = { name: 'Айгүл Сәрсенова', phone: newPhone(), topic: 'Көше жарығы' };
        const booked = await bookOnPage(phone, rec, base, id, person, 'r1');
        code = booked.code;
        assert.equal(await phone.locator('main h1').textContent(), 'Сіз қабылдауға жазылдыңыз');
        assert.match(code, /^[A-Z0-9-]{4,}$/, `a short booking code: ${code}`);
        assert.ok(new URL(booked.manage).searchParams.get('t').length >= 16, 'the manage link carries a long token');
        const scanned = await decodeQr(phone.locator('#check-in-qr svg'));
        assert.equal(scanned, `${base}/kk/staff/receptions/${id}/check-in?code=${code}`, 'the QR holds the check-in address');
        await kkStep(phone, rec, 'r1-booked');
        const r = await phone.goto(booked.manage);
        assert.equal(r.status(), 200);
        assert.equal((await phone.locator('#booking-state').textContent()).trim(), 'Жазылдыңыз');
        await kkStep(phone, rec, 'r1-manage');
      } finally {
        await phone.context().close();
      }

      const staff = await kkPhone();
      try {
        await signInAt(staff, base, 'kk', server.accounts.coordinator);
        // What the QR opens: the person found by the code, one button to check them in.
        let r = await staff.goto(`${base}/kk/staff/receptions/${id}/check-in?code=${code}`);
        assert.equal(r.status(), 200);
        assert.equal(await staff.locator('main h1').textContent(), 'Жазылған адамның келгенін белгілеу');
        assert.equal((await staff.locator('#code').textContent()).trim(), code);
        assert.ok((await staff.locator('main dl').textContent()).includes('Айгүл Сәрсенова'));
        await kkStep(staff, rec, 'r1-check-in');
        r = await navigation(staff, () => staff.locator('main form button[type="submit"]').click());
        assert.equal(r.status(), 200);
        assert.equal(new URL(staff.url()).pathname, `/kk/staff/receptions/${id}/day`);
        assert.equal(await staff.locator('main h1').textContent(), 'Қабылдау күні');
        const row = staff.locator('main ol.queue > li', { hasText: code });
        assert.equal(await row.count(), 1, 'the queue lists the booking');
        assert.match(await row.textContent(), /Күйі: келді/, 'checked in');
        await kkStep(staff, rec, 'r1-day-checked-in');
        r = await navigation(staff, () => row.locator('form[action$="/day/received"] button').click());
        assert.equal(r.status(), 200);
        const received = staff.locator('main ol.queue > li', { hasText: code });
        assert.match(await received.textContent(), /Күйі: қабылданды/, 'received');
        await kkStep(staff, rec, 'r1-day-received');
        // The record: the question taken as an appeal.
        r = await navigation(staff, () => received.locator('a[href*="/questions?booking="]').click());
        assert.equal(r.status(), 200);
        assert.match(new URL(staff.url()).search, /^\?booking=\d+$/);
        assert.equal(await staff.locator('main h1').textContent(), 'Сұрақты жазу');
        await kkStep(staff, rec, 'r1-question');
        const question = 'Абай көшесінде үш айдан бері көше жарығы жанбайды';
        await staff.fill('#text', question);
        await staff.locator('label[for="outcome-appeal"]').tap();
        await staff.selectOption('#kind', 'complaint');
        r = await navigation(staff, () => submitButton(staff).click());
        assert.equal(r.status(), 201, `the receipt comes with 201 (got ${r.status()} at ${staff.url()})`);
        const receipt = await readReceipt(staff);
        const number = receipt['Талон нөмірі'];
        assert.match(number ?? '', NUMBER, `a receipt number: ${JSON.stringify(receipt)}`);
        const secret = receipt['Құпия код'];
        assert.ok((secret ?? '').length >= 8, `a secret on the receipt: ${JSON.stringify(receipt)}`);
        await kkStep(staff, rec, 'r1-receipt');
        // Printable: the print style keeps the number and hides the header.
        await staff.emulateMedia({ media: 'print' });
        assert.ok(await staff.locator('main dl.receipt').isVisible(), 'the receipt prints');
        await staff.emulateMedia({ media: 'screen' });

        // The number tracks with the secret (the citizen's phone, signed out).
        const citizen = await kkPhone();
        try {
          r = await citizen.goto(`${base}/kk/track`);
          assert.equal(r.status(), 200);
          await citizen.fill('#number', number);
          await citizen.fill('#secret', secret);
          r = await navigation(citizen, () => submitButton(citizen).click());
          assert.equal(r.status(), 200, `tracking answers ${r.status()}`);
          assert.equal((await readFacts(citizen))['Талон нөмірі'], number);
          assert.ok((await citizen.locator('main').textContent()).includes(question), 'the question is the appeal');
          await kkStep(citizen, rec, 'r1-tracked');
        } finally {
          await citizen.context().close();
        }
      } finally {
        await staff.context().close();
      }
    });

    /** Books through the API until `left` seats are left; the reception's seats_left then. */
    const fillUntil = async (base, id, left) => {
      const seatsLeft = async () => (await openReceptionsAll(base)).find((x) => x.id === id)?.seats_left;
      let n = await seatsLeft();
      for (let i = 0; n > left && i < 100; i++, n--) {
        const r = await fetch(`${base}/api/v1/receptions/${id}/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Демо тұрғын ${i}`, phone: newPhone(), topic: 'Су' }),
        });
        assert.equal(r.status, 201, await r.clone().text());
      }
      return seatsLeft();
    };
    const openReceptionsAll = async (base) => (await (await fetch(`${base}/api/v1/receptions?territory=${ARAL}`)).json()).receptions;

    journey('r2', 'reception: one seat left, A books, B waits; A cancels by the manage link, B is booked', async ({ rec, base }) => {
      const id = (await openReceptions(base, 1))[1].id;
      assert.equal(await fillUntil(base, id, 1), 1, 'one seat left');
      const a = await kkPhone();
      const b = await kkPhone();
      try {
        const first = await bookOnPage(a, rec, base, id, { name: 'Ерлан Досов', phone: newPhone(), topic: 'Жер учаскесі' }, 'r2-a');
        assert.equal(await a.locator('main h1').textContent(), 'Сіз қабылдауға жазылдыңыз');
        await kkStep(a, rec, 'r2-a-booked');
        const second = await bookOnPage(b, rec, base, id, { name: 'Гүлнар Әлиева', phone: newPhone(), topic: 'Балабақша' });
        assert.equal(await b.locator('main h1').textContent(), 'Сіз күту тізіміне жазылдыңыз');
        assert.equal(await b.locator('#check-in-qr').count(), 0, 'no check-in code while waiting');
        await kkStep(b, rec, 'r2-b-waitlisted');
        let r = await b.goto(second.manage);
        assert.equal(r.status(), 200);
        assert.equal((await b.locator('#booking-state').textContent()).trim(), 'Күту тізіміндесіз');
        await kkStep(b, rec, 'r2-b-manage-waiting');

        r = await a.goto(first.manage);
        assert.equal(r.status(), 200);
        assert.equal((await a.locator('#booking-state').textContent()).trim(), 'Жазылдыңыз');
        await kkStep(a, rec, 'r2-a-manage');
        r = await navigation(a, () => a.locator('main form:has(input[name="action"][value="cancel"]) button').click());
        assert.equal(r.status(), 200);
        assert.match(await a.locator('#done').textContent(), /Жазылудан бас тарттыңыз/);
        assert.equal((await a.locator('#booking-state').textContent()).trim(), 'Жазылудан бас тартылды');
        assert.equal(await a.locator('input[name="action"][value="cancel"]').count(), 0, 'nothing left to cancel');
        await kkStep(a, rec, 'r2-a-cancelled');

        r = await b.goto(second.manage);
        assert.equal(r.status(), 200);
        assert.equal((await b.locator('#booking-state').textContent()).trim(), 'Жазылдыңыз', 'B was promoted');
        assert.equal(await b.locator('#check-in-qr').count(), 1, 'now with a check-in code');
        await kkStep(b, rec, 'r2-b-promoted');
      } finally {
        await a.context().close();
        await b.context().close();
      }
    });

    /** A Tuesday `weeks` weeks after today, as YYYY-MM-DD. */
    const tuesdayIn = (weeks) => {
      const d = new Date();
      d.setUTCDate(d.getUTCDate() + 7 * weeks + ((2 - d.getUTCDay() + 7) % 7));
      return isoDate(d);
    };

    journey('r4', 'reception: a coordinator plans one (an error first, nothing lost), it is public, then postponed', async ({ rec, base, server }) => {
      const staff = await kkPhone();
      try {
        await signInAt(staff, base, 'kk', server.accounts.coordinator);
        let r = await staff.goto(`${base}/kk/staff/receptions`);
        assert.equal(r.status(), 200);
        await kkStep(staff, rec, 'r4-list');
        r = await navigation(staff, () => staff.locator(`main a[href="/kk/staff/receptions/new"]`).click());
        assert.equal(r.status(), 200);
        await kkStep(staff, rec, 'r4-new');
        const territory = await staff.locator('#territory option:not([value=""])').first().getAttribute('value');
        const host = `Демо әкім ${Date.now() % 100000}`;
        const date = tuesdayIn(3);
        await staff.selectOption('#territory', territory);
        await staff.fill('#date', date);
        await staff.fill('#start', '10:00');
        await staff.fill('#end', '09:00');
        await staff.selectOption('#host', 'new');
        await staff.fill('#host_name', host);
        await staff.fill('#host_position', 'Ауылдық округ әкімі');
        await staff.fill('#host_institution', 'Ауылдық округ әкімінің аппараты');
        await staff.check('#mode-place');
        await staff.fill('#address', 'Бейбітшілік көшесі, 5, мәдениет үйі');
        await staff.fill('#topics', 'Жол, су');
        r = await navigation(staff, () => submitButton(staff).click());
        assert.equal(r.status(), 422, 'the end before the start is refused');
        assert.ok(await staff.locator('main .error-summary a[href="#end"]').count(), 'the summary links the end field');
        assert.ok(await staff.locator('#end-error').count(), 'the error beside the field');
        assert.equal(await staff.inputValue('#host_name'), host, 'nothing typed is lost');
        assert.equal(await staff.inputValue('#address'), 'Бейбітшілік көшесі, 5, мәдениет үйі');
        assert.equal(await staff.inputValue('#date'), date);
        assert.equal(await staff.inputValue('#territory'), territory);
        assert.equal(await staff.inputValue('#host'), 'new');
        await kkStep(staff, rec, 'r4-error');
        await staff.fill('#end', '12:00');
        r = await navigation(staff, () => submitButton(staff).click());
        assert.equal(r.status(), 200);
        assert.equal(new URL(staff.url()).pathname, '/kk/staff/receptions');
        assert.equal(await staff.locator('main .notice.confirmation').count(), 1, 'a confirmation');
        const row = staff.locator('main tr[id^="reception-"]', { hasText: host });
        assert.equal(await row.count(), 1, 'the new reception is listed');
        const id = Number((await row.getAttribute('id')).replace('reception-', ''));
        await kkStep(staff, rec, 'r4-planned');

        // Public: in the list of its place and on its own page.
        const list = await (await fetch(`${base}/api/v1/receptions?territory=${territory}`)).json();
        assert.ok(list.receptions.some((x) => x.id === id), 'the API lists it');
        r = await staff.goto(`${base}/kk/receptions?rural=${territory}&from=${date}&to=${date}`);
        assert.equal(r.status(), 200);
        const link = staff.locator(`main a[href="/kk/receptions/${id}"]`);
        assert.equal(await link.count(), 1, 'the public list links it');
        await kkStep(staff, rec, 'r4-public-list');
        r = await navigation(staff, () => link.click());
        assert.equal(r.status(), 200);
        assert.ok((await staff.locator('main').textContent()).includes(host));
        await kkStep(staff, rec, 'r4-public-page');

        // Postponed a week, with a reason.
        r = await staff.goto(`${base}/kk/staff/receptions`);
        r = await navigation(staff, () => staff.locator(`#reception-${id} a[href$="/${id}/postpone"]`).click());
        assert.equal(r.status(), 200);
        await kkStep(staff, rec, 'r4-postpone');
        await staff.fill('#date', tuesdayIn(4));
        await staff.fill('#start', '15:00');
        await staff.fill('#reason', 'Әкім облыстық кеңеске шақырылды');
        r = await navigation(staff, () => submitButton(staff).click());
        assert.equal(r.status(), 200);
        assert.equal(new URL(staff.url()).pathname, '/kk/staff/receptions');
        await kkStep(staff, rec, 'r4-postponed');
        r = await staff.goto(`${base}/kk/receptions/${id}`);
        assert.equal(r.status(), 200);
        const shown = await staff.locator('main').textContent();
        assert.match(shown, /Әкім облыстық кеңеске шақырылды/, 'the reason is public');
        assert.ok(shown.includes(`${shownDate(new Date(tuesdayIn(4)))}, 15:00`), 'at the new time');
        await kkStep(staff, rec, 'r4-public-postponed');
      } finally {
        await staff.context().close();
      }
    });

    /** Presses Tab until `selector` has the focus (as a keyboard user would walk to it). */
    const tabTo = async (page, selector, most = 80) => {
      for (let i = 0; i < most; i++) {
        await page.keyboard.press('Tab');
        if (await page.locator(`${selector}:focus`).count()) return;
      }
      assert.fail(`Tab never reaches ${selector} on ${page.url()}`);
    };

    journey('r3', 'reception without JavaScript and by keyboard only: book, then cancel by the manage link', async ({ rec, base }) => {
      const id = (await openReceptions(base, 1))[2].id;
      const page = await kkPhone({ javaScriptEnabled: false });
      // axe needs JavaScript: each page's HTML, as the no-JS browser got it, is checked in a page that runs it.
      const mirror = await kkPhone();
      await mirror.goto(`${base}/kk/`);
      const check = async (step) => {
        await mirror.setContent(await page.content(), { waitUntil: 'load' });
        await kkStep(mirror, rec, step);
      };
      try {
        let r = await page.goto(`${base}/kk/receptions/${id}`);
        assert.equal(r.status(), 200);
        await check('r3-reception');
        await tabTo(page, 'main p.start a.button');
        r = await navigation(page, () => page.keyboard.press('Enter'));
        assert.equal(r.status(), 200);
        assert.equal(new URL(page.url()).pathname, `/kk/receptions/${id}/book`);
        await tabTo(page, '#name');
        await page.keyboard.type('Бақыт Жұмабаев');
        await page.keyboard.press('Tab');
        assert.equal(await page.locator('#phone:focus').count(), 1, 'Tab goes from the name to the phone');
        await page.keyboard.type(newPhone());
        await tabTo(page, '#topic', 3);
        await page.keyboard.type('Ауыз су');
        // The priority: Tab into the group, an arrow key to the next choice, back to "none" with another.
        await page.keyboard.press('Tab');
        assert.equal(await page.locator('input[name="priority"]:focus').count(), 1, 'then the priority');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowUp');
        assert.equal(await page.locator('input[name="priority"][value=""]:checked').count(), 1, 'no priority chosen in the end');
        await check('r3-book-typed');
        await tabTo(page, 'main form button[type="submit"]', 5);
        r = await navigation(page, () => page.keyboard.press('Space'));
        assert.ok(r.status() < 300, `booking answers ${r.status()}`);
        assert.equal(await page.locator('main h1').textContent(), 'Сіз қабылдауға жазылдыңыз');
        const code = (await page.locator('#booking-code').textContent()).trim();
        assert.ok(code.length >= 4);
        await check('r3-booked');
        await tabTo(page, '#manage-link');
        r = await navigation(page, () => page.keyboard.press('Enter'));
        assert.equal(r.status(), 200);
        assert.equal((await page.locator('#booking-state').textContent()).trim(), 'Жазылдыңыз');
        await check('r3-manage');
        await tabTo(page, 'main form:has(input[name="action"][value="cancel"]) button');
        r = await navigation(page, () => page.keyboard.press('Enter'));
        assert.equal(r.status(), 200);
        assert.equal((await page.locator('#booking-state').textContent()).trim(), 'Жазылудан бас тартылды');
        await check('r3-cancelled');
      } finally {
        await page.context().close();
        await mirror.context().close();
      }
    });
  });
}
