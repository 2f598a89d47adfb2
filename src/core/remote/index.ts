/** The remote CI's verdict for HEAD (GitHub Actions, GitLab CI): URL parsing, clients, polling policy. */
export { remoteLabel, offStatus, type RemoteJob, type RemoteJobState, type RemoteProvider, type RemoteState, type RemoteStatus } from './types';
export { remoteTarget, oneTokenReaches, enterpriseSessionRefusal, splitRemoteUrl, DEFAULT_GITHUB_API, DEFAULT_GITLAB_API, type RemoteEndpoints, type RemoteTarget } from './remoteUrl';
export { RemoteClient, deniedHint, DEFAULT_TIMEOUT_MS, type CheckResult, type ClientOptions } from './client';
export { rateLimitedUntil, DEFAULT_BACKOFF_MS, MAX_BACKOFF_MS } from './rateLimit';
export { RemotePoller, nextPollDelay, DEFAULT_INTERVAL_MS, DEFAULT_NEW_SHA_WINDOW_MS, type PollerOptions, type PollFacts } from './poller';
export { RemoteRedOnce } from './redOnce';
export { originUrl, headSha } from './gitRemote';
export { resolveRemote, describeTarget, remoteWorthSaying, type Resolved, type ResolveOptions, type TokenSource } from './lookup';
