/**
 * Jupyter notebook (nbformat 4.5) types, construction, serialization and validation.
 *
 * The validation rules are written from the published schema `nbformat/v4/nbformat.v4.5.schema.json`
 * (jupyter/nbformat, JSON Schema draft-04), restricted to what this project emits and what a reader
 * could upload: the notebook root, the three cell kinds, their metadata, attachments and the four
 * output kinds. Cell-id uniqueness is not expressible in that schema; nbformat's validator checks it
 * separately, and so does `validateNotebook`.
 */

/** A cell's text: one string, or lines each keeping its trailing newline (schema `misc/multiline_string`). */
export type MultilineString = string | string[];

/** Free-form cell metadata; the schema allows additional properties on it. */
export type CellMetadata = Record<string, unknown>;

/** A markdown cell (schema `markdown_cell`). */
export interface MarkdownCell {
  id: string;
  cell_type: 'markdown';
  metadata: CellMetadata;
  source: MultilineString;
  attachments?: Record<string, Record<string, unknown>>;
}

/** A code cell (schema `code_cell`); this project always emits it unexecuted. */
export interface CodeCell {
  id: string;
  cell_type: 'code';
  metadata: CellMetadata;
  source: MultilineString;
  outputs: unknown[];
  execution_count: number | null;
}

/** A raw cell (schema `raw_cell`). */
export interface RawCell {
  id: string;
  cell_type: 'raw';
  metadata: CellMetadata;
  source: MultilineString;
  attachments?: Record<string, Record<string, unknown>>;
}

/** Any cell of an nbformat 4.5 notebook. */
export type NotebookCell = MarkdownCell | CodeCell | RawCell;

/** Root-level notebook metadata as this project writes it. */
export interface NotebookMetadata {
  kernelspec: { name: string; display_name: string; language: string };
  language_info: { name: string; file_extension: string; mimetype: string };
  title?: string;
  [key: string]: unknown;
}

/** An nbformat 4.5 notebook. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: NotebookMetadata;
  cells: NotebookCell[];
}

/** Options for `buildNotebook`. */
export interface NotebookMeta {
  /** Document title, stored as `metadata.title` (a property the schema defines). */
  title?: string;
}

/**
 * Splits text into nbformat's line list: every line keeps its `\n`, the last one may lack it
 * (the shape `nbformat` itself writes, so diffs of generated notebooks stay line-based).
 */
export function toSourceLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Joins a cell source (string or line list) back into one string. */
export function sourceText(source: MultilineString): string {
  return typeof source === 'string' ? source : source.join('');
}

/** Assembles an nbformat 4.5 notebook for a Python 3 kernel. */
export function buildNotebook(cells: readonly NotebookCell[], meta: NotebookMeta = {}): Notebook {
  const metadata: NotebookMetadata = {
    kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
    language_info: { name: 'python', file_extension: '.py', mimetype: 'text/x-python' },
  };
  if (meta.title !== undefined) metadata.title = meta.title;
  return { nbformat: 4, nbformat_minor: 5, metadata, cells: [...cells] };
}

/** Recursively copies a JSON value with object keys in code-point order. */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = sortKeysDeep(child);
    }
    return sorted;
  }
  return value;
}

/**
 * Serializes a notebook the way nbformat's writer does (`json.dumps(nb, sort_keys=True, indent=1,
 * ensure_ascii=False)` plus a final newline), so the same notebook always gives the same bytes.
 */
export function serializeNotebook(notebook: Notebook): string {
  return `${JSON.stringify(sortKeysDeep(notebook), null, 1)}\n`;
}

/** One schema violation, located by a JSONPath-style path such as `$.cells[2].id`. */
export interface NotebookValidationError {
  path: string;
  message: string;
}

/** Outcome of `validateNotebook`: valid exactly when `errors` is empty. */
export interface NotebookValidationResult {
  valid: boolean;
  errors: NotebookValidationError[];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function has(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** `definitions/cell_id`: the hyphen is placed last so the class is unambiguous in any regex mode. */
const CELL_ID_PATTERN = /^[a-zA-Z0-9_-]+$/;
/** `misc/metadata_name` pattern `^.+$`: non-empty, and `.` excludes line terminators as in ECMA-262. */
const METADATA_NAME_PATTERN = /^.+$/;
/** `misc/metadata_tags` item pattern `^[^,]+$`. */
const TAG_PATTERN = /^[^,]+$/;
/** `misc/mimebundle` pattern property: JSON mimetypes may hold any JSON value. */
const JSON_MIMETYPE_PATTERN = /^application\/(.*\+)?json$/;

const NOTEBOOK_KEYS = ['metadata', 'nbformat_minor', 'nbformat', 'cells'];
const CELL_KEYS: Record<'raw' | 'markdown' | 'code', { required: string[]; allowed: string[] }> = {
  raw: { required: ['id', 'cell_type', 'metadata', 'source'], allowed: ['attachments'] },
  markdown: { required: ['id', 'cell_type', 'metadata', 'source'], allowed: ['attachments'] },
  code: {
    required: ['id', 'cell_type', 'metadata', 'source', 'outputs', 'execution_count'],
    allowed: [],
  },
};
const OUTPUT_KEYS: Record<string, string[]> = {
  execute_result: ['output_type', 'data', 'metadata', 'execution_count'],
  display_data: ['output_type', 'data', 'metadata'],
  stream: ['output_type', 'name', 'text'],
  error: ['output_type', 'ename', 'evalue', 'traceback'],
};

/** Collects errors while walking the document. */
class Checker {
  readonly errors: NotebookValidationError[] = [];

  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  /** Reports missing required keys and keys outside `allowed` (schema `additionalProperties: false`). */
  keys(object: JsonObject, path: string, required: readonly string[], optional: readonly string[]) {
    for (const key of required) {
      if (!has(object, key)) this.fail(path, `missing required property "${key}"`);
    }
    for (const key of Object.keys(object)) {
      if (!required.includes(key) && !optional.includes(key)) {
        this.fail(`${path}.${key}`, `unexpected property "${key}"`);
      }
    }
  }

  string(value: unknown, path: string): void {
    if (typeof value !== 'string') this.fail(path, `expected string, got ${describe(value)}`);
  }

  multilineString(value: unknown, path: string): void {
    if (typeof value === 'string') return;
    if (!Array.isArray(value)) {
      this.fail(path, `expected string or array of strings, got ${describe(value)}`);
      return;
    }
    value.forEach((item, i) => {
      if (typeof item !== 'string')
        this.fail(`${path}[${i}]`, `expected string, got ${describe(item)}`);
    });
  }

  executionCount(value: unknown, path: string): void {
    if (value === null) return;
    if (!isInteger(value)) this.fail(path, `expected integer or null, got ${describe(value)}`);
    else if (value < 0) this.fail(path, 'must be at least 0');
  }

  mimebundle(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.fail(path, `expected object, got ${describe(value)}`);
      return;
    }
    for (const [mimetype, data] of Object.entries(value)) {
      if (!JSON_MIMETYPE_PATTERN.test(mimetype))
        this.multilineString(data, `${path}["${mimetype}"]`);
    }
  }

  attachments(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.fail(path, `expected object, got ${describe(value)}`);
      return;
    }
    for (const [name, bundle] of Object.entries(value))
      this.mimebundle(bundle, `${path}["${name}"]`);
  }

  /** Metadata common to every cell kind: `name` and `tags` (schema `misc/metadata_*`). */
  cellMetadata(value: unknown, path: string, cellType: 'raw' | 'markdown' | 'code'): void {
    if (!isObject(value)) {
      this.fail(path, `expected object, got ${describe(value)}`);
      return;
    }
    if (has(value, 'name')) {
      const name = value['name'];
      if (typeof name !== 'string')
        this.fail(`${path}.name`, `expected string, got ${describe(name)}`);
      else if (!METADATA_NAME_PATTERN.test(name))
        this.fail(`${path}.name`, 'must be a non-empty single line');
    }
    if (has(value, 'tags')) this.tags(value['tags'], `${path}.tags`);
    if (has(value, 'jupyter') && !isObject(value['jupyter'])) {
      this.fail(`${path}.jupyter`, `expected object, got ${describe(value['jupyter'])}`);
    }
    if (cellType === 'raw' && has(value, 'format')) this.string(value['format'], `${path}.format`);
    if (cellType === 'code') {
      if (has(value, 'collapsed') && typeof value['collapsed'] !== 'boolean') {
        this.fail(`${path}.collapsed`, `expected boolean, got ${describe(value['collapsed'])}`);
      }
      if (has(value, 'scrolled')) {
        const scrolled = value['scrolled'];
        if (scrolled !== true && scrolled !== false && scrolled !== 'auto') {
          this.fail(`${path}.scrolled`, 'must be true, false or "auto"');
        }
      }
      if (has(value, 'execution')) {
        const execution = value['execution'];
        if (!isObject(execution)) {
          this.fail(`${path}.execution`, `expected object, got ${describe(execution)}`);
        } else {
          // The schema's pattern property `^.*$` makes every execution timestamp a string.
          for (const [key, stamp] of Object.entries(execution)) {
            this.string(stamp, `${path}.execution["${key}"]`);
          }
        }
      }
    }
  }

  tags(value: unknown, path: string): void {
    if (!Array.isArray(value)) {
      this.fail(path, `expected array, got ${describe(value)}`);
      return;
    }
    const seen = new Set<string>();
    value.forEach((tag, i) => {
      if (typeof tag !== 'string')
        this.fail(`${path}[${i}]`, `expected string, got ${describe(tag)}`);
      else if (!TAG_PATTERN.test(tag))
        this.fail(`${path}[${i}]`, 'tags must be non-empty and contain no comma');
      else if (seen.has(tag)) this.fail(`${path}[${i}]`, `duplicate tag "${tag}"`);
      else seen.add(tag);
    });
  }

  output(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.fail(path, `expected object, got ${describe(value)}`);
      return;
    }
    const outputType = value['output_type'];
    const keys = typeof outputType === 'string' ? OUTPUT_KEYS[outputType] : undefined;
    if (keys === undefined) {
      this.fail(
        `${path}.output_type`,
        'must be one of execute_result, display_data, stream, error',
      );
      return;
    }
    this.keys(value, path, keys, []);
    if (has(value, 'data')) this.mimebundle(value['data'], `${path}.data`);
    if (has(value, 'metadata') && !isObject(value['metadata'])) {
      this.fail(`${path}.metadata`, `expected object, got ${describe(value['metadata'])}`);
    }
    if (outputType === 'execute_result' && has(value, 'execution_count')) {
      this.executionCount(value['execution_count'], `${path}.execution_count`);
    }
    if (outputType === 'stream') {
      if (has(value, 'name')) this.string(value['name'], `${path}.name`);
      if (has(value, 'text')) this.multilineString(value['text'], `${path}.text`);
    }
    if (outputType === 'error') {
      if (has(value, 'ename')) this.string(value['ename'], `${path}.ename`);
      if (has(value, 'evalue')) this.string(value['evalue'], `${path}.evalue`);
      const traceback = value['traceback'];
      if (has(value, 'traceback')) {
        if (!Array.isArray(traceback)) this.fail(`${path}.traceback`, 'expected array of strings');
        else traceback.forEach((line, i) => this.string(line, `${path}.traceback[${i}]`));
      }
    }
  }

  cell(value: unknown, path: string, ids: Map<string, number>, index: number): void {
    if (!isObject(value)) {
      this.fail(path, `expected object, got ${describe(value)}`);
      return;
    }
    const cellType = value['cell_type'];
    if (cellType !== 'raw' && cellType !== 'markdown' && cellType !== 'code') {
      this.fail(`${path}.cell_type`, 'must be one of raw, markdown, code');
      return;
    }
    const keys = CELL_KEYS[cellType];
    this.keys(value, path, keys.required, keys.allowed);
    if (has(value, 'id')) {
      const id = value['id'];
      if (typeof id !== 'string') {
        this.fail(`${path}.id`, `expected string, got ${describe(id)}`);
      } else if (id.length < 1 || id.length > 64) {
        this.fail(`${path}.id`, 'must be 1 to 64 characters long');
      } else if (!CELL_ID_PATTERN.test(id)) {
        this.fail(`${path}.id`, 'may contain only letters, digits, "-" and "_"');
      } else {
        const first = ids.get(id);
        if (first !== undefined)
          this.fail(`${path}.id`, `duplicate id "${id}" (first used by cells[${first}])`);
        else ids.set(id, index);
      }
    }
    if (has(value, 'metadata')) this.cellMetadata(value['metadata'], `${path}.metadata`, cellType);
    if (has(value, 'source')) this.multilineString(value['source'], `${path}.source`);
    if (has(value, 'attachments') && cellType !== 'code') {
      this.attachments(value['attachments'], `${path}.attachments`);
    }
    if (cellType === 'code') {
      if (has(value, 'outputs')) {
        const outputs = value['outputs'];
        if (!Array.isArray(outputs))
          this.fail(`${path}.outputs`, `expected array, got ${describe(outputs)}`);
        else outputs.forEach((output, i) => this.output(output, `${path}.outputs[${i}]`));
      }
      if (has(value, 'execution_count'))
        this.executionCount(value['execution_count'], `${path}.execution_count`);
    }
  }

  rootMetadata(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.fail(path, `expected object, got ${describe(value)}`);
      return;
    }
    if (has(value, 'kernelspec')) {
      const spec = value['kernelspec'];
      if (!isObject(spec))
        this.fail(`${path}.kernelspec`, `expected object, got ${describe(spec)}`);
      else {
        for (const key of ['name', 'display_name']) {
          if (!has(spec, key))
            this.fail(`${path}.kernelspec`, `missing required property "${key}"`);
          else this.string(spec[key], `${path}.kernelspec.${key}`);
        }
      }
    }
    if (has(value, 'language_info')) {
      const info = value['language_info'];
      if (!isObject(info))
        this.fail(`${path}.language_info`, `expected object, got ${describe(info)}`);
      else {
        if (!has(info, 'name'))
          this.fail(`${path}.language_info`, 'missing required property "name"');
        for (const key of ['name', 'file_extension', 'mimetype', 'pygments_lexer']) {
          if (has(info, key)) this.string(info[key], `${path}.language_info.${key}`);
        }
        if (has(info, 'codemirror_mode')) {
          const mode = info['codemirror_mode'];
          if (typeof mode !== 'string' && !isObject(mode)) {
            this.fail(`${path}.language_info.codemirror_mode`, 'expected string or object');
          }
        }
      }
    }
    if (has(value, 'orig_nbformat')) {
      const orig = value['orig_nbformat'];
      if (!isInteger(orig) || orig < 1)
        this.fail(`${path}.orig_nbformat`, 'expected integer of at least 1');
    }
    if (has(value, 'title')) this.string(value['title'], `${path}.title`);
    if (has(value, 'authors') && !Array.isArray(value['authors'])) {
      this.fail(`${path}.authors`, `expected array, got ${describe(value['authors'])}`);
    }
  }
}

/**
 * Checks a parsed notebook against the nbformat v4.5 schema rules listed in this file's header.
 * Never throws: every problem comes back as an error with its JSONPath.
 */
export function validateNotebook(json: unknown): NotebookValidationResult {
  const check = new Checker();
  if (!isObject(json)) {
    check.fail('$', `expected object, got ${describe(json)}`);
    return { valid: false, errors: check.errors };
  }
  check.keys(json, '$', NOTEBOOK_KEYS, []);
  if (has(json, 'nbformat')) {
    const major = json['nbformat'];
    if (!isInteger(major)) check.fail('$.nbformat', `expected integer, got ${describe(major)}`);
    else if (major !== 4) check.fail('$.nbformat', `must be 4, got ${major}`);
  }
  if (has(json, 'nbformat_minor')) {
    const minor = json['nbformat_minor'];
    if (!isInteger(minor))
      check.fail('$.nbformat_minor', `expected integer, got ${describe(minor)}`);
    else if (minor < 5)
      check.fail('$.nbformat_minor', `must be at least 5 for cell ids, got ${minor}`);
  }
  if (has(json, 'metadata')) check.rootMetadata(json['metadata'], '$.metadata');
  if (has(json, 'cells')) {
    const cells = json['cells'];
    if (!Array.isArray(cells)) check.fail('$.cells', `expected array, got ${describe(cells)}`);
    else {
      const ids = new Map<string, number>();
      cells.forEach((cell, i) => check.cell(cell, `$.cells[${i}]`, ids, i));
    }
  }
  return { valid: check.errors.length === 0, errors: check.errors };
}
