#!/usr/bin/env node
// Live-reload check of `lifecycle serve` in headless Chromium.
//
// Usage: node reload_check.js URL STEP [STEP...]
//   (run with the node that has tests/tools/node_modules beside this file)
//
// Loads URL in Debian's Chromium through playwright-core (executablePath from env
// LIFECYCLE_CHROMIUM, default /usr/bin/chromium; the launch flags of axe_check.js; a
// browser.newContext(); requests to hosts other than loopback are aborted), prints
// `ready` on stdout, then waits for each STEP in turn and prints `ok N STEP` when it
// holds. The caller makes the edit a step expects after reading `ready` or the previous
// `ok` line. Steps:
//   reload=TEXT    the page reloads by itself (a new document, not the one loaded before)
//                  and then shows TEXT, with no error overlay
//   overlay=TEXT   without a reload, the error overlay (#lifecycle-error-overlay, role
//                  alert) appears and its text contains TEXT
// Each step waits at most RELOAD_CHECK_TIMEOUT_MS (default 10000) milliseconds.
//
// Exit codes: 0 every step held, 1 a step timed out (the page's text and any overlay are
// printed on stderr), 2 usage error, or the browser or the page could not start.
'use strict';

const { chromium } = require('playwright-core');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const TIMEOUT = Number(process.env.RELOAD_CHECK_TIMEOUT_MS || 10000);
const OVERLAY = 'lifecycle-error-overlay';

function parseStep(arg) {
  const eq = arg.indexOf('=');
  const kind = eq > 0 ? arg.slice(0, eq) : '';
  if (!['reload', 'overlay'].includes(kind) || eq === arg.length - 1) {
    throw new Error(`bad step ${JSON.stringify(arg)}: expected reload=TEXT or overlay=TEXT`);
  }
  return { kind, text: arg.slice(eq + 1) };
}

// A property on `window` marks the document we have seen; a reload makes a new window.
const mark = (page) => page.evaluate(() => { window.__reloadCheckSeen = true; });

async function waitStep(page, step) {
  if (step.kind === 'reload') {
    await page.waitForFunction(({ text, overlay }) =>
      window.__reloadCheckSeen !== true &&
      document.readyState !== 'loading' &&
      document.body && document.body.innerText.includes(text) &&
      !document.getElementById(overlay), { text: step.text, overlay: OVERLAY },
    { timeout: TIMEOUT, polling: 50 });
    await mark(page);
  } else {
    await page.waitForFunction(({ text, overlay }) => {
      const el = document.getElementById(overlay);
      return window.__reloadCheckSeen === true && el !== null &&
        el.getAttribute('role') === 'alert' && el.textContent.includes(text);
    }, { text: step.text, overlay: OVERLAY }, { timeout: TIMEOUT, polling: 50 });
  }
}

async function describe(page) {
  try {
    return await page.evaluate((overlay) => ({
      url: location.href,
      seen: window.__reloadCheckSeen === true,
      overlay: document.getElementById(overlay)?.textContent ?? null,
      text: document.body ? document.body.innerText.slice(0, 2000) : null,
    }), OVERLAY);
  } catch (err) {
    return { error: String(err) };
  }
}

async function main() {
  const [url, ...args] = process.argv.slice(2);
  if (!url || url === '-h' || url === '--help' || args.length === 0) {
    process.stderr.write('usage: node reload_check.js URL reload=TEXT|overlay=TEXT...\n');
    return 2;
  }
  let steps;
  try {
    steps = args.map(parseStep);
  } catch (err) {
    process.stderr.write(`reload_check: ${err.message}\n`);
    return 2;
  }
  const browser = await chromium.launch({
    executablePath: process.env.LIFECYCLE_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext();
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (['file:', 'data:', 'blob:'].includes(u.protocol) || LOOPBACK.has(u.hostname)) {
        return route.continue();
      }
      process.stderr.write(`reload_check: blocked non-loopback request ${u.href}\n`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => process.stderr.write(`reload_check: page error: ${err}\n`));
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    if (!response || response.status() >= 400) {
      process.stderr.write(`reload_check: HTTP ${response && response.status()} for ${url}\n`);
      return 2;
    }
    await mark(page);
    process.stdout.write('ready\n');
    for (const [i, step] of steps.entries()) {
      try {
        await waitStep(page, step);
      } catch (err) {
        const state = await describe(page);
        process.stderr.write(`reload_check: step ${i + 1} ${step.kind}=${step.text} ` +
          `did not hold within ${TIMEOUT} ms: ${String(err.message).split('\n')[0]}\n` +
          `${JSON.stringify(state, null, 2)}\n`);
        return 1;
      }
      process.stdout.write(`ok ${i + 1} ${step.kind}=${step.text}\n`);
    }
    await context.close();
    return 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`reload_check: crashed: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
