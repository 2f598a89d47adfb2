import * as assert from 'node:assert/strict';
import { notificationText } from '../../../src/core/format';

/**
 * The pattern VS Code's notifications parse links with (src/vs/base/common/linkedText.ts,
 * parseLinkedText; the same in code-server 4.139's workbench.js): every match is rendered as a
 * link, and a `command:` one runs the command when clicked.
 */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

const links = (text: string): string[] => [...text.matchAll(VSCODE_LINK)].map((m) => m[2]);

describe('notificationText: data in a VS Code notification cannot become a link', () => {
  const hostile = [
    '[Details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D)',
    'CI [open](COMMAND:workbench.action.toggleZenMode) and [site](https://evil.invalid/x "title") and [f](file:///etc/passwd)',
    '[a]]((command:x)',
  ];

  it('the oracle finds the links VS Code would render', () => {
    assert.deepEqual(links(hostile[0]), ['command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D']);
    assert.equal(links(hostile[1]).length, 3);
  });

  it('none is left once the text goes through notificationText, and the text reads the same', () => {
    for (const text of hostile) {
      const shown = notificationText(text);
      assert.deepEqual(links(shown), [], shown);
      assert.equal(shown.replace(/\] \(/g, ']('), text);
    }
    assert.equal(notificationText('plain: stage "Unit Tests" failed (exit 1)'), 'plain: stage "Unit Tests" failed (exit 1)');
  });
});
