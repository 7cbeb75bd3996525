"""Drift statistics of chapter 5, computed with scipy the way Evidently computes them.

Reference: a sample the model was trained on. Current: a recent window of production inputs.
Run it as is: it draws a seeded reference and two current windows, one from the same
distribution and one shifted, and prints each statistic with Evidently's default threshold.
"""

import numpy as np
from scipy import stats
from scipy.spatial import distance


def ks_p_value(reference, current):
    """Two-sample Kolmogorov-Smirnov p-value; drift when p < 0.05."""
    return stats.ks_2samp(reference, current).pvalue


def normed_wasserstein(reference, current):
    """Wasserstein-1 distance in units of the reference's standard deviation; drift when >= 0.1."""
    return stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)


def shared_bins(reference, current):
    """Shares of both samples in Sturges equal-width bins over their pooled range."""
    edges = np.histogram_bin_edges(np.concatenate([reference, current]), bins="sturges")
    ref_share = np.histogram(reference, edges)[0] / len(reference)
    cur_share = np.histogram(current, edges)[0] / len(current)
    return ref_share, cur_share


def psi(reference, current):
    """Population stability index; empty bins count as 0.0001. Drift when >= 0.1."""
    ref_share, cur_share = shared_bins(reference, current)
    ref_share = np.where(ref_share == 0, 0.0001, ref_share)
    cur_share = np.where(cur_share == 0, 0.0001, cur_share)
    return float(np.sum((ref_share - cur_share) * np.log(ref_share / cur_share)))


def jensen_shannon(reference, current):
    """Jensen-Shannon distance (natural log) between the binned shares; drift when >= 0.1."""
    ref_share, cur_share = shared_bins(reference, current)
    return float(distance.jensenshannon(ref_share, cur_share))


rng = np.random.default_rng(7)
reference = rng.normal(4200, 800, size=273)  # body mass in grams, like the training split
same = rng.normal(4200, 800, size=100)
shifted = rng.normal(4600, 800, size=100)

for name, current in [("same distribution", same), ("mean +400 g", shifted)]:
    print(name)
    print(f"  KS p-value          {ks_p_value(reference, current):.4f}  (drift if < 0.05)")
    print(f"  normed Wasserstein  {normed_wasserstein(reference, current):.4f}  (drift if >= 0.1)")
    print(f"  PSI                 {psi(reference, current):.4f}  (drift if >= 0.1)")
    print(f"  Jensen-Shannon      {jensen_shannon(reference, current):.4f}  (drift if >= 0.1)")
