/** Commit metrics: commits per day, lead time to production, batch size. */
export { CommitIndex, type CommitRate, type IndexOptions } from './commitIndex';
export type { BatchSize, DeliveryOptions, DeployRecord, LeadTime } from './deliveries';
export type { GraphColumns } from './commitGraph';
export { decodeGraph, encodeGraph, type EncodedGraph } from './graphColumns';
export { commitOwners, decodeOwners, deployOrder, encodeOwners, type DeployOrder, type EncodedOwners, type OwnerColumns } from './owners';
