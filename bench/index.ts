import { alertFigures } from './alerts';
import { commitFigures } from './commits';
import { deployFigures } from './deploy';
import { flagsFigures } from './flags';
import { foundationFigures } from './foundation';
import { gaugeFigures } from './gauge';
import { peerFigures } from './peers';
import { pipelineFigures } from './pipeline';
import { reliabilityFigures } from './reliability';
import { secretFigures } from './secrets';
import { printSection } from './report';

/**
 * `npm run bench`. Speed lives here, never in timed test assertions. Figures that depend on the
 * machine are given as ratios to a baseline measured in the same process where one exists.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  console.log(`Gearshift bench — node ${process.version}, ${new Date().toISOString()}`);
  if (!only || only === 'foundation') { printSection('Foundation: size and activation', foundationFigures()); }
  if (!only || only === 'pipeline') { printSection('Pipeline runner', await pipelineFigures()); }
  if (!only || only === 'commits') { printSection('Commit tracking and commit metrics', await commitFigures()); }
  if (!only || only === 'alerts') { printSection('Red/green: alerts and the red timer', await alertFigures()); }
  if (!only || only === 'deploy') { printSection('Deploys: blue/green and rollback', await deployFigures()); }
  if (!only || only === 'reliability') { printSection('Reliability: output and history', await reliabilityFigures()); }
  if (!only || only === 'secrets') { printSection('Secrets: masking stage output', await secretFigures()); }
  if (!only || only === 'peers') { printSection('Peers: make, bare node, long history, commit → stage', await peerFigures()); }
  if (!only || only === 'gauge') { printSection('Gear gauge: state, git inputs and the webview', await gaugeFigures()); }
  if (!only || only === 'flags') { printSection('Feature toggles: list and references', await flagsFigures()); }
}

main().catch((e: Error) => { console.error(e); process.exit(1); });
