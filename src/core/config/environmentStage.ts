/**
 * A deploy to an environment no stage is marked for: what to add, so the refusal is a next step
 * and not a dead end (firsthour34 F6). Plain words, no Markdown: notifications show text as written.
 */
export const NO_NON_PROD_STAGE = 'the pipeline has no stage with environment: non-prod. '
  + 'Add one to .gearshift.yml: a stage whose run deploys your build to a test environment, with environment: non-prod';
export const NO_PRODUCTION_STAGE = 'the pipeline has no stage with environment: production, so nothing would deploy. '
  + 'Add one to .gearshift.yml: a stage whose run deploys your build to production, with environment: production';

/** The refusal is one of the two above: the editor offers Open .gearshift.yml at `stages:` and no Show Log (nothing ran). */
export function isNoEnvironmentStage(message: string): boolean {
  return message.endsWith(NO_NON_PROD_STAGE) || message.endsWith(NO_PRODUCTION_STAGE);
}

