/**
 * The simulator's logic, loaded by the scaling-simulator widget with one dynamic `import()` when
 * the reader reaches or touches it, so it costs nothing at page load.
 */
export {
  createSimulation,
  type SimulationConfig,
  type SimulationResult,
} from '../../lib/sim/queueing';
export {
  arrivalRateSweep,
  capacity,
  mmcTheory,
  offeredUtilization,
  parseSimulatorInput,
  policyComparison,
  POLICY_LABELS,
  type SimulatorField,
  type SimulatorInput,
  type TheoryFigures,
} from '../../lib/sim/scenario';
export { quantiles } from '../../lib/stats/quantile';
