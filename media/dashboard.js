// Partnership Portfolio dashboard (webview script). Receives plain data from the extension
// ({ type: 'data', data: { generated, partners } }) and builds the sortable table and the
// inline SVG health chart. No inline styles, no remote resources (strict CSP).
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const BAND = { green: 'Green', yellow: 'Yellow', red: 'Red' };
  const saved = vscode.getState() || {};
  /** @type {{ key: string, dir: 'ascending' | 'descending' }} */
  let sort = saved.sort || { key: 'score', dir: 'ascending' };
  /** @type {{ generated: string, partners: any[] } | null} */
  let data = null;

  /** @type {Record<string, number>} */
  const STAGE_ORDER = { 'pre-launch': 0, launch: 1, 'ramp-up': 2, 'steady-state': 3, 'renewal-window': 4, expired: 5 };

  const COLUMNS = [
    { key: 'name', label: 'Partner', type: 'text' },
    { key: 'score', label: 'Health', type: 'number' },
    { key: 'trend', label: 'Trend', type: 'number' },
    { key: 'renewal', label: 'Renewal', type: 'number' },
    { key: 'stage', label: 'Stage', type: 'text' },
    { key: 'overdueActions', label: 'Overdue actions', type: 'number' },
    { key: 'redKpis', label: 'Red KPIs', type: 'number' },
    { key: 'latest', label: 'Latest document', type: 'number' },
  ];

  /** @param {any} p @param {string} key */
  function sortValue(p, key) {
    switch (key) {
      case 'name': return p.name.toLowerCase();
      case 'renewal': return p.daysToRenewal;
      // Lifecycle order (Pre-launch … Expired); unknown last.
      case 'stage': return p.stage && p.stage.id ? STAGE_ORDER[p.stage.id] : null;
      case 'latest': return p.series.length ? p.series[p.series.length - 1].ordinal : null;
      default: return p[key];
    }
  }

  /** @param {string} tag @param {Record<string, string>} [attrs] @param {string} [text] */
  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** @param {string} tag @param {Record<string, string | number>} [attrs] */
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }

  function renderHead() {
    const row = /** @type {HTMLTableRowElement} */ (document.querySelector('#partners thead tr'));
    row.textContent = '';
    for (const c of COLUMNS) {
      const th = el('th', { scope: 'col', 'aria-sort': sort.key === c.key ? sort.dir : 'none', class: c.type === 'number' ? 'num' : '' });
      const b = el('button', { type: 'button', class: 'sort', 'data-key': c.key }, c.label);
      const arrow = el('span', { class: 'arrow', 'aria-hidden': 'true' }, sort.key === c.key ? (sort.dir === 'ascending' ? '▲' : '▼') : '↕');
      b.appendChild(arrow);
      b.addEventListener('click', () => {
        sort = sort.key === c.key ? { key: c.key, dir: sort.dir === 'ascending' ? 'descending' : 'ascending' } : { key: c.key, dir: 'ascending' };
        vscode.setState({ sort });
        render();
        /** @type {HTMLElement | null} */ (document.querySelector(`button.sort[data-key="${c.key}"]`))?.focus();
      });
      th.appendChild(b);
      row.appendChild(th);
    }
  }

  /** @param {number | null} days */
  function renewalLabel(days) {
    if (days === null || days === undefined) return '';
    if (days < 0) return `${-days} d overdue`;
    if (days === 0) return 'today';
    return `in ${days} d`;
  }

  function renderBody() {
    const tbody = /** @type {HTMLElement} */ (document.querySelector('#partners tbody'));
    tbody.textContent = '';
    if (!data) return;
    const dir = sort.dir === 'ascending' ? 1 : -1;
    const rows = [...data.partners].sort((a, b) => {
      const va = sortValue(a, sort.key);
      const vb = sortValue(b, sort.key);
      if (va === null || va === undefined) return vb === null || vb === undefined ? a.name.localeCompare(b.name) : 1; // empty last
      if (vb === null || vb === undefined) return -1;
      if (va < vb) return -dir;
      if (va > vb) return dir;
      return a.name.localeCompare(b.name);
    });
    for (const p of rows) {
      const tr = el('tr');
      // Partner: opens the latest document.
      const name = el('th', { scope: 'row' });
      const open = el('button', { type: 'button', class: 'link', title: p.latestPath ? `Open ${p.latestPath}` : '' }, p.name);
      if (p.latestPath) open.addEventListener('click', () => vscode.postMessage({ type: 'open', path: p.latestPath }));
      else open.setAttribute('disabled', '');
      name.appendChild(open);
      tr.appendChild(name);
      // Health.
      const health = el('td', { class: 'num' });
      if (p.score !== null) {
        const pill = el('span', { class: `pill band-${p.band}` });
        pill.appendChild(el('span', { class: 'dot', 'aria-hidden': 'true' }));
        pill.appendChild(document.createTextNode(`${p.score} ${BAND[p.band]}`));
        health.appendChild(pill);
      } else health.appendChild(el('span', { class: 'muted' }, '—'));
      tr.appendChild(health);
      // Trend.
      const trend = el('td', { class: 'num' });
      if (p.trend === null) trend.appendChild(el('span', { class: 'muted' }, '—'));
      else {
        const up = p.trend >= 1, down = p.trend <= -1;
        const t = el('span', { class: `trend ${up ? 'up' : down ? 'down' : 'flat'}`, title: `${p.trend >= 0 ? '+' : ''}${p.trend} points vs the previous quarter` },
          `${up ? '↗' : down ? '↘' : '→'} ${p.trend > 0 ? '+' : p.trend < 0 ? '−' : ''}${Math.abs(p.trend)}`);
        trend.appendChild(t);
      }
      tr.appendChild(trend);
      // Renewal.
      const renewal = el('td', { class: 'num' });
      if (p.renewalDate) {
        renewal.appendChild(el('span', {}, p.renewalDate));
        const cls = p.daysToRenewal < 0 ? 'warn' : p.daysToRenewal <= 90 ? 'soon' : 'muted';
        renewal.appendChild(el('span', { class: `sub ${cls}` }, renewalLabel(p.daysToRenewal)));
      } else renewal.appendChild(el('span', { class: 'muted' }, '—'));
      tr.appendChild(renewal);
      // Lifecycle stage: the label, and below it the month or what is missing; the tooltip has the detail and what to do now.
      const stage = el('td', { class: 'stage' });
      if (p.stage && p.stage.id) {
        stage.setAttribute('title', `${p.stage.detail}\n${p.stage.focus}`);
        const cls = p.stage.id === 'expired' ? 'warn' : p.stage.id === 'renewal-window' ? 'soon' : '';
        stage.appendChild(el('span', { class: `stage-label ${cls}` }, p.stage.label));
        if (p.stage.month !== null && p.stage.id !== 'renewal-window' && p.stage.id !== 'expired') stage.appendChild(el('span', { class: 'sub muted' }, `month ${p.stage.month}`));
      } else {
        if (p.stage) stage.setAttribute('title', `${p.stage.detail}\n${p.stage.focus}`);
        stage.appendChild(el('span', { class: 'muted' }, '—'));
        stage.appendChild(el('span', { class: 'sub muted' }, 'no start date'));
      }
      tr.appendChild(stage);
      // Counts.
      for (const key of ['overdueActions', 'redKpis']) {
        const td = el('td', { class: 'num' });
        td.appendChild(el('span', { class: p[key] > 0 ? 'count warn' : 'count muted' }, String(p[key])));
        tr.appendChild(td);
      }
      const latest = el('td', { class: 'num' });
      latest.appendChild(el('span', {}, p.latestPeriod || '—'));
      latest.appendChild(el('span', { class: 'sub muted' }, `${p.documents} doc${p.documents === 1 ? '' : 's'}`));
      tr.appendChild(latest);
      tbody.appendChild(tr);
    }
  }

  function renderChart() {
    const host = /** @type {HTMLElement} */ (document.getElementById('chart'));
    host.textContent = '';
    if (!data) return;
    const partners = data.partners.filter((p) => p.series.length > 0).sort((a, b) => a.name.localeCompare(b.name));
    if (partners.length === 0) {
      host.appendChild(el('p', { class: 'muted' }, 'No health figures with a quarter yet.'));
      return;
    }
    const ordinals = partners.flatMap((p) => p.series.map((s) => s.ordinal));
    const min = Math.min(...ordinals), max = Math.max(...ordinals);
    const quarters = [];
    for (let o = min; o <= max; o++) quarters.push(o);
    const W = 760, H = 300, L = 44, R = 130, T = 14, B = 34;
    const x = (o) => (quarters.length === 1 ? L + (W - L - R) / 2 : L + ((o - min) * (W - L - R)) / (quarters.length - 1));
    const y = (v) => T + ((100 - Math.max(0, Math.min(100, v))) * (H - T - B)) / 100;
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'chart-svg-title chart-svg-desc', class: 'chart-svg' });
    const title = svg('title', { id: 'chart-svg-title' });
    title.textContent = 'Health score per partner and quarter';
    const desc = svg('desc', { id: 'chart-svg-desc' });
    desc.textContent = partners.map((p) => `${p.name}: ${p.series.map((s) => `${s.label} ${s.score}`).join(', ')}`).join('. ');
    root.append(title, desc);
    // Health bands (Red < 70 ≤ Yellow < 90 ≤ Green).
    root.appendChild(svg('rect', { x: L, y: y(100), width: W - L - R, height: y(90) - y(100), class: 'zone band-green' }));
    root.appendChild(svg('rect', { x: L, y: y(90), width: W - L - R, height: y(70) - y(90), class: 'zone band-yellow' }));
    root.appendChild(svg('rect', { x: L, y: y(70), width: W - L - R, height: y(0) - y(70), class: 'zone band-red' }));
    for (const v of [0, 25, 50, 70, 90, 100]) {
      root.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 70 || v === 90 ? 'grid strong' : 'grid' }));
      const t = svg('text', { x: L - 8, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' });
      t.textContent = String(v);
      root.appendChild(t);
    }
    for (const o of quarters) {
      const t = svg('text', { x: x(o), y: H - B + 20, class: 'axis', 'text-anchor': 'middle' });
      t.textContent = `Q${(o % 4) + 1} ${Math.floor(o / 4)}`;
      root.appendChild(t);
    }
    // Labels at the right end, nudged apart so they do not overlap.
    const ends = partners.map((p, i) => ({ p, i, y: y(p.series[p.series.length - 1].score) })).sort((a, b) => a.y - b.y);
    for (let k = 1; k < ends.length; k++) if (ends[k].y - ends[k - 1].y < 14) ends[k].y = ends[k - 1].y + 14;
    partners.forEach((p, i) => {
      const g = svg('g', { class: `series s${i % 6}` });
      const pts = p.series.map((s) => `${x(s.ordinal).toFixed(1)},${y(s.score).toFixed(1)}`).join(' ');
      g.appendChild(svg('polyline', { points: pts, class: 'line' }));
      for (const s of p.series) {
        const c = svg('circle', { cx: x(s.ordinal), cy: y(s.score), r: 4.5, class: 'point' });
        const tt = svg('title');
        tt.textContent = `${p.name}, ${s.label}: ${s.score} (${BAND[s.band]})`;
        c.appendChild(tt);
        g.appendChild(c);
      }
      const end = ends.find((e) => e.i === i);
      const last = p.series[p.series.length - 1];
      const label = svg('text', { x: x(last.ordinal) + 10, y: (end ? end.y : y(last.score)) + 4, class: 'label' });
      label.textContent = `${p.name} ${last.score}`;
      g.appendChild(label);
      root.appendChild(g);
    });
    host.appendChild(root);
    // Legend (also names the colours for screen readers and print).
    const legend = el('ul', { class: 'legend', 'aria-label': 'Partners' });
    partners.forEach((p, i) => {
      const li = el('li', { class: `s${i % 6}` });
      li.appendChild(el('span', { class: 'swatch', 'aria-hidden': 'true' }));
      li.appendChild(document.createTextNode(p.name));
      legend.appendChild(li);
    });
    host.appendChild(legend);
  }

  function renderSummary() {
    const s = /** @type {HTMLElement} */ (document.getElementById('summary'));
    if (!data) return;
    const n = data.partners.length;
    const red = data.partners.filter((p) => p.band === 'red').length;
    const overdue = data.partners.reduce((a, p) => a + p.overdueActions, 0);
    const soon = data.partners.filter((p) => p.daysToRenewal !== null && p.daysToRenewal >= 0 && p.daysToRenewal <= 90).length;
    s.textContent = n === 0
      ? 'No partnership documents in this workspace yet.'
      : `${n} partner${n === 1 ? '' : 's'} · ${red} at Red · ${overdue} overdue action${overdue === 1 ? '' : 's'} · ${soon} renewal${soon === 1 ? '' : 's'} within 90 days · as of ${data.generated}`;
  }

  function render() {
    renderHead();
    renderBody();
    renderChart();
    renderSummary();
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m && m.type === 'data') {
      data = m.data;
      render();
      document.body.setAttribute('data-ready', 'true');
    }
  });
  document.getElementById('refresh')?.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  renderHead();
  vscode.postMessage({ type: 'ready' });
})();
