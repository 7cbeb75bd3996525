/**
 * A small, defensive CSV reader following RFC 4180: comma-separated fields, records ended by LF
 * or CRLF, fields optionally wrapped in double quotes, with "" standing for a quote inside them.
 * It never throws; anything malformed is described in `problems` and read as best it can be.
 */

/** Something malformed in the input, with the 1-based line where its record starts. */
export interface CsvProblem {
  line: number;
  message: string;
}

/** One record's fields and the 1-based line on which it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The header row, the data records, and any problems found. */
export interface ParsedCsv {
  header: string[];
  records: CsvRecord[];
  problems: CsvProblem[];
}

/** Parses CSV text; the first record is the header. Blank lines are skipped. */
export function parseCsv(text: string): ParsedCsv {
  const problems: CsvProblem[] = [];
  const all: CsvRecord[] = [];
  // A UTF-8 byte-order mark decoded as text would otherwise stick to the first header name.
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field began with a quote
  let line = 1;
  let recordLine = 1;

  const endField = (): void => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = (): void => {
    endField();
    // A blank line is one empty unquoted field: skip it rather than produce an empty record.
    if (!(fields.length === 1 && fields[0] === '')) all.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (ch === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else {
      if (ch === '"' || wasQuoted) {
        problems.push({
          line,
          message: wasQuoted
            ? 'text after a closing quote; kept as part of the field'
            : 'a quote inside an unquoted field; kept as a literal quote',
        });
      }
      field += ch;
    }
  }
  if (quoted) problems.push({ line: recordLine, message: 'a quoted field is never closed' });
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();

  const [head, ...records] = all;
  return { header: head?.fields ?? [], records, problems };
}
