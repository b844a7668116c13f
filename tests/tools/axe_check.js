#!/usr/bin/env node
// Accessibility check of pages in headless Chromium with axe-core.
//
// Usage: node axe_check.js URL [URL...]
//   (run with the node that has tests/tools/node_modules beside this file)
//
// Launches Debian's Chromium through playwright-core (executablePath from env
// LIFECYCLE_CHROMIUM, default /usr/bin/chromium; no browser download), then for each
// URL, in one browser context:
//   1. loads it at a 1280x800 viewport and runs AxeBuilder(...).analyze() (all rules
//      axe enables by default);
//   2. resizes the viewport to 360x800 and checks that the document does not scroll
//      sideways: document.documentElement.scrollWidth <= 361. If it does, a
//      pseudo-violation with id "horizontal-overflow-360" is added, whose nodes are
//      the deepest elements reaching past the right edge (at most 10).
// Only loopback hosts (127.0.0.1, localhost, [::1]) and file:, data:, blob: URLs are
// loaded; any other request is aborted and named on stderr.
//
// Prints one JSON line per URL on stdout:
//   {"url", "violations": [{"id", "impact", "help", "nodes": ["css selector", ...]}],
//    "passes": N}
// where passes is the number of axe rules that passed. A URL that could not be
// checked prints {"url", "error": "message"} instead.
//
// Exit codes: 0 no violation on any page, 1 some violation, 2 crash (browser did not
// start, a page failed to load or answered HTTP >= 400, axe threw) or usage error.
// A crash on one URL does not stop the others; 2 wins over 1.
'use strict';

const { chromium } = require('playwright-core');
const { AxeBuilder } = require('@axe-core/playwright');

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 360, height: 800 };
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function targetToSelector(target) {
  // axe gives an array of selectors: one per frame / shadow-root boundary; an inner
  // array is a path through shadow roots.
  return target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' >>> ');
}

async function overflowCheck(page) {
  await page.setViewportSize(NARROW);
  return page.evaluate((limit) => {
    const doc = document.documentElement;
    const scrollWidth = doc.scrollWidth;
    if (scrollWidth <= limit + 1) return { scrollWidth, offenders: [] };
    const describe = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += '#' + el.id;
      for (const c of el.classList) s += '.' + c;
      return s;
    };
    const wide = (el) => el.getBoundingClientRect().right > limit + 1;
    const offenders = [];
    for (const el of document.body ? document.body.querySelectorAll('*') : []) {
      if (!wide(el)) continue;
      if ([...el.children].some(wide)) continue; // report the deepest ones
      const path = [];
      for (let e = el; e && e !== doc; e = e.parentElement) path.unshift(describe(e));
      offenders.push(path.slice(-3).join(' > '));
      if (offenders.length >= 10) break;
    }
    return { scrollWidth, offenders };
  }, NARROW.width);
}

async function checkUrl(context, url) {
  const page = await context.newPage();
  try {
    await page.setViewportSize(WIDE);
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    if (response && response.status() >= 400) {
      throw new Error(`HTTP ${response.status()} for ${url}`);
    }
    const results = await new AxeBuilder({ page }).analyze();
    const violations = results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => targetToSelector(n.target)),
    }));
    const overflow = await overflowCheck(page);
    if (overflow.scrollWidth > NARROW.width + 1) {
      violations.push({
        id: 'horizontal-overflow-360',
        impact: 'serious',
        help: `Page scrolls sideways at a ${NARROW.width} px wide viewport ` +
          `(document scrollWidth ${overflow.scrollWidth} px)`,
        nodes: overflow.offenders,
      });
    }
    return { url, violations, passes: results.passes.length };
  } finally {
    await page.close().catch(() => {});
  }
}

async function main() {
  const urls = process.argv.slice(2);
  if (urls.length === 0 || urls[0] === '-h' || urls[0] === '--help') {
    process.stderr.write('usage: node axe_check.js URL [URL...]\n');
    return 2;
  }
  const browser = await chromium.launch({
    executablePath: process.env.LIFECYCLE_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let status = 0;
  try {
    // browser.newPage() would make AxeBuilder.analyze() throw: it needs a context.
    const context = await browser.newContext({ viewport: WIDE });
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (['file:', 'data:', 'blob:'].includes(u.protocol) || LOOPBACK.has(u.hostname)) {
        return route.continue();
      }
      process.stderr.write(`axe_check: blocked non-loopback request ${u.href}\n`);
      return route.abort('blockedbyclient');
    });
    for (const url of urls) {
      let line;
      try {
        line = await checkUrl(context, url);
        if (line.violations.length > 0 && status === 0) status = 1;
      } catch (err) {
        line = { url, error: String((err && err.message) || err).split('\n')[0] };
        process.stderr.write(`axe_check: ${url}: ${err && err.stack ? err.stack : err}\n`);
        status = 2;
      }
      process.stdout.write(JSON.stringify(line) + '\n');
    }
    await context.close();
  } finally {
    await browser.close();
  }
  return status;
}

main().then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`axe_check: crashed: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
