/**
 * Structured logging: one JSON object per line, so a log shipper (or chapter 5's reader) can
 * parse every field without regular expressions.
 */

/** Severity of a log record. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One log record: a level, a short message and any structured fields. */
export interface LogRecord {
  level: LogLevel;
  msg: string;
  [field: string]: unknown;
}

/** Where the app sends its log records. */
export interface Logger {
  /** Records one event. Must not throw. */
  log(record: LogRecord): void;
}

/**
 * A logger that writes each record as one JSON line with a `time` field (ISO 8601) first.
 * Values JSON cannot represent (bigint, cycles) are replaced, so logging never throws.
 */
export function createJsonLineLogger(
  write: (line: string) => void,
  now: () => number = Date.now,
): Logger {
  return {
    log(record) {
      write(toJsonLine({ time: new Date(now()).toISOString(), ...record }));
    },
  };
}

/** A logger that keeps records in memory, for tests and for the page's log panel. */
export function createMemoryLogger(): Logger & { readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  return {
    records,
    log(record) {
      records.push(record);
    },
  };
}

/** A logger that discards everything. */
export const silentLogger: Logger = { log() {} };

/** Serializes a record as one line of JSON, never throwing. */
export function toJsonLine(record: Record<string, unknown>): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(record, (_key, value: unknown) => {
      if (typeof value === 'bigint') return value.toString();
      if (value instanceof Error)
        return { name: value.name, message: value.message, stack: value.stack };
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) return '[repeated]';
        seen.add(value);
      }
      return value;
    });
  } catch {
    return JSON.stringify({ level: 'error', msg: 'unserializable log record' });
  }
}
