// @ts-check
/**
 * The gear gauge webview. Everything shown comes from the extension as a `state` message and is
 * written with textContent only, so strings from git, config or history can never become markup.
 * @typedef {import('../src/vscode/gauge/protocol').ToWebview} ToWebview
 * @typedef {import('../src/vscode/gauge/protocol').FromWebview} FromWebview
 * @typedef {import('../src/vscode/gauge/protocol').GaugeState} GaugeState
 */
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('gauge'));

  /** @param {FromWebview} m */
  function send(m) { vscode.postMessage(m); }

  /**
   * @param {string} tag
   * @param {string} [cls]
   * @param {string} [text]
   */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /** @param {GaugeState} state */
  function render(state) {
    root.replaceChildren();
    root.appendChild(el('h2', 'title', state.currentGear === null ? 'Your gear: not measured yet' : `Your gear: ${state.currentGear}`));
    root.appendChild(el('p', 'note', state.note));
    const list = el('ol', 'gears');
    list.setAttribute('aria-label', 'The five gears of production deployment');
    for (const g of state.gears) {
      const li = el('li', g.number === state.currentGear ? 'current' : '');
      li.appendChild(el('span', 'gear-name', g.name));
      li.appendChild(el('span', 'gear-rhythm', g.rhythm));
      li.appendChild(el('span', 'gear-limit', `Limited by: ${g.limitingFactor}`));
      list.appendChild(li);
    }
    root.appendChild(list);
    root.appendChild(el('p', 'source', state.doraSource));
    vscode.setState(state);
  }

  window.addEventListener('message', (event) => {
    /** @type {ToWebview} */
    const m = event.data;
    if (m && m.type === 'state') { render(m.state); }
  });

  const saved = vscode.getState();
  if (saved) { render(saved); }
  send({ type: 'ready' });
})();
