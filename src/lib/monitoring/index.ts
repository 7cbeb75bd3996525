/** Monitoring for chapter 5: windows, latency percentiles, error/accuracy trackers, DDM, Page–Hinkley, retraining policy. */
export * from './ddm';
export * from './page-hinkley';
export * from './percentiles';
export * from './retraining';
export * from './trackers';
export * from './windows';
