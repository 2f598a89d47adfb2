/**
 * A stage that still runs the starter's TODO command (config/template.ts writes
 * `echo "TODO: put … here" && exit 1` where it detected nothing). It fails on purpose, so its red
 * needs no fix or revert: the advice is to replace the command. Matched on the shape of the whole
 * command, so a real command that merely mentions TODO is not taken for one.
 */
import { isStarterTodo, type Pipeline } from '../config';
import { clean } from './clean';
import { redAdvice, type StarterTodoCause } from './advice';

/** The notification for a red run whose failed stage is still a starter TODO (starterTodoCause.ts). Plain text; names are data. */
export function starterTodoMessage(repo: string, cause: StarterTodoCause): string {
  const where = repo ? `${clean(repo)}: ` : '';
  return `${where}${redAdvice(cause).text}`;
}

/** The stages that still run the starter's TODO command, in file order. */
export function starterTodoStages(pipeline: Pick<Pipeline, 'stages'>): string[] {
  return pipeline.stages.filter((s) => isStarterTodo(s.run)).map((s) => s.name);
}

/** Whether `stage`, in the pipeline as it is now, still runs the starter's TODO command. */
export function isStarterTodoStage(pipeline: Pick<Pipeline, 'stages'> | undefined, stage: string | undefined): boolean {
  const found = stage === undefined ? undefined : pipeline?.stages.find((s) => s.name === stage);
  return found !== undefined && isStarterTodo(found.run);
}
