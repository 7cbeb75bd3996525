import { describe, expect, it } from 'vitest';
import { createApiMetrics, LATENCY_BUCKETS_SECONDS } from './metrics';
import { parsePrometheusText, readHistogram } from './prometheus';

describe('createApiMetrics', () => {
  it('counts requests by route and status and renders parseable text', () => {
    const metrics = createApiMetrics([0.01, 0.1]);
    metrics.observeRequest('/v1/predict', 200, 0.004);
    metrics.observeRequest('/v1/predict', 200, 0.05);
    metrics.observeRequest('/v1/predict', 422, 0.2);
    metrics.observeRequest('/healthz', 200, 0.01); // exactly on a bound: le is "less or equal"
    metrics.countPrediction('Gentoo');
    metrics.countPrediction('Gentoo');
    const text = metrics.render({ version: 'v "1"', ready: true });
    expect(text.endsWith('\n')).toBe(true);
    const parsed = parsePrometheusText(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const family = (name: string) => parsed.families.find((f) => f.name === name);
    expect(family('http_requests_total')?.samples.map((s) => [s.labels, s.value])).toEqual([
      [{ route: '/healthz', status: '200' }, 1],
      [{ route: '/v1/predict', status: '200' }, 2],
      [{ route: '/v1/predict', status: '422' }, 1],
    ]);
    const histogram = family('http_request_duration_seconds');
    if (!histogram) throw new Error('no histogram');
    const read = readHistogram(histogram);
    if (!read.ok) throw new Error(read.problems.join('; '));
    const predict = read.series.find((s) => s.labels['route'] === '/v1/predict');
    // 0.004 ≤ 0.01; 0.05 ≤ 0.1; 0.2 only in +Inf. Cumulative: 1, 2, 3.
    expect(predict?.buckets).toEqual([
      { le: 0.01, count: 1 },
      { le: 0.1, count: 2 },
      { le: Infinity, count: 3 },
    ]);
    expect(predict?.sum).toBeCloseTo(0.254, 12);
    expect(predict?.count).toBe(3);
    const healthz = read.series.find((s) => s.labels['route'] === '/healthz');
    expect(healthz?.buckets[0]).toEqual({ le: 0.01, count: 1 });
    expect(family('model_info')?.samples).toEqual([
      { name: 'model_info', labels: { version: 'v "1"' }, value: 1 },
    ]);
    expect(family('model_ready')?.samples[0]?.value).toBe(1);
    expect(family('model_predictions_total')?.samples).toEqual([
      { name: 'model_predictions_total', labels: { label: 'Gentoo' }, value: 2 },
    ]);
    expect(family('model_info')?.type).toBe('gauge');
    expect(family('http_requests_total')?.help).toBeTruthy();
  });

  it('renders the empty state with HELP and TYPE for every family', () => {
    const parsed = parsePrometheusText(
      createApiMetrics().render({ version: 'none', ready: false }),
    );
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.families.map((f) => f.name)).toEqual([
      'http_requests_total',
      'http_request_duration_seconds',
      'model_predictions_total',
      'model_info',
      'model_ready',
    ]);
    expect(parsed.families.every((f) => f.help !== undefined)).toBe(true);
  });

  it('rejects buckets that are not strictly increasing', () => {
    expect(() => createApiMetrics([0.1, 0.1])).toThrow(RangeError);
    expect(() => createApiMetrics([0.1, Infinity])).toThrow(RangeError);
    expect([...LATENCY_BUCKETS_SECONDS].sort((a, b) => a - b)).toEqual(LATENCY_BUCKETS_SECONDS);
  });
});
