/**
 * The API's own metrics, kept in memory and rendered for `GET /metrics`. Chapter 5's monitoring
 * dashboard scrapes the same names, so they are part of the API's contract.
 */
import { formatPrometheusText, type MetricFamily, type MetricSample } from './prometheus';

/**
 * Latency bucket upper bounds in seconds. Prometheus's defaults start at 5 ms, which would put
 * every sub-millisecond prediction in one bucket, so these start at 0.5 ms.
 */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/** What the metrics need to know about the model at scrape time. */
export interface ModelState {
  version: string;
  ready: boolean;
}

/** In-memory counters and histograms for the API. */
export interface ApiMetrics {
  /** Records one finished HTTP request. */
  observeRequest(route: string, status: number, seconds: number): void;
  /** Counts one returned prediction per label. */
  countPrediction(label: string): void;
  /** The current values as metric families. */
  families(model: ModelState): MetricFamily[];
  /** The current values in the text exposition format. */
  render(model: ModelState): string;
}

interface LatencyHistogram {
  bucketCounts: number[]; // non-cumulative, one per bound, plus one for +Inf
  sum: number;
  count: number;
}

/** Orders strings by UTF-16 code units, so the exposition is the same in every locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds one observation to a route's latency histogram, creating it on first use. */
function recordLatency(
  latency: Map<string, LatencyHistogram>,
  buckets: readonly number[],
  route: string,
  seconds: number,
): void {
  let histogram = latency.get(route);
  if (!histogram) {
    histogram = { bucketCounts: new Array<number>(buckets.length + 1).fill(0), sum: 0, count: 0 };
    latency.set(route, histogram);
  }
  const observed = Math.max(0, seconds);
  let index = buckets.findIndex((bound) => observed <= bound);
  if (index < 0) index = buckets.length;
  histogram.bucketCounts[index] = (histogram.bucketCounts[index] ?? 0) + 1;
  histogram.sum += observed;
  histogram.count++;
}

/** The latency histograms as cumulative `_bucket` samples plus `_sum` and `_count`, by route. */
function histogramSamples(
  latency: ReadonlyMap<string, LatencyHistogram>,
  buckets: readonly number[],
): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const route of [...latency.keys()].sort(byText)) {
    const histogram = latency.get(route);
    if (!histogram) continue;
    let cumulative = 0;
    for (let i = 0; i <= buckets.length; i++) {
      cumulative += histogram.bucketCounts[i] ?? 0;
      const le = i < buckets.length ? String(buckets[i]) : '+Inf';
      samples.push({
        name: 'http_request_duration_seconds_bucket',
        labels: { route, le },
        value: cumulative,
      });
    }
    samples.push(
      { name: 'http_request_duration_seconds_sum', labels: { route }, value: histogram.sum },
      { name: 'http_request_duration_seconds_count', labels: { route }, value: histogram.count },
    );
  }
  return samples;
}

/** Creates an empty metrics store with the given latency buckets (strictly increasing, finite). */
export function createApiMetrics(buckets: readonly number[] = LATENCY_BUCKETS_SECONDS): ApiMetrics {
  for (let i = 0; i < buckets.length; i++) {
    const bound = buckets[i] ?? NaN;
    if (!Number.isFinite(bound) || (i > 0 && !(bound > (buckets[i - 1] ?? NaN)))) {
      throw new RangeError('Latency buckets must be finite and strictly increasing.');
    }
  }
  const requests = new Map<string, { route: string; status: string; count: number }>();
  const latency = new Map<string, LatencyHistogram>();
  const predictions = new Map<string, number>();

  const metrics: ApiMetrics = {
    observeRequest(route, status, seconds) {
      const key = `${route}\u0000${status}`;
      const entry = requests.get(key) ?? { route, status: String(status), count: 0 };
      entry.count++;
      requests.set(key, entry);
      recordLatency(latency, buckets, route, seconds);
    },
    countPrediction(label) {
      predictions.set(label, (predictions.get(label) ?? 0) + 1);
    },
    families(model) {
      const requestSamples: MetricSample[] = [...requests.values()]
        .sort((a, b) => byText(a.route, b.route) || byText(a.status, b.status))
        .map(({ route, status, count }) => ({
          name: 'http_requests_total',
          labels: { route, status },
          value: count,
        }));
      const latencySamples = histogramSamples(latency, buckets);
      return [
        {
          name: 'http_requests_total',
          help: 'HTTP requests answered, by route and status code.',
          type: 'counter',
          samples: requestSamples,
        },
        {
          name: 'http_request_duration_seconds',
          help: 'Time from receiving a request to having its response, in seconds.',
          type: 'histogram',
          samples: latencySamples,
        },
        {
          name: 'model_predictions_total',
          help: 'Predictions returned, by predicted label.',
          type: 'counter',
          samples: [...predictions.entries()]
            .sort(([a], [b]) => byText(a, b))
            .map(([label, count]) => ({
              name: 'model_predictions_total',
              labels: { label },
              value: count,
            })),
        },
        {
          name: 'model_info',
          help: 'The model currently loaded; the value is always 1.',
          type: 'gauge',
          samples: [{ name: 'model_info', labels: { version: model.version }, value: 1 }],
        },
        {
          name: 'model_ready',
          help: 'Whether the model can serve predictions (1) or not (0).',
          type: 'gauge',
          samples: [{ name: 'model_ready', labels: {}, value: model.ready ? 1 : 0 }],
        },
      ];
    },
    render(model) {
      return formatPrometheusText(metrics.families(model));
    },
  };
  return metrics;
}
