/** Drift statistics for chapter 5: KS, PSI, Wasserstein, Jensen–Shannon, chi-squared, z-test, the default test choice and a domain classifier. */
export * from './binning';
export * from './chi-square';
export * from './detect';
export * from './domain-classifier';
export * from './jensen-shannon';
export * from './kolmogorov';
export * from './ks';
export * from './psi';
export * from './sorted';
export * from './special';
export * from './wasserstein';
export * from './z-test';
