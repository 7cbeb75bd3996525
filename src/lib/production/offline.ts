/**
 * Whole simulator runs without onnxruntime, for build-time tables and benches: the first model is
 * trained with createTrainer (the same code and settings the page uses) and served by the plain
 * TypeScript forward pass. Latencies are not measured here (a frozen clock), so a run is exactly
 * repeatable.
 */
import { createTrainer } from '../model/train';
import type { SoftmaxModel } from '../model/types';
import { createProductionSimulation, type ProductionSimulation } from './engine';
import { typeScriptDeployer, typeScriptPredictor } from './predictor';
import type { ProductionScenario } from './scenarios';
import type { SimulationSettings } from './settings';

/** Trains the scenario's first model on its training rows. */
export function trainInitialModel(scenario: ProductionScenario): SoftmaxModel {
  const trainer = createTrainer(
    {
      ...scenario.training,
      featureNames: scenario.featureNames,
      featureUnits: scenario.featureUnits,
      classes: scenario.classes,
    },
    scenario.trainOptions,
  );
  trainer.step(scenario.trainOptions.epochs);
  return trainer.model();
}

/** Runs `scenario` to the end with the TypeScript predictor and returns the finished simulation. */
export async function runOffline(
  scenario: ProductionScenario,
  settings: SimulationSettings = scenario.defaults,
): Promise<ProductionSimulation> {
  const frozen = () => 0;
  const sim = createProductionSimulation(
    scenario,
    settings,
    typeScriptPredictor(trainInitialModel(scenario), frozen),
    typeScriptDeployer(frozen),
  );
  while (!sim.done) await sim.tick();
  await sim.dispose();
  return sim;
}
