/**
 * The Prometheus text exposition format, version 0.0.4: a writer for the API's `/metrics` and a
 * parser for chapter 5, which scrapes those metrics. Rules follow the format's specification
 * (prometheus.io/docs/instrumenting/exposition_formats): `# HELP` and `# TYPE` lines, one group
 * per metric family, label values escaped as `\\`, `\"` and `\n`, values as Go floats with
 * `+Inf`, `-Inf` and `NaN`, and histograms as cumulative `_bucket{le=…}` series ending at `+Inf`.
 */

/** Content-Type of a text-format scrape. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The metric types the text format declares in `# TYPE` lines. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

/** One sample line: a series name (with any `_bucket`/`_sum`/`_count` suffix), labels and value. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch, when the line carries a timestamp. */
  timestampMs?: number;
}

/** A metric family: its HELP text, TYPE and every sample line that belongs to it. */
export interface MetricFamily {
  name: string;
  help?: string;
  type: MetricType;
  samples: MetricSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

/** Whether `name` is a valid metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`). */
export function isMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** Escapes a label value: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Escapes HELP text: backslash and line feed only (quotes stay as they are). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Formats a sample value the way Go's `strconv.ParseFloat` reads it back. */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0'; // String(-0) drops the sign
  return String(value);
}

/** Renders families as exposition text; every line, the last included, ends with `\n`. */
export function formatPrometheusText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (!isMetricName(family.name)) throw new RangeError(`Invalid metric name: ${family.name}`);
    if (family.help !== undefined) lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels);
      for (const [name] of labels) {
        if (!LABEL_NAME.test(name)) throw new RangeError(`Invalid label name: ${name}`);
      }
      const labelText = labels.length
        ? `{${labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`
        : '';
      const timestamp =
        sample.timestampMs === undefined ? '' : ` ${Math.trunc(sample.timestampMs)}`;
      lines.push(`${sample.name}${labelText} ${formatSampleValue(sample.value)}${timestamp}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The outcome of parsing exposition text; parsing never throws. */
export type PrometheusParseResult =
  { ok: true; families: MetricFamily[] } | { ok: false; line: number; message: string };

/** Parses Go float syntax as the format allows: decimal or exponent notation, Inf/NaN spellings. */
export function parseSampleValue(text: string): number | null {
  const lower = text.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === '+inf' || lower === 'inf' || lower === '+infinity' || lower === 'infinity') {
    return Infinity;
  }
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  return Number(text);
}

/**
 * Parses exposition text into families. Samples are attached to the family declared by `# TYPE`
 * (a histogram `x` owns `x_bucket`, `x_sum`, `x_count`; a summary owns `x`, `x_sum`, `x_count`);
 * a sample with no declaration forms an `untyped` family of its own. Reports the first violation
 * of the format: bad names or escapes, a second TYPE or HELP for a name, a TYPE after that
 * family's samples, or a family whose lines are not one contiguous group.
 */
export function parsePrometheusText(text: string): PrometheusParseResult {
  const families: ParsingFamily[] = [];
  const byName = new Map<string, ParsingFamily>();
  const sawHelp = new Set<string>();
  const closed = new Set<ParsingFamily>();
  let current: ParsingFamily | null = null;

  const enter = (family: ParsingFamily): string | null => {
    if (family === current) return null;
    if (closed.has(family)) return `lines for ${family.name} are not one contiguous group`;
    if (current) closed.add(current);
    current = family;
    return null;
  };
  const getOrCreate = (name: string, type: MetricType): ParsingFamily => {
    let family = byName.get(name);
    if (!family) {
      family = { name, type, samples: [], typeDeclared: false };
      byName.set(name, family);
      families.push(family);
    }
    return family;
  };

  const rawLines = text.split('\n');
  // A trailing newline produces one empty final element; that is not a line of its own.
  if (rawLines.length && rawLines[rawLines.length - 1] === '') rawLines.pop();
  for (let index = 0; index < rawLines.length; index++) {
    const lineNumber = index + 1;
    const line = rawLines[index] ?? '';
    const fail = (message: string): PrometheusParseResult => ({
      ok: false,
      line: lineNumber,
      message,
    });
    if (/^[ \t]*$/.test(line)) continue;
    if (line.startsWith('#')) {
      const match = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
      if (!match) continue; // any other comment is ignored
      const [, keyword, name = '', rest = ''] = match;
      if (!isMetricName(name)) return fail(`invalid metric name "${name}"`);
      if (keyword === 'TYPE') {
        const type = rest.trim() as MetricType;
        if (!METRIC_TYPES.includes(type)) return fail(`unknown metric type "${rest.trim()}"`);
        const existing = byName.get(name);
        if (existing && existing.samples.length)
          return fail(`TYPE for ${name} comes after its samples`);
        if (existing && existing.typeDeclared) return fail(`second TYPE line for ${name}`);
        const family = getOrCreate(name, type);
        family.type = type;
        family.typeDeclared = true;
        const error = enter(family);
        if (error) return fail(error);
      } else {
        if (sawHelp.has(name)) return fail(`second HELP line for ${name}`);
        sawHelp.add(name);
        const help = unescapeHelp(rest);
        if (help === null) return fail(`invalid escape in HELP for ${name}`);
        const family = getOrCreate(name, byName.get(name)?.type ?? 'untyped');
        family.help = help;
        const error = enter(family);
        if (error) return fail(error);
      }
      continue;
    }
    const sample = parseSampleLine(line);
    if (typeof sample === 'string') return fail(sample);
    const family = owningFamily(sample.name, byName) ?? getOrCreate(sample.name, 'untyped');
    const error = enter(family);
    if (error) return fail(error);
    family.samples.push(sample);
  }
  return { ok: true, families: families.map(stripInternal) };
}

/** A family while parsing: remembers whether a TYPE line declared it (HELP alone does not). */
interface ParsingFamily extends MetricFamily {
  typeDeclared: boolean;
}

function stripInternal(family: MetricFamily): MetricFamily {
  const out: MetricFamily = { name: family.name, type: family.type, samples: family.samples };
  if (family.help !== undefined) out.help = family.help;
  return out;
}

function owningFamily(
  sampleName: string,
  byName: Map<string, ParsingFamily>,
): ParsingFamily | null {
  const exact = byName.get(sampleName);
  if (exact && exact.type !== 'histogram') return exact;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = byName.get(sampleName.slice(0, -suffix.length));
    if (!base) continue;
    if (base.type === 'histogram') return base;
    if (base.type === 'summary' && suffix !== '_bucket') return base;
  }
  return exact ?? null;
}

function unescapeHelp(text: string): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = text[++i];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else return null;
  }
  return out;
}

/** Parses `name{labels} value [timestamp]`, returning an error message on failure. */
function parseSampleLine(line: string): MetricSample | string {
  let pos = 0;
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (!nameMatch) return 'expected a metric name';
  const name = nameMatch[0];
  pos = name.length;
  const labels: Record<string, string> = {};
  const skipSpaces = () => {
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
  };
  skipSpaces();
  if (line[pos] === '{') {
    pos++;
    for (;;) {
      skipSpaces();
      if (line[pos] === '}') {
        pos++;
        break;
      }
      const labelMatch = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(pos));
      if (!labelMatch) return `invalid label name in ${name}`;
      const labelName = labelMatch[0];
      pos += labelName.length;
      skipSpaces();
      if (line[pos] !== '=') return `expected "=" after label ${labelName}`;
      pos++;
      skipSpaces();
      if (line[pos] !== '"') return `expected a quoted value for label ${labelName}`;
      pos++;
      let value = '';
      for (;;) {
        const ch = line[pos];
        if (ch === undefined) return `unterminated value for label ${labelName}`;
        pos++;
        if (ch === '"') break;
        if (ch === '\\') {
          const next = line[pos++];
          if (next === '\\') value += '\\';
          else if (next === '"') value += '"';
          else if (next === 'n') value += '\n';
          else return `invalid escape in label ${labelName}`;
        } else {
          value += ch;
        }
      }
      if (Object.hasOwn(labels, labelName)) return `duplicate label ${labelName}`;
      labels[labelName] = value;
      skipSpaces();
      if (line[pos] === ',') {
        pos++;
        continue;
      }
      if (line[pos] === '}') {
        pos++;
        break;
      }
      return `expected "," or "}" in labels of ${name}`;
    }
  }
  const rest = line
    .slice(pos)
    .trim()
    .split(/[ \t]+/);
  if (rest.length < 1 || rest[0] === '' || rest.length > 2) return `expected a value for ${name}`;
  const value = parseSampleValue(rest[0] ?? '');
  if (value === null) return `invalid value "${rest[0] ?? ''}" for ${name}`;
  const sample: MetricSample = { name, labels, value };
  if (rest.length === 2) {
    const ts = rest[1] ?? '';
    if (!/^-?\d+$/.test(ts)) return `invalid timestamp "${ts}" for ${name}`;
    sample.timestampMs = Number(ts);
  }
  return sample;
}

/** One cumulative bucket of a histogram: observations less than or equal to `le`. */
export interface HistogramBucket {
  le: number;
  count: number;
}

/** The buckets, sum and count of one histogram series (one label set other than `le`). */
export interface HistogramSeries {
  labels: Record<string, string>;
  buckets: HistogramBucket[];
  sum: number;
  count: number;
}

/**
 * Groups a histogram family's samples into series and checks the format's histogram rules:
 * every series has `le` buckets in increasing order, counts never decrease, the last bucket is
 * `+Inf`, and its count equals `_count`. Returns the series or a list of violations.
 */
export function readHistogram(
  family: MetricFamily,
): { ok: true; series: HistogramSeries[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const series = new Map<string, HistogramSeries>();
  const keyOf = (labels: Record<string, string>) =>
    JSON.stringify(
      Object.entries(labels)
        .filter(([k]) => k !== 'le')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  const get = (labels: Record<string, string>) => {
    const key = keyOf(labels);
    let entry = series.get(key);
    if (!entry) {
      const rest = { ...labels };
      delete rest['le'];
      entry = { labels: rest, buckets: [], sum: NaN, count: NaN };
      series.set(key, entry);
    }
    return entry;
  };
  if (family.type !== 'histogram')
    return { ok: false, problems: [`${family.name} is not a histogram`] };
  for (const sample of family.samples) {
    const entry = get(sample.labels);
    if (sample.name === `${family.name}_bucket`) {
      const le = parseSampleValue(sample.labels['le'] ?? '');
      if (le === null || Number.isNaN(le))
        problems.push(`bucket without a valid le in ${family.name}`);
      else entry.buckets.push({ le, count: sample.value });
    } else if (sample.name === `${family.name}_sum`) entry.sum = sample.value;
    else if (sample.name === `${family.name}_count`) entry.count = sample.value;
    else problems.push(`unexpected sample ${sample.name} in histogram ${family.name}`);
  }
  for (const entry of series.values()) {
    const where = `${family.name}${keyOf(entry.labels)}`;
    for (let i = 1; i < entry.buckets.length; i++) {
      const prev = entry.buckets[i - 1];
      const cur = entry.buckets[i];
      if (prev && cur && !(cur.le > prev.le)) problems.push(`${where}: le values not increasing`);
      if (prev && cur && cur.count < prev.count) problems.push(`${where}: bucket counts decrease`);
    }
    const last = entry.buckets[entry.buckets.length - 1];
    if (!last || last.le !== Infinity) problems.push(`${where}: no le="+Inf" bucket`);
    else if (last.count !== entry.count) problems.push(`${where}: +Inf bucket differs from _count`);
    if (Number.isNaN(entry.count)) problems.push(`${where}: missing _count`);
    if (Number.isNaN(entry.sum)) problems.push(`${where}: missing _sum`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, series: [...series.values()] };
}

/**
 * Estimates the q-quantile from cumulative buckets the way PromQL's `histogram_quantile` does:
 * find the first bucket whose count reaches rank q·count and interpolate linearly inside it,
 * taking 0 as the lower edge of the first bucket when its bound is positive; a rank in the
 * `+Inf` bucket returns the largest finite bound. Like PromQL: q < 0 gives -Inf, q > 1 gives
 * +Inf, and fewer than two buckets, no `+Inf` bucket or no observations give NaN.
 */
export function histogramQuantile(q: number, buckets: readonly HistogramBucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const last = buckets[buckets.length - 1];
  if (buckets.length < 2 || !last || last.le !== Infinity) return NaN;
  const total = last.count;
  if (!(total > 0)) return NaN;
  const rank = q * total;
  let index = buckets.findIndex((bucket) => bucket.count >= rank);
  if (index < 0) index = buckets.length - 1;
  const bucket = buckets[index];
  if (!bucket) return NaN;
  if (index === buckets.length - 1) return buckets[index - 1]?.le ?? NaN;
  if (index === 0 && bucket.le <= 0) return bucket.le;
  const lowerBound = index === 0 ? 0 : (buckets[index - 1]?.le ?? 0);
  const lowerCount = index === 0 ? 0 : (buckets[index - 1]?.count ?? 0);
  const inBucket = bucket.count - lowerCount;
  if (inBucket <= 0) return bucket.le;
  return lowerBound + ((bucket.le - lowerBound) * (rank - lowerCount)) / inBucket;
}
