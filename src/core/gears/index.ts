/** Public surface of the gear gauge: classification, metrics, limiting factor, checklist, gauge. */
export { GEARS, DORA_SOURCE, type Gear, type GearNumber } from './model';
export { GEAR_RULES, gearRules, classifyGear, type ClassifyInput, type CommitSample, type GearClassification } from './classify';
export { productionDeploys, mergeDeploys, windowDeploys, isProductionDeploy, FUTURE_SKEW_MS, type Deploy, type TagDeploy, productionStageNames } from './deploys';
export { compactRun, compactRuns, type CompactRun, type CompactStage, type RunInput } from './compact';
export { BAND_SOURCE, type Band, deploymentFrequencyBand, leadTimeBand, timeToRestoreBand, changeFailureBand } from './bands';
export { changeFailures, type ChangeFailureResult } from './changeFailure';
export { computeMetrics, type Metric, type MetricId, type MetricsInput } from './metrics';
export { topSpeed, LIMIT_COMMITS, LIMIT_LONGEST_STEP, type TopSpeed, type BindingLimit } from './topSpeed';
export { limitingFactor, type LimitingFactor, type LimitingFactorInput } from './limitingFactor';
export { readinessChecklist, type ChecklistItem, type CheckStatus } from './checklist';
export { scanRepo, flagPackages, type RepoFacts } from './repoScan';
export { redPeriodsFromRuns, type RedSpan } from './redPeriods';
export { computeGauge, type GaugeInput, type GaugeModel, type GaugePipeline } from './gaugeState';
export { gatherGaugeInputs, readTagDeploys, type GatherOptions, type GaugeInputs } from './gaugeInputs';
export { formatGaugeText } from './formatText';
export { formatRate } from './format';
export { CommitIndex } from '../git';
export { redSpansFromHistory } from '../redgreen';
