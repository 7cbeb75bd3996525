/** Drift statistics for chapter 5: KS, PSI, Wasserstein, Jensen–Shannon, chi-squared, z-test and the default test choice. */
export * from './binning';
export * from './chi-square';
export * from './detect';
export * from './jensen-shannon';
export * from './kolmogorov';
export * from './ks';
export * from './psi';
export * from './sorted';
export * from './special';
export * from './wasserstein';
export * from './z-test';
