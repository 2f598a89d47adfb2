// @ts-check
/**
 * The gauge webview's DOM primitives, loaded before gauge.js (same CSP nonce): look an element up,
 * set text only when it changed, update a keyed list in place, make an element. They write text
 * and attributes only, never markup, and they keep elements that did not change (focus, scroll).
 * A classic script: `GaugeDom` is the one name it adds to the page.
 */
const GaugeDom = (function () {
  /** @param {string} id */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

  /** Sets text only when it changed (keeps screen readers and selections calm). @param {Element} el @param {string} text */
  function setText(el, text) { if (el.textContent !== text) { el.textContent = text; } }

  /**
   * Keyed list update: reuses the element for each key, creates missing ones, removes the rest,
   * keeps order. @template T
   * @param {HTMLElement} parent @param {readonly T[]} items @param {(t: T) => string} key
   * @param {(t: T) => HTMLElement} create @param {(el: HTMLElement, t: T) => void} update
   */
  function syncList(parent, items, key, create, update) {
    /** @type {Map<string, HTMLElement>} */
    const existing = new Map();
    for (const child of Array.from(parent.children)) { existing.set(/** @type {HTMLElement} */ (child).dataset.key || '', /** @type {HTMLElement} */ (child)); }
    /** @type {HTMLElement | null} */
    let previous = null;
    for (const item of items) {
      const k = key(item);
      let el = existing.get(k);
      existing.delete(k);
      if (!el) { el = create(item); el.dataset.key = k; }
      update(el, item);
      /** @type {ChildNode | null} */
      const want = previous ? previous.nextSibling : parent.firstChild;
      if (want !== el) { parent.insertBefore(el, want); }
      previous = el;
    }
    for (const stale of existing.values()) { stale.remove(); }
  }

  /** @param {string} tag @param {string} [cls] */
  function el(tag, cls) { const e = document.createElement(tag); if (cls) { e.className = cls; } return e; }

  /**
   * Text that core writes for Markdown surfaces ("`gearshift flags` reads…"): each `span` becomes a <code>
   * holding its text, never markup; an odd backtick leaves it all plain text (review37a F11).
   * @param {HTMLElement} target @param {string} text
   */
  function setCodeText(target, text) {
    if (target.dataset.text === text) { return; }
    target.dataset.text = text;
    const parts = text.split('`');
    if (parts.length % 2 === 0) { target.textContent = text; return; }
    target.replaceChildren(...parts.map((part, i) => {
      if (i % 2 === 0) { return document.createTextNode(part); }
      const code = el('code');
      code.textContent = part;
      return code;
    }));
  }

  return { $, setText, syncList, el, setCodeText };
})();
