import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeLabelValue,
  formatPrometheusText,
  formatSampleValue,
  histogramQuantile,
  parsePrometheusText,
  parseSampleValue,
  readHistogram,
  type MetricFamily,
} from './prometheus';

describe('formatPrometheusText', () => {
  it('writes HELP, TYPE and samples, escaping as the format specifies', () => {
    const text = formatPrometheusText([
      {
        name: 'http_requests_total',
        help: 'Requests with a \\ and a\nnewline.',
        type: 'counter',
        samples: [
          {
            name: 'http_requests_total',
            labels: { path: 'C:\\dir "q"\nx', code: '200' },
            value: 3,
          },
          { name: 'http_requests_total', labels: {}, value: 1.5e-7, timestampMs: 1395066363000 },
        ],
      },
    ]);
    expect(text).toBe(
      '# HELP http_requests_total Requests with a \\\\ and a\\nnewline.\n' +
        '# TYPE http_requests_total counter\n' +
        'http_requests_total{path="C:\\\\dir \\"q\\"\\nx",code="200"} 3\n' +
        'http_requests_total 1.5e-7 1395066363000\n',
    );
  });

  it('spells special values as Go does', () => {
    expect(formatSampleValue(Infinity)).toBe('+Inf');
    expect(formatSampleValue(-Infinity)).toBe('-Inf');
    expect(formatSampleValue(NaN)).toBe('NaN');
    expect(formatSampleValue(0.25)).toBe('0.25');
  });

  it('refuses invalid metric and label names', () => {
    expect(() => formatPrometheusText([{ name: '1bad', type: 'gauge', samples: [] }])).toThrow(
      RangeError,
    );
    expect(() =>
      formatPrometheusText([
        {
          name: 'ok',
          type: 'gauge',
          samples: [{ name: 'ok', labels: { 'bad-name': 'x' }, value: 1 }],
        },
      ]),
    ).toThrow(RangeError);
  });

  it('escapes only backslash, quote and line feed in label values', () => {
    expect(escapeLabelValue('a\tb\\c"d\ne')).toBe('a\tb\\\\c\\"d\\ne');
  });
});

describe('parsePrometheusText', () => {
  it('parses the example from the exposition format documentation', () => {
    // The example from https://prometheus.io/docs/instrumenting/exposition_formats/, as a file.
    const text = readFileSync(new URL('./exposition-example.prom', import.meta.url), 'utf8');
    const parsed = parsePrometheusText(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['http_requests_total', 'counter', 2],
      ['msdos_file_access_time_seconds', 'untyped', 1],
      ['http_request_duration_seconds', 'histogram', 8],
    ]);
    expect(parsed.families[0]?.samples[1]).toEqual({
      name: 'http_requests_total',
      labels: { method: 'post', code: '400' },
      value: 3,
      timestampMs: 1395066363000,
    });
    expect(parsed.families[1]?.samples[0]?.labels).toEqual({
      path: 'C:\\DIR\\FILE.TXT',
      error: 'Cannot find file:\n"FILE.TXT"',
    });
    expect(parsed.families[1]?.samples[0]?.value).toBe(1458255915);
    const histogram = parsed.families[2];
    if (!histogram) throw new Error('missing histogram');
    const read = readHistogram(histogram);
    expect(read.ok).toBe(true);
  });

  it('round-trips what the formatter writes, for arbitrary label values', () => {
    // Blanks after the metric name separate it from the HELP text, so (as in Go's expfmt parser)
    // HELP text cannot start with one.
    const family = fc.record({
      help: fc.string().map((help) => help.replace(/^[ \t]+/, '')),
      values: fc.array(fc.tuple(fc.string(), fc.double()), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(family, ({ help, values }) => {
        const families: MetricFamily[] = [
          {
            name: 'm',
            help,
            type: 'gauge',
            samples: values.map(([label, value], i) => ({
              name: 'm',
              labels: { i: String(i), label },
              value,
            })),
          },
        ];
        const parsed = parsePrometheusText(formatPrometheusText(families));
        expect(parsed).toEqual({ ok: true, families });
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('reports the line of each violation instead of throwing', () => {
    const cases: [string, number][] = [
      ['# TYPE a counter\n# TYPE a gauge\n', 2],
      ['a 1\n# TYPE a counter\n', 2],
      ['# HELP a x\n# HELP a y\n', 2],
      ['a 1\nb 1\na 2\n', 3],
      ['a{x="1",x="2"} 1\n', 1],
      ['a{x="\\t"} 1\n', 1],
      ['a{x="unterminated} 1\n', 1],
      ['a{1x="v"} 1\n', 1],
      ['a one\n', 1],
      ['a 1 1.5\n', 1],
      ['a\n', 1],
      ['# TYPE a histogram_ish\n', 1],
      ['# TYPE 9a counter\n', 1],
      ['-a 1\n', 1],
    ];
    for (const [text, line] of cases) {
      const parsed = parsePrometheusText(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.line, text).toBe(line);
    }
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const parsed = parsePrometheusText(text);
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { seed: 11, numRuns: 1000 },
    );
  });

  it('reads Go float spellings', () => {
    expect(parseSampleValue('+Inf')).toBe(Infinity);
    expect(parseSampleValue('-inf')).toBe(-Infinity);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('1e3')).toBe(1000);
    expect(parseSampleValue('.5')).toBe(0.5);
    expect(parseSampleValue('0x10')).toBeNull();
    expect(parseSampleValue('')).toBeNull();
  });
});

describe('readHistogram', () => {
  const family = (lines: string): MetricFamily => {
    const parsed = parsePrometheusText(`# TYPE h histogram\n${lines}`);
    if (!parsed.ok || !parsed.families[0])
      throw new Error(`bad fixture: ${JSON.stringify(parsed)}`);
    return parsed.families[0];
  };

  it('groups series by labels other than le', () => {
    const read = readHistogram(
      family(
        'h_bucket{r="a",le="1"} 1\nh_bucket{r="a",le="+Inf"} 2\nh_sum{r="a"} 3\nh_count{r="a"} 2\n' +
          'h_bucket{r="b",le="1"} 0\nh_bucket{r="b",le="+Inf"} 0\nh_sum{r="b"} 0\nh_count{r="b"} 0\n',
      ),
    );
    // One series per value of r: its le="1" and le="+Inf" buckets, its _sum and its _count.
    const series = (r: string, [below1, all]: [number, number], sum: number, count: number) => ({
      labels: { r },
      buckets: [
        { le: 1, count: below1 },
        { le: Infinity, count: all },
      ],
      sum,
      count,
    });
    expect(read).toEqual({
      ok: true,
      series: [series('a', [1, 2], 3, 2), series('b', [0, 0], 0, 0)],
    });
  });

  it('flags a missing +Inf bucket, a +Inf count that differs from _count, and decreasing counts', () => {
    expect(readHistogram(family('h_bucket{le="1"} 1\nh_sum 1\nh_count 1\n')).ok).toBe(false);
    expect(
      readHistogram(family('h_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n')).ok,
    ).toBe(false);
    expect(
      readHistogram(
        family(
          'h_bucket{le="1"} 2\nh_bucket{le="2"} 1\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 2\n',
        ),
      ).ok,
    ).toBe(false);
  });
});

describe('histogramQuantile', () => {
  // 10 observations ≤ 0.1, 10 more ≤ 0.2, 5 more ≤ 0.5 and 5 beyond: 30 in all.
  const buckets = [
    { le: 0.1, count: 10 },
    { le: 0.2, count: 20 },
    { le: 0.5, count: 25 },
    { le: Infinity, count: 30 },
  ];

  it('interpolates linearly inside the bucket holding the rank', () => {
    // rank 15 lies in (0.1, 0.2] at 5 of 10: 0.1 + 0.1 × 0.5.
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.15, 12);
    // rank 3 lies in [0, 0.1] at 3 of 10.
    expect(histogramQuantile(0.1, buckets)).toBeCloseTo(0.03, 12);
    // rank 24 lies in (0.2, 0.5] at 4 of 5: 0.2 + 0.3 × 0.8.
    expect(histogramQuantile(0.8, buckets)).toBeCloseTo(0.44, 12);
  });

  it('returns the largest finite bound for ranks in +Inf, and PromQL edge values', () => {
    expect(histogramQuantile(0.99, buckets)).toBe(0.5);
    expect(histogramQuantile(-0.1, buckets)).toBe(-Infinity);
    expect(histogramQuantile(1.1, buckets)).toBe(Infinity);
    expect(histogramQuantile(0.5, [{ le: Infinity, count: 3 }])).toBeNaN();
    expect(
      histogramQuantile(0.5, [
        { le: 1, count: 0 },
        { le: Infinity, count: 0 },
      ]),
    ).toBeNaN();
  });
});
