/**
 * Everything the train-and-verify widget needs from src/lib, gathered in one module so the page
 * loads it (and zod, which the validators use) with one dynamic import on first use, not at
 * page load.
 */
export { FEATURE_BOUNDS } from '../../lib/api/schemas';
export { parsePenguinsPayload } from '../../lib/data/payload';
export { penguinFeatureVector, PENGUIN_FEATURE_NAMES } from '../../lib/data/penguins';
export { validateMeasurementText, validateTrainForm } from '../../lib/model/form-input';
export { compareWithRuntime, PARITY_TOLERANCE } from '../../lib/model/parity';
export { trainPenguinRun, type PenguinRun } from '../../lib/model/penguin-run';
export { predictProba, predictRow } from '../../lib/model/predict';
export { serializedSizes } from '../../lib/model/serialized-size';
export { timePasses } from '../../lib/model/timing';
export { TrainingCancelled } from '../../lib/model/train';
