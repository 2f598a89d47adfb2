import * as assert from 'node:assert';
import { alertPayload, chatSafe } from '../../../src/core/alerts/payload';
import { redactUrl, redirectRefusal } from '../../../src/core/alerts/url';
import type { EscalationEvent } from '../../../src/core/redgreen/escalation';
import { run } from '../redgreen/runs';

function event(extra: Partial<EscalationEvent>): EscalationEvent {
  return {
    type: 'wentRed', repo: 'web', level: 0, redSince: Date.parse('2024-05-01T10:00:00Z'), redForMs: 1.6,
    run: run('red', 0), message: 'The pipeline is red', ...extra,
  } as EscalationEvent;
}

describe('alert payload', () => {
  it('escapes <, > and & so a branch named <!channel> cannot ping a Slack channel', () => {
    assert.strictEqual(chatSafe('<!channel> & <http://x|y>'), '&lt;!channel&gt; &amp; &lt;http://x|y&gt;');
    const p = alertPayload(event({ message: 'red on <!here>', run: run('red', 0, { branch: '<!here>' }) }));
    assert.strictEqual(p?.text, 'red on &lt;!here&gt;');
    assert.strictEqual(p?.branch, '<!here>', 'structured fields keep the raw value');
  });

  it('has null failedStage when the red run named none, rounds redForMs, and skips commitWhileRed', () => {
    const p = alertPayload(event({}));
    assert.deepStrictEqual([p?.failedStage, p?.redForMs, p?.redSince], [null, 2, '2024-05-01T10:00:00.000Z']);
    assert.strictEqual(alertPayload(event({ type: 'commitWhileRed', sha: 'abc' } as Partial<EscalationEvent>)), undefined);
    assert.strictEqual(alertPayload(event({}), 'override')?.repo, 'override');
  });
});

describe('webhook URLs', () => {
  const from = new URL('https://hooks.example.com/services/SECRET');
  it('follow redirects only to the same host and port, never down to http', () => {
    assert.strictEqual(redirectRefusal(from, new URL('https://hooks.example.com/other')), undefined);
    assert.strictEqual(redirectRefusal(new URL('http://a.test/x'), new URL('https://a.test/x')), undefined);
    assert.match(redirectRefusal(from, new URL('https://hooks.example.com:8443/x')) ?? '', /another host/);
    assert.match(redirectRefusal(from, new URL('https://evil.test/x')) ?? '', /another host \(evil\.test\)/);
    assert.match(redirectRefusal(from, new URL('http://hooks.example.com/x')) ?? '', /https to http/);
    assert.match(redirectRefusal(from, new URL('file:///etc/passwd')) ?? '', /file: URL/);
  });

  it('log only scheme and host: the path and user info may be secrets', () => {
    assert.strictEqual(redactUrl('https://user:pw@hooks.example.com/services/SECRET?token=1'), 'https://hooks.example.com/…');
    assert.strictEqual(redactUrl('::'), '(invalid URL)');
  });
});
