import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { commitsBetween } from '../../../src/core/release/facts';
import { subjectOf } from '../../../src/core/release/redeploy';
import { revertedBy } from '../../../src/core/git/revert';
import { revertOffer } from '../../../src/core/git/revertOffer';
import { cleanupTempDirs, commitFile, git, initRepo, tempDir } from '../../support/git';

/**
 * sec30 L5: with `log.showSignature=true` a plain `git log` runs the repository's gpg.program on a
 * signed commit. The release facts' `git log` calls pass --no-show-signature: it never runs.
 */
describe('git log with log.showSignature=true runs no gpg.program', () => {
  after(cleanupTempDirs);

  function signedRepo(): { repo: string; marker: string; sha: string } {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'a\n', 'first');
    const bin = tempDir();
    // Signs (what git needs to make a signed commit), then is swapped for one that leaves a marker.
    const signer = path.join(bin, 'sign.sh');
    fs.writeFileSync(signer, '#!/bin/sh\ncat >/dev/null\necho "[GNUPG:] SIG_CREATED D 1 8 00 0 X" >&2\nprintf -- "-----BEGIN PGP SIGNATURE-----\\n\\nx\\n-----END PGP SIGNATURE-----\\n"\n', { mode: 0o755 });
    git(repo, 'config', 'gpg.program', signer);
    git(repo, 'config', 'user.signingkey', 'X');
    fs.writeFileSync(path.join(repo, 'b.txt'), 'b\n');
    git(repo, 'add', 'b.txt');
    git(repo, 'commit', '-q', '-S', '-m', 'signed');
    const marker = path.join(bin, 'ran');
    const gpg = path.join(bin, 'gpg.sh');
    fs.writeFileSync(gpg, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    git(repo, 'config', 'gpg.program', gpg);
    git(repo, 'config', 'log.showSignature', 'true');
    return { repo, marker, sha: git(repo, 'rev-parse', 'HEAD').trim() };
  }

  it('the set-up is real: a plain git log runs it', () => {
    const { repo, marker } = signedRepo();
    git(repo, 'log', '-1', '--format=%s');
    assert.ok(fs.existsSync(marker));
  });

  it('subjectOf (redeploy) and commitsBetween (deploy plan) do not', async () => {
    const { repo, marker, sha } = signedRepo();
    assert.equal(await subjectOf(repo, sha), 'signed');
    const list = await commitsBetween(repo, undefined, sha);
    assert.deepEqual('commits' in list ? (list.commits ?? []).map((c) => c.subject) : list, ['signed', 'first']);
    assert.ok(!fs.existsSync(marker), 'gpg.program ran');
  });

  it('the revert offer and its already-reverted check do not (review30 M1: HEAD was misread after a "Good signature" line)', async () => {
    const { repo, marker, sha } = signedRepo();
    assert.equal(await revertedBy(repo, sha), undefined);
    assert.ok((await revertOffer(repo, { sha, cause: 'Unit Tests failed' })).ok);
    commitFile(repo, 'c.txt', 'c\n', 'later'); // the red commit below HEAD: looked up by its own git log
    const offer = await revertOffer(repo, { sha, cause: 'Unit Tests failed' });
    assert.ok(offer.ok, JSON.stringify(offer));
    assert.ok(!fs.existsSync(marker), 'gpg.program ran');
  });
});
