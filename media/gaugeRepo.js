// @ts-check
/**
 * The gauge's repository part: the last run and the commits waiting for production (or for a green
 * run), loaded after gaugeDom.js and before gauge.js (same CSP nonce). Their "… ago" texts are
 * redrawn in place by each `ages` message (the provider's tick), nothing else rebuilt (review39 L5).
 * A classic script: `GaugeRepo` is the one name it adds to the page.
 * @typedef {import('../src/vscode/gauge/protocol').GaugeView} RepoView
 * @typedef {Extract<import('../src/vscode/gauge/protocol').ToWebview, { type: 'ages' }>} AgesMessage
 */
const GaugeRepo = (function () {
  const { $, setText, syncList, el } = GaugeDom;
  /** The pending block last drawn: an `ages` message rewrites its summary with the new oldest age. @type {RepoView['pending']} */
  let shownPending = null;

  /**
   * The block's sentence. None waiting says only what is known (review39 L6): the count is of the
   * commits seen since this window opened, not of every commit, and a pipeline never green says so.
   * @param {NonNullable<RepoView['pending']>} p @param {string} oldestAge
   */
  function pendingSummary(p, oldestAge) {
    const green = p.finish === 'green run';
    // Counted from what production serves (HEAD's commits it lacks), not from the commits made since the window opened.
    if (p.count === 0 && p.scope === 'head') { return green ? 'Every commit on HEAD has had a green run.' : 'Every commit on HEAD is in production.'; }
    if (p.count === 0) {
      if (green && p.everGreen === false) { return 'No green run yet. No commit made since this window opened is waiting for one.'; }
      return `No commit made since this window opened is waiting for ${green ? 'a green run' : 'production'}.`;
    }
    const commits = `${p.count} commit${p.count === 1 ? '' : 's'}`;
    return `${commits} ${green ? 'with no green run yet' : 'not yet in production'}; oldest ${oldestAge}.`;
  }

  /** @param {RepoView} view */
  function renderRepo(view) {
    const last = view.lastRun;
    $('last-run').hidden = !last;
    if (last) {
      setText($('last-state'), last.state);
      $('last-state').className = `run-state state-${last.state}`;
      setText($('last-sha'), last.sha);
      setText($('last-subject'), last.subject);
      setText($('last-when'), last.when);
    }
    const p = view.pending;
    shownPending = p;
    $('pending-block').hidden = !p;
    if (p) {
      // No production stage: no production to talk of; the commits wait for a green run.
      setText($('pending-title'), p.finish === 'green run' ? 'Waiting for a green run' : 'Waiting for production');
      setText($('pending-summary'), pendingSummary(p, p.oldestAge));
      syncList($('pending-commits'), p.commits, (c) => c.sha, () => {
        const li = el('li');
        li.append(el('code'), el('span', 'subject'), el('span', 'age'));
        return li;
      }, (li, c) => {
        const [sha, subject, age] = /** @type {HTMLElement[]} */ (Array.from(li.children));
        setText(sha, c.sha);
        setText(subject, c.subject);
        setText(age, c.age);
      });
    }
    // Without blue/green a deploy stopped part-way leaves production unknown: said where the live slot would be.
    const unknown = view.productionUnknown || '';
    $('slot-block').hidden = !view.liveSlot && !unknown;
    setText($('slot-title'), unknown && !view.liveSlot ? 'Production' : 'Live slot');
    setText($('live-slot'), view.liveSlot || unknown);
  }

  /** The ages read again: each text in its own element, in the order the state listed them. @param {AgesMessage} m */
  function applyAges(m) {
    if (m.lastRun !== null && !$('last-run').hidden) { setText($('last-when'), m.lastRun); }
    if (!shownPending) { return; }
    if (m.oldestAge !== null) { setText($('pending-summary'), pendingSummary(shownPending, m.oldestAge)); }
    Array.from($('pending-commits').children).forEach((li, i) => {
      const age = li.querySelector('.age');
      if (age && typeof m.commitAges[i] === 'string') { setText(age, m.commitAges[i]); }
    });
  }

  return { renderRepo, applyAges };
})();
