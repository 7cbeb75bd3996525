/**
 * The production simulator's tables: the latest drift check per column and the version history.
 * Cells are set as text through the kit's builders.
 */
import type { ProductionSimulation } from '../../lib/production/engine';
import { formatPercent } from '../../lib/format';
import { fill, h } from '../widget/dom';
import type { SimulatorView } from './simulator-layout';

function row(header: string, ...cells: string[]): HTMLTableRowElement {
  return h('tr', null, h('th', { scope: 'row' }, header), ...cells.map((c) => h('td', null, c)));
}

function formatValue(value: number, kind: 'p-value' | 'distance'): string {
  if (Number.isNaN(value)) return '—';
  if (kind === 'p-value') return value < 1e-4 ? value.toExponential(1) : value.toFixed(4);
  return value.toFixed(3);
}

/** The latest drift check, column by column, with its caption. */
export function renderDriftTable(view: SimulatorView, sim: ProductionSimulation): void {
  const { scenario, settings } = sim;
  const unit = scenario.info.requestUnit === 'day' ? 'day' : 'request';
  const latest = sim.driftChecks.at(-1);
  if (latest) {
    const r = latest.result;
    view.driftCaption.textContent = `Last drift check at ${unit} ${latest.step}: the last ${settings.driftWindow} ${unit}s against the ${sim.reference.length} rows the serving model was trained on. ${r.driftedCount} of ${r.testedCount} columns drifted (share ${r.share.toFixed(2)}; the data set drifts at ${r.driftShare}).`;
    fill(
      view.driftRows,
      ...r.columns.map((c) =>
        row(
          c.column,
          c.test,
          `${formatValue(c.value, c.kind)} (${c.kind})`,
          c.kind === 'p-value' ? `p < ${c.threshold}` : `≥ ${c.threshold}`,
          c.error ??
            (c.drifted
              ? latest.persistentColumns.includes(c.column)
                ? 'yes, alert'
                : 'yes'
              : 'no'),
        ),
      ),
    );
  } else {
    view.driftRows.replaceChildren();
    view.driftCaption.textContent = `No drift check yet: the first runs after ${settings.driftWindow} ${unit}s.`;
  }
}

/** One row per model version: when, why, its holdout score against the champion's, its fate. */
export function renderVersions(
  view: SimulatorView,
  sim: ProductionSimulation,
  initialModel: string,
): void {
  fill(
    view.versionRows,
    ...sim.versions.map((v) =>
      row(
        `v${v.version}`,
        String(v.step),
        v.version === 1 ? initialModel : v.reasons.join(', '),
        v.metrics
          ? `${formatPercent(v.metrics.challenger)} vs ${formatPercent(v.metrics.champion)}`
          : '—',
        v.version === sim.championVersion ? 'serving' : v.accepted ? 'replaced' : 'rejected',
      ),
    ),
  );
}
