/**
 * Runs GitHub's own workflow parser (`@actions/workflow-parser`, the parser and schema of GitHub's
 * Actions language services) over a workflow file and returns each error with its 1-based line
 * and column, plus what GitHub's schema expects at that place, so `./github-validate` can say it
 * as a sentence. It never throws.
 */
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import { ErrorPolicy } from '@actions/workflow-parser/model/convert';
import type { Definition } from '@actions/workflow-parser/templates/schema/definition';
import { DefinitionInfo } from '@actions/workflow-parser/templates/schema/definition-info';
import { DefinitionType } from '@actions/workflow-parser/templates/schema/definition-type';
import type { MappingDefinition } from '@actions/workflow-parser/templates/schema/mapping-definition';
import type { OneOfDefinition } from '@actions/workflow-parser/templates/schema/one-of-definition';
import type { StringDefinition } from '@actions/workflow-parser/templates/schema/string-definition';
import { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { TokenType } from '@actions/workflow-parser/templates/tokens/types';
import { getWorkflowSchema } from '@actions/workflow-parser/workflows/workflow-schema';

/** What GitHub's schema accepts at one place of a workflow. */
export interface SchemaExpectation {
  /** Keys a map here may have. */
  keys: string[];
  /** Fixed words a value here may be (event names, `read`/`write`/`none`, ...). */
  words: string[];
  /** Other kinds of value accepted, as phrases (`text`, `a number`, `a map`, `a list`, ...). */
  kinds: string[];
  /** Contexts a `${{ }}` expression may use here; empty when expressions are not allowed. */
  contexts: string[];
}

/** One error reported by GitHub's parser. */
export interface ParserFinding {
  /** GitHub's message, unchanged. */
  message: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** What the schema expects at that place, when the parser's tree can tell. */
  expected: SchemaExpectation | null;
}

function startsAt(token: TemplateToken, line: number, column: number): boolean {
  const start = token.range?.start;
  return start !== undefined && start.line === line && start.column === column;
}

function containsPosition(token: TemplateToken, line: number, column: number): boolean {
  const r = token.range;
  if (!r) return false;
  const after = line > r.start.line || (line === r.start.line && column >= r.start.column);
  const before = line < r.end.line || (line === r.end.line && column < r.end.column);
  return after && before;
}

/** A definition with its `one-of` alternatives expanded, however deeply they nest. */
function alternatives(definition: Definition, seen = new Set<string>()): Definition[] {
  if (definition.definitionType !== DefinitionType.OneOf) return [definition];
  if (seen.has(definition.key)) return [];
  seen.add(definition.key);
  const schema = getWorkflowSchema();
  return (definition as OneOfDefinition).oneOf.flatMap((name) =>
    alternatives(schema.getDefinition(name), seen),
  );
}

/** Describes a definition of GitHub's schema as keys, fixed words and kinds of value. */
export function describeDefinition(info: DefinitionInfo): SchemaExpectation {
  const all = alternatives(info.definition);
  const ofType = (type: DefinitionType) => all.filter((d) => d.definitionType === type);
  const maps = ofType(DefinitionType.Mapping) as MappingDefinition[];
  const strings = ofType(DefinitionType.String) as StringDefinition[];
  const kinds: string[] = [];
  if (strings.some((s) => !s.constant)) kinds.push('text');
  if (ofType(DefinitionType.Number).length > 0) kinds.push('a number');
  if (ofType(DefinitionType.Boolean).length > 0) kinds.push('`true` or `false`');
  if (ofType(DefinitionType.Sequence).length > 0) kinds.push('a list');
  if (maps.length > 0) kinds.push('a map');
  return {
    keys: [...new Set(maps.flatMap((m) => Object.keys(m.properties)))],
    words: [...new Set(strings.flatMap((s) => (s.constant ? [s.constant] : [])))],
    kinds,
    // Entries such as `hashFiles(1,255)` are functions, not contexts.
    contexts: info.allowedContext.filter((c) => !c.includes('(')),
  };
}

/**
 * The schema expectation at a position: the slot of a value that starts there (the key token
 * carries the definition of its value), or, for a key the parser dropped, the map around it.
 */
function expectationAt(
  root: TemplateToken | undefined,
  line: number,
  column: number,
): SchemaExpectation | null {
  if (!root) return null;
  let innermostMap: TemplateToken | undefined;
  for (const [parent, token, key] of TemplateToken.traverse(root)) {
    if (startsAt(token, line, column) && key?.definitionInfo) {
      return describeDefinition(key.definitionInfo);
    }
    if (startsAt(token, line, column) && parent?.definitionInfo && !key) {
      const sequence = alternatives(parent.definitionInfo.definition).find(
        (d) => d.definitionType === DefinitionType.Sequence,
      ) as { itemType?: string } | undefined;
      if (sequence?.itemType) {
        return describeDefinition(new DefinitionInfo(parent.definitionInfo, sequence.itemType));
      }
    }
    if (token.templateTokenType === TokenType.Mapping && containsPosition(token, line, column)) {
      innermostMap = token;
    }
  }
  return innermostMap?.definitionInfo ? describeDefinition(innermostMap.definitionInfo) : null;
}

/** Parses workflow text with GitHub's parser and converter; returns every error; never throws. */
export function parseWithGitHub(text: string): ParserFinding[] {
  try {
    const parsed = parseWorkflow(
      { name: 'workflow.yml', content: text },
      new NoOperationTraceWriter(),
    );
    if (parsed.value) {
      // The converter adds the checks that span the file (duplicate step ids, `needs`, cron).
      // It is async only to fetch reusable workflows; without a file provider it never awaits, so
      // its errors are in the context when the call returns (a unit test holds it to that).
      convertWorkflowTemplate(parsed.context, parsed.value, undefined, {
        errorPolicy: ErrorPolicy.TryConversion,
      }).catch(() => undefined);
    }
    return parsed.context.errors.getErrors().map((error) => {
      const start = error.range?.start ?? { line: 1, column: 1 };
      return {
        message: error.rawMessage,
        line: start.line,
        column: start.column,
        expected: expectationAt(parsed.value, start.line, start.column),
      };
    });
  } catch (cause) {
    return [
      {
        message: `GitHub's parser stopped (${String(cause)})`,
        line: 1,
        column: 1,
        expected: null,
      },
    ];
  }
}
