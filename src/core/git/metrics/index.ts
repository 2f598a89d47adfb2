/** Commit metrics: commits per day, lead time to production, batch size. */
export { CommitIndex, type CommitRate, type IndexOptions } from './commitIndex';
export type { BatchSize, DeliveryOptions, DeployRecord, LeadTime } from './deliveries';
