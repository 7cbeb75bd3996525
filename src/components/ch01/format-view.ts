/**
 * Rendering for the format chooser: the recommended format first, then why, the calls to save and
 * load it, what still to watch, and the formats passed over with the reason for each. The same
 * structure FormatChooser.astro renders at build time for the default answers.
 */
import type { FormatChoice } from '../../lib/persistence/choose-format';
import { h, type Child } from '../widget/dom';

/** The answer's parts, in reading order. */
export function formatChoiceView(choice: FormatChoice): Child[] {
  return [
    h(
      'p',
      { class: 'ch01-verdict', 'data-tone': 'good' },
      'Use: ',
      h('strong', null, choice.format),
    ),
    h('p', null, h('strong', null, 'Why: '), choice.reason),
    h('pre', { class: 'ch01-calls', tabindex: 0 }, h('code', null, choice.calls.join('\n'))),
    h('p', null, h('strong', null, 'Watch: '), choice.caveat),
    h('p', { class: 'ch01-note' }, 'Passed over:'),
    h(
      'ul',
      { class: 'ch01-findings' },
      ...choice.ruledOut.map((r) => h('li', null, h('strong', null, r.format), `: ${r.why}`)),
    ),
  ];
}

/** The status line after an answer changes. */
export function formatChoiceStatus(choice: FormatChoice): string {
  return `Recommendation: ${choice.format}.`;
}
