// The compatibility finder: filters the site's compact data file by the choice in the query
// string (?python=3.10&ubuntu=22.04&supported=1) and lists the releases that ship all of it.
// No framework, no network beyond the site's own data file. Without JavaScript the page
// shows the release content of the supported releases instead.
'use strict';

(function () {
  const form = document.getElementById('finder');
  const results = document.getElementById('results');
  const subscribe = document.getElementById('subscribe');
  if (!form || !results) return;
  let data = null;

  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  };

  // The choice: {dependency id: version}, and whether only supported releases count.
  function choiceFrom(search) {
    const q = new URLSearchParams(search);
    // In the order the address names them, so the answer's words follow the question.
    const chosen = {};
    for (const [id, v] of q) {
      const d = data.dependencies.find((x) => x.id === id);
      if (d && v && d.versions.some((x) => x[0] === v)) chosen[id] = v;
    }
    return { chosen, supported: q.get('supported') === '1' };
  }

  function queryOf(choice) {
    const q = new URLSearchParams();
    for (const d of data.dependencies) if (choice.chosen[d.id]) q.set(d.id, choice.chosen[d.id]);
    if (choice.supported) q.set('supported', '1');
    const s = q.toString();
    return s ? '?' + s : location.pathname;
  }

  function setControls(choice) {
    for (const d of data.dependencies) {
      const sel = document.getElementById('dep-' + d.id);
      if (sel) sel.value = choice.chosen[d.id] || '';
    }
    document.getElementById('supported-only').checked = choice.supported;
  }

  function readControls() {
    const chosen = {};
    for (const d of data.dependencies) {
      const sel = document.getElementById('dep-' + d.id);
      if (sel && sel.value) chosen[d.id] = sel.value;
    }
    return { chosen, supported: document.getElementById('supported-only').checked };
  }

  const ships = (r, id, v) => (r.c[id] || []).includes(v);
  const dep = (id) => data.dependencies.find((d) => d.id === id);
  const phaseOf = (id, v) => dep(id).versions.find((x) => x[0] === v);
  const isSupported = (r) => r.phase === 'supported' || r.phase === 'announced';

  // "Python 3.8 is in 1.16.0–2.20.0" (releases are newest first).
  function range(id, v) {
    const in_ = data.releases.filter((r) => ships(r, id, v));
    const name = dep(id).name + ' ' + v;
    if (in_.length === 0) return name + ' is in no release';
    const first = in_[in_.length - 1].v;
    const last = in_[0].v;
    return name + ' is in ' + (first === last ? first : first + '–' + last);
  }

  function render(choice) {
    const ids = Object.keys(choice.chosen);
    const rows = data.releases.filter(
      (r) => ids.every((id) => ships(r, id, choice.chosen[id])) && (!choice.supported || isSupported(r))
    );
    results.replaceChildren();
    if (rows.length === 0) {
      const names = ids.map((id) => dep(id).name + ' ' + choice.chosen[id]);
      let text = 'No ' + (choice.supported ? 'supported ' : '') + 'release ships ' +
        (names.length === 2 ? 'both ' + names.join(' and ')
          : names.length > 2 ? 'all of ' + names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1]
          : names.join('')) + '.';
      if (ids.length > 0) text = text.replace(/\.$/, '; ') + ids.map((id) => range(id, choice.chosen[id])).join('; ') + '.';
      results.append(el('p', { class: 'empty' }, text));
    } else {
      const head = el('tr', {}, el('th', { scope: 'col' }, 'Release'), el('th', { scope: 'col' }, 'Phase'),
        el('th', { scope: 'col' }, 'End of support'));
      for (const id of ids) head.append(el('th', { scope: 'col' }, dep(id).name + ' ' + choice.chosen[id]));
      const body = el('tbody', {});
      for (const r of rows) {
        const eos = r.eos ? (r.projected ? el('em', { class: 'projected' }, r.eos + ' (projected)') : r.eos) : (r.begun ? 'date not published' : 'not announced');
        const tr = el('tr', {}, el('th', { scope: 'row' }, el('a', { href: r.url }, r.v)),
          el('td', {}, el('span', { class: 'phase phase-' + r.phase }, r.label)), el('td', {}, eos));
        for (const id of ids) {
          const p = phaseOf(id, choice.chosen[id]);
          tr.append(el('td', {}, el('span', { class: 'phase phase-' + p[1] }, p[2])));
        }
        body.append(tr);
      }
      const caption = el('caption', {}, rows.length + ' release' + (rows.length === 1 ? '' : 's') + ' of ' + data.product);
      const table = el('table', { class: 'lifecycle-table finder-table' }, caption, el('thead', {}, head), body);
      results.append(el('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Matching releases', tabindex: '0' }, table));
    }
    if (subscribe) {
      subscribe.replaceChildren();
      if (ids.length > 0) {
        const list = el('ul', {});
        for (const id of ids) {
          const d = dep(id);
          list.append(el('li', {}, el('a', { href: d.rss }, d.name + ' end-of-support notices (RSS)'), ', ',
            el('a', { href: d.ics }, d.name + ' end-of-support dates (calendar)')));
        }
        subscribe.append(el('h3', {}, 'Subscribe to what you run'), list);
      }
    }
  }

  function show(search) {
    const choice = choiceFrom(search);
    setControls(choice);
    render(choice);
  }

  fetch(form.dataset.data)
    .then((r) => r.json())
    .then((d) => {
      data = d;
      show(location.search);
      form.addEventListener('change', () => {
        const choice = readControls();
        history.pushState(null, '', queryOf(choice));
        render(choice);
      });
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const choice = readControls();
        history.pushState(null, '', queryOf(choice));
        render(choice);
      });
      window.addEventListener('popstate', () => show(location.search));
      document.documentElement.dataset.finder = 'ready';
    });
})();
