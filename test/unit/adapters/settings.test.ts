import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, readSettings } from '../../../src/vscode/settings/settingsModel';
import { projectRoot } from '../../harness/paths';

interface Contributed { default: unknown; scope?: string }

describe('adapters: typed settings', () => {
  it('reads what is set and falls back to the default for a wrong type or range', () => {
    const set: Record<string, unknown> = { whenRunning: 'queue', showTerminalOnRun: 'yes', reminderMinutes: -3, trackCommits: false };
    const s = readSettings((key) => set[key]);
    assert.deepEqual(s, { ...DEFAULT_SETTINGS, whenRunning: 'queue', trackCommits: false });
    assert.equal(readSettings(() => 'sometimes').whenRunning, 'ask');
    const remote: Record<string, unknown> = { 'remoteStatus.enabled': true, 'remoteStatus.githubApiUrl': 'javascript:alert(1)', 'remoteStatus.gitlabApiUrl': 'https://gl.example/api/v4' };
    const r = readSettings((key) => remote[key]);
    assert.equal(r['remoteStatus.enabled'], true);
    assert.equal(r['remoteStatus.githubApiUrl'], '', 'not an http(s) URL: the default');
    assert.equal(r['remoteStatus.gitlabApiUrl'], 'https://gl.example/api/v4');
  });

  it('knows every gearshift.* setting package.json contributes, with the same defaults', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Contributed> } } };
    const contributed = Object.fromEntries(Object.entries(pkg.contributes.configuration.properties)
      .filter(([k]) => k.startsWith('gearshift.')).map(([k, v]) => [k.slice('gearshift.'.length), v.default]));
    assert.deepEqual(contributed, { ...DEFAULT_SETTINGS });
  });

  it('a setting a committed workspace file must not change is user-only (machine scope): the production question, the API bases', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Contributed> } } };
    const props = pkg.contributes.configuration.properties;
    for (const key of ['confirmProductionDeploy', 'remoteStatus.githubApiUrl', 'remoteStatus.gitlabApiUrl']) {
      assert.equal(props[`gearshift.${key}`].scope, 'machine', key);
    }
  });

  // review37a F7: read per folder but window-scoped, a folder's value in a multi-root workspace was refused ("cannot be applied").
  it('a setting the code reads per folder (settingsFor(folder)) is declared so a folder may set it, or user-only', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Contributed> } } };
    const props = pkg.contributes.configuration.properties;
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
    const read = new Set(files(path.join(projectRoot, 'src', 'vscode')).flatMap((f) => [...fs.readFileSync(f, 'utf8')
      .matchAll(/settingsFor\([^()]+\)(?:\.([A-Za-z]+)|\['([A-Za-z.]+)'\])/g)].map((m) => m[1] ?? m[2])));
    assert.ok(read.size >= 6, `found only ${[...read].join(', ')}: the pattern no longer matches`);
    for (const key of read) {
      assert.ok(['resource', 'machine-overridable', 'language-overridable', 'machine'].includes(props[`gearshift.${key}`]?.scope ?? 'window'), `${key}: scope ${props[`gearshift.${key}`]?.scope ?? 'window'}`);
    }
  });
});
