// @ts-check
/**
 * The gear gauge webview. The page's skeleton is static markup (gaugeHtml.ts); every value arrives
 * as a `state` message and is written with textContent or SVG attributes only, so strings from
 * git, config or history can never become markup. Updates touch only what changed (keyed rows),
 * so a new run does not rebuild the view or lose focus and scroll.
 * @typedef {import('../src/vscode/gauge/protocol').ToWebview} ToWebview
 * @typedef {import('../src/vscode/gauge/protocol').FromWebview} FromWebview
 * @typedef {import('../src/vscode/gauge/protocol').GaugeView} GaugeView
 */
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const { $, setText, syncList, el, setCodeText } = GaugeDom;

  /** @param {FromWebview} m */
  function send(m) { vscode.postMessage(m); }

  // ---- the dial: N + five gears on a half circle, a needle that turns to the current gear ----
  const DIAL_STEPS = 6; // neutral, 1..5
  /** Angle in degrees for a step (0 = neutral at the far left, 5 = 5th gear at the far right). @param {number} step */
  const angleFor = (step) => -90 + (180 / (DIAL_STEPS - 1)) * step;

  function buildDial() {
    const ticks = $('dial-ticks');
    if (ticks.childElementCount) { return; }
    const labels = ['N', '1', '2', '3', '4', '5'];
    labels.forEach((label, step) => {
      const a = (angleFor(step) * Math.PI) / 180;
      const t = document.createElementNS(SVG, 'text');
      t.setAttribute('x', String(60 + 46 * Math.sin(a)));
      t.setAttribute('y', String(62 - 46 * Math.cos(a)));
      t.setAttribute('class', 'dial-label');
      t.setAttribute('data-step', String(step));
      t.setAttribute('text-anchor', 'middle');
      t.textContent = label;
      ticks.appendChild(t);
    });
  }

  /** @param {GaugeView['gear']} gear */
  function renderGear(gear) {
    buildDial();
    const step = gear.number === null ? 0 : gear.number;
    $('dial-needle').setAttribute('transform', `rotate(${angleFor(step)} 60 62)`);
    for (const t of Array.from($('dial-ticks').children)) {
      t.classList.toggle('current', t.getAttribute('data-step') === String(step));
    }
    const provisional = gear.provisional ?? '';
    $('dial').setAttribute('aria-label', gear.number === null ? `Gear gauge: neutral, ${gear.rhythm}` : `Gear gauge: ${gear.name} of 5${provisional ? ` (${provisional})` : ''}`);
    setText($('gear-name'), gear.name);
    setText($('gear-rhythm'), gear.rhythm);
    setText($('gear-provisional'), provisional);
    $('gear-provisional').hidden = !provisional;
    setText($('limit-factor'), gear.limitingFactor);
    // A red timer leads the why in a span of its own, carried apart from the rest: the `redTimer` message redraws just that.
    setText($('limit-timer'), gear.redTimer ? gear.redTimer.text : '');
    setText($('limit-why-rest'), gear.redTimer ? gear.redTimer.rest : gear.why);
    syncList($('next-steps'), gear.next, (s) => s, () => el('li'), (li, s) => setText(li, s));
  }

  /**
   * A tiny sparkline; values are numbers only. `label`: its values in words, its name for a screen reader
   * (absent in a view kept by an older version: the page's own name stays).
   * @param {string} id @param {readonly number[]} values @param {string | null | undefined} label
   */
  function sparkline(id, values, label) {
    const svg = $(id);
    if (label) { svg.setAttribute('aria-label', label); }
    const path = /** @type {SVGPathElement} */ (svg.querySelector('path'));
    if (!values.length) { path.setAttribute('d', ''); svg.classList.add('empty'); return; }
    svg.classList.remove('empty');
    const max = Math.max(...values, 1e-9);
    const w = 100;
    const h = 20;
    const step = values.length > 1 ? w / (values.length - 1) : 0;
    const d = values.map((v, i) => `${i ? 'L' : 'M'}${(i * step).toFixed(1)},${(h - (v / max) * (h - 2) - 1).toFixed(1)}`).join(' ');
    path.setAttribute('d', d);
  }

  /** @typedef {GaugeView['dora'][number]} DoraRow */
  const GROUP_TITLE = { throughput: 'Throughput', instability: 'Instability' };
  const TREND = { up: '↑', down: '↓', flat: '→' };

  /** The band chip: "elite · 2024", "too little history" (withheld), or for rework rate "no bands" (none published). @param {DoraRow} m */
  function bandText(m) {
    if (m.band && m.bandYear) { return `${m.band} · ${m.bandYear}`; }
    if (m.withheld) { return 'too little history'; }
    if (m.bandYear === null) { return m.trend ? `no bands ${TREND[m.trend]}` : 'no bands'; }
    return '';
  }

  /** DORA's five, grouped (throughput, instability), each with its band, report year and sample size. @param {GaugeView} view */
  function renderDora(view) {
    /** @type {({ group: 'throughput' | 'instability' } | DoraRow)[]} */
    const items = [];
    for (const m of view.dora) {
      if (!items.some((i) => !('key' in i) && i.group === m.group)) { items.push({ group: m.group }); }
      items.push(m);
    }
    syncList($('dora'), items, (i) => ('key' in i ? i.key : `group-${i.group}`), (i) => {
      if (!('key' in i)) { return el('div', 'dora-group'); }
      const row = el('div', 'metric');
      row.append(el('span', 'metric-label'), el('span', 'metric-value'), el('span', 'band'), el('span', 'metric-detail'));
      return row;
    }, (row, i) => {
      if (!('key' in i)) { setText(row, GROUP_TITLE[i.group]); return; }
      const [label, value, band, detail] = /** @type {HTMLElement[]} */ (Array.from(row.children));
      setText(label, i.label);
      setText(value, i.display);
      setText(band, bandText(i));
      setText(detail, `${i.detail} · sample ${i.sampleSize}`);
      row.className = `metric${i.enough ? '' : ' not-enough'}`;
      band.className = `band ${i.band ? `band-${i.band}` : i.withheld ? 'band-withheld' : i.bandYear === null && i.enough ? 'band-unbanded' : 'band-none'}`;
      band.title = i.band ? `DORA band (${view.bandSource})` : i.withheld ? `no band: ${i.withheld}` : i.notMeasured ? `no band: ${i.notMeasured}` : i.bandYear === null ? 'DORA has published no bands for deployment rework rate' : 'no band: not enough data';
    });
    setText($('band-source'), `Bands: ${view.bandSource} (report year ${view.bandYear}).`);
  }

  /** @param {GaugeView} view */
  function renderMetrics(view) {
    renderDora(view);
    syncList($('metrics'), view.metrics, (m) => m.id, () => {
      const row = el('div', 'metric');
      row.append(el('span', 'metric-label'), el('span', 'metric-value'));
      return row;
    }, (row, m) => {
      const [label, value] = /** @type {HTMLElement[]} */ (Array.from(row.children));
      setText(label, m.label);
      setText(value, m.display);
    });
    const spoken = view.sparkLabels;
    sparkline('spark-deploys', view.sparklines.deploysPerWeek, spoken && spoken.deploys);
    sparkline('spark-durations', view.sparklines.pipelineDurationsMs, spoken && spoken.durations);
    $('monitor-block').hidden = !view.monitor;
    if (view.monitor) { sparkline('spark-monitor', view.monitor, spoken && spoken.monitor); }
  }

  /** @param {GaugeView} view */
  function renderStages(view) {
    const max = Math.max(1, ...view.stages.map((s) => s.medianMs));
    $('stages-block').hidden = view.stages.length === 0;
    syncList($('stage-bars'), view.stages, (s) => s.name, () => {
      const row = el('div', 'bar-row');
      const bar = el('div', 'bar');
      bar.appendChild(el('div', 'bar-fill'));
      // The note is read, not drawn: the orange bar and bold name show the bottleneck to the eye.
      row.append(el('span', 'bar-name'), bar, el('span', 'bar-value'), el('span', 'bar-note visually-hidden'));
      return row;
    }, (row, s) => {
      const [name, bar, value, note] = /** @type {HTMLElement[]} */ (Array.from(row.children));
      setText(name, s.name);
      setText(value, s.display);
      setText(note, s.longest ? 'longest stage: the bottleneck' : '');
      row.classList.toggle('longest', s.longest);
      // CSSOM (not a style attribute), which the CSP allows.
      /** @type {HTMLElement} */ (bar.firstChild).style.width = `${Math.max(2, (s.medianMs / max) * 100).toFixed(1)}%`;
      // On its parts: the row is `display: contents` (the grid's cells), with no box to hover (review37a F11).
      for (const part of [name, bar, value]) { part.title = s.longest ? `${s.name}: the longest stage — the bottleneck` : s.name; }
    });
  }

  const STATUS_ICON = { done: '✔', missing: '✖', unknown: '?' };

  /** @param {GaugeView} view */
  function renderChecklist(view) {
    syncList($('checklist'), view.checklist, (c) => c.id, () => {
      const li = el('li', 'check');
      const icon = el('span', 'check-icon');
      // A named image: a screen reader says "done", not the glyph's name (a plain span cannot carry a label).
      icon.setAttribute('role', 'img');
      li.append(icon, el('span', 'check-label'), el('span', 'check-how'));
      return li;
    }, (li, c) => {
      const [icon, label, how] = /** @type {HTMLElement[]} */ (Array.from(li.children));
      setText(icon, STATUS_ICON[c.status]);
      icon.setAttribute('aria-label', c.status);
      // The gear it shifts up from, not the one it is needed for; the top gear's items make it faster (core/gears checklistTag).
      setText(label, `${c.label} (${c.gear >= 5 ? 'to go faster in' : 'to leave'} gear ${c.gear})`);
      setCodeText(how, c.how);
      li.className = `check check-${c.status}`;
    });
  }

  /** @param {string[] | readonly string[]} rules */
  function renderRules(rules) {
    syncList($('rules'), rules, (r) => r, () => el('li'), (li, r) => setText(li, r));
  }

  /** The link to the walkthrough's next step (text only). @param {GaugeView['nextStep'] | undefined} next */
  function renderNextStep(next) {
    $('walkthrough-next').hidden = !next;
    setText($('walkthrough-link'), next ? `Next in the walkthrough: ${next.title}` : '');
    $('walkthrough-link').dataset.step = next ? next.id : '';
  }

  /**
   * @param {GaugeView | null} view @param {string} note @param {string} [problem] the last update failed: what is shown is not current
   * @param {boolean} [below] no pipeline at the top, some in subfolders: offer those, not the walkthrough
   */
  function render(view, note, problem, below) {
    $('problem').hidden = !problem;
    setText($('problem'), problem || '');
    setText($('note'), note);
    $('gauge').hidden = !view;
    $('empty').hidden = !!view;
    $('walkthrough-empty').hidden = !!below;
    $('show-below').hidden = !below;
    if (!view) { return; }
    renderGear(view.gear);
    renderMetrics(view);
    renderStages(view);
    renderChecklist(view);
    GaugeRepo.renderRepo(view);
    renderRules(view.rules);
    renderNextStep(view.nextStep);
  }

  /** Where a link lands: the section's heading at the top, focused (it has tabindex=-1) so keyboard and screen reader users are there too. */
  const SECTION_HEADINGS = { checklist: 'checklist-title' };

  /** @param {keyof typeof SECTION_HEADINGS} section */
  function reveal(section) {
    const heading = SECTION_HEADINGS[section] && document.getElementById(SECTION_HEADINGS[section]);
    if (!heading || heading.offsetParent === null) { return; } // no gauge drawn (no pipeline): nothing to land on
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  }

  window.addEventListener('message', (event) => {
    /** @type {ToWebview} */
    const m = event.data;
    if (!m || typeof m !== 'object') { return; }
    if (m.type === 'state') {
      render(m.view, m.note, m.problem, m.below);
      vscode.setState({ view: m.view, note: m.note, below: m.below });
    } else if (m.type === 'ages') {
      GaugeRepo.applyAges(m);
    } else if (m.type === 'redTimer') {
      if ($('limit-timer').textContent) { setText($('limit-timer'), m.text); }
    } else if (m.type === 'running') {
      // Only the text changes: the live region stays in the accessibility tree, so each line is announced.
      setText($('running'), m.text || '');
    } else if (m.type === 'reveal') {
      reveal(m.section);
    }
  });

  for (const button of Array.from(document.querySelectorAll('button[data-command]'))) {
    button.addEventListener('click', () => {
      send({ type: 'command', command: /** @type {any} */ (button.getAttribute('data-command')) });
    });
  }

  $('walkthrough-link').addEventListener('click', (event) => {
    event.preventDefault();
    const step = $('walkthrough-link').dataset.step;
    if (step) { send({ type: 'openWalkthroughStep', step }); }
  });

  /** What setState kept across a reload of the view (see the `state` message above). */
  const saved = /** @type {{ view: GaugeView | null, note: string, below?: boolean } | undefined} */ (vscode.getState());
  if (saved && typeof saved === 'object' && 'view' in saved) { render(saved.view, saved.note, undefined, saved.below); }
  send({ type: 'ready' });
})();
