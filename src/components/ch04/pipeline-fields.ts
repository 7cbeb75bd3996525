/**
 * The pipeline playground's form fields, as data for `Field.astro` (read at build time by
 * PipelinePlayground.astro, PipelineEvent.astro and PipelineGate.astro). Every id is `pp-` and
 * the field's name unless given, and every text field accepts one character more than its limit,
 * so a paste that is too long is kept and answered at the field.
 */
import type { FieldProps } from '../widget/field-props';
import { PLAYGROUND_LIMITS as L, stepChoices } from '../../lib/cicd/playground';
import type { Workflow } from '../../lib/cicd/workflow-model';

/** The props of Field.astro, which every playground field passes. */
export type PipelineFieldProps = FieldProps;
/** One option of a select field. */
type Option = NonNullable<PipelineFieldProps['options']>[number];

type Extra = Omit<PipelineFieldProps, 'id' | 'name' | 'label'>;
const field = (name: string, label: string, extra: Extra, id = `pp-${name}`) => ({
  id,
  name,
  label,
  ...extra,
});
// One more than the limit: see the header.
const max = (limit: number) => limit + 1;

const PRESETS: Option[] = [
  { value: 'ml', label: 'ML pipeline (pipelines/ml-pipeline.github.yml)' },
  { value: 'ci', label: "This booklet's CI (.github/workflows/ci.yml)" },
  { value: 'deploy', label: "This booklet's deploy (.github/workflows/deploy.yml)" },
  { value: 'broken', label: 'A broken workflow (six mistakes)' },
];

const EVENTS: Option[] = [
  { value: 'push', label: 'Push to a branch' },
  { value: 'pull_request', label: 'Pull request' },
  { value: 'tag', label: 'Push of a tag' },
  { value: 'workflow_dispatch', label: 'Manual run (workflow_dispatch)' },
  { value: 'schedule', label: 'Schedule' },
];

/** Section 1: the preset picker and the workflow editor, which starts with `yaml`. */
export const workflowFields = (yaml: string) => ({
  preset: field('preset', 'Preset', { kind: 'select', value: 'ml', options: PRESETS }),
  yaml: field('yaml', 'Workflow YAML', {
    kind: 'textarea',
    rows: 22,
    value: yaml,
    maxlength: max(L.workflow),
    class: 'pp-editor',
    hint: `The checks and the graph update a quarter of a second after you stop typing (up to ${L.workflow.toLocaleString('en-US')} characters). Loading a preset replaces the text.`,
  }),
});

/** Section 2: the event and the fields each kind of event uses. */
export const EVENT_FIELDS = {
  event: field('event', 'What happens', { kind: 'select', value: 'tag', options: EVENTS }),
  branch: field('branch', 'Branch', { value: 'main', maxlength: max(L.ref) }),
  base: field('base', "Base branch (the pull request's target)", {
    value: 'main',
    maxlength: max(L.ref),
  }),
  tag: field('tag', 'Tag', { value: 'v1.0.0', maxlength: max(L.ref) }),
  paths: field('paths', 'Changed files, one per line (leave empty if not known)', {
    kind: 'textarea',
    rows: 3,
    value: 'src/lib/model/train.ts',
    maxlength: max(L.paths),
  }),
};

/** Section 3: which step fails (choices from `workflow`) and whether production needs a reviewer. */
export const runFields = (workflow: Workflow) => ({
  fail: field('fail', 'Make a step fail', {
    kind: 'select',
    value: '',
    options: [{ value: '', label: 'No step fails' }, ...stepChoices(workflow)],
  }),
  protect: field('protect', "The production environment requires a reviewer's approval", {
    kind: 'checkbox',
    checked: true,
  }),
});

const number = (value: string, inputmode: 'decimal' | 'numeric', size: number): Extra => ({
  value,
  inputmode,
  size,
  maxlength: max(L.number),
});

/** Section 4: the candidate's training settings, the gate's tolerance and the missing-card switch. */
export const GATE_FIELDS: PipelineFieldProps[] = [
  field('seed', 'Seed', number('42', 'numeric', 8)),
  field('epochs', 'Epochs', number('200', 'numeric', 6)),
  field('learningRate', 'Learning rate', number('1', 'decimal', 6), 'pp-lr'),
  field('tolerance', 'Tolerance (accuracy may drop by)', number('0.01', 'decimal', 6)),
  field(
    'noProduction',
    'The production model card could not be fetched',
    { kind: 'checkbox' },
    'pp-no-production',
  ),
];
