import { commitFigures } from './commits';
import { foundationFigures } from './foundation';
import { pipelineFigures } from './pipeline';
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
}

main().catch((e: Error) => { console.error(e); process.exit(1); });
