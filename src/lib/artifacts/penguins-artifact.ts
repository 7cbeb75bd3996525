/**
 * The booklet's published model artifact: the default penguin classifier as ONNX bytes plus its
 * model card. The site build (src/pages/models/*) and `npm run build:model` both call this, so the
 * file a reader downloads, the one the API server loads and the one the Docker image ships are
 * produced by the same code from the same data.
 */
import { sha256Hex } from '../data/hash';
import { encodeSoftmaxModel, DEFAULT_IR_VERSION, DEFAULT_OPSET_VERSION } from '../onnx/encode';
import { trainDefaultPenguinModel, type DefaultPenguinModel } from '../model/default-model';

/** A model card: what the model is, what it was trained on, how well it does, and its limits. */
export interface ModelCard {
  name: string;
  version: string;
  task: string;
  intendedUse: string;
  limitations: string[];
  data: {
    source: string;
    rawRecords: number;
    trainingRows: number;
    testRows: number;
    droppedRows: number;
    keptWithUnknownSex: number;
    cleaning: string;
    sha256OfTrainingRows: string;
  };
  features: { name: string; unit: string; mean: number; std: number }[];
  classes: string[];
  /** Headline held-out metrics, flat, for pipelines (the CI quality gate reads `metrics.accuracy`). */
  metrics: { accuracy: number; log_loss: number };
  training: {
    algorithm: string;
    seed: number;
    epochs: number;
    learningRate: number;
    l2: number;
    testFraction: number;
    finalTrainingLoss: number;
  };
  evaluation: {
    heldOutAccuracy: number;
    heldOutLogLoss: number;
    confusion: { rows: string; columns: string; matrix: number[][] };
    perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  };
  artifact: {
    file: string;
    format: string;
    irVersion: number;
    opsetVersion: number;
    bytes: number;
    sha256: string;
    inputs: string;
    outputs: string;
  };
}

/** The ONNX bytes, the card and the training run they came from. */
export interface PenguinArtifact {
  onnx: Uint8Array;
  card: ModelCard;
  run: DefaultPenguinModel;
}

/** Trains the default model on raw penguins.json and packages it with its model card. */
export async function buildPenguinArtifact(rawPenguins: unknown): Promise<PenguinArtifact> {
  const run = await trainDefaultPenguinModel(rawPenguins);
  const { model, report, split, metrics, settings, history } = run;
  const onnx = encodeSoftmaxModel(model);
  const last = history[history.length - 1];
  const card: ModelCard = {
    name: 'Palmer penguins species classifier',
    version: model.provenance.version,
    task: 'Classify a penguin as Adelie, Chinstrap or Gentoo from four body measurements.',
    intendedUse:
      'Teaching: the running example of the MLOps Booklet. Not for research or field use.',
    limitations: [
      'Trained on 342 penguins from three islands of the Palmer Archipelago, Antarctica (2007–2009); measurements from other populations may not follow the same distributions.',
      'Uses only the four measurements; island and sex are not inputs.',
      'The held-out set is small (about 70 penguins), so the accuracy estimate is coarse: one error moves it by about 1.4 percentage points.',
      'Inputs outside the ranges seen in training are extrapolated without warning by the model itself; the API validates ranges before calling it.',
    ],
    data: {
      source: 'vega-datasets penguins.json (Palmer penguins, Gorman, Williams & Fraser 2014)',
      rawRecords: report.rawRecords,
      trainingRows: split.train.length,
      testRows: split.test.length,
      droppedRows: report.droppedRows,
      keptWithUnknownSex: report.keptWithUnknownSex,
      cleaning:
        'Rows missing any of the four measurements or the species are dropped; rows missing only sex are kept.',
      sha256OfTrainingRows: model.provenance.dataHash,
    },
    features: model.featureNames.map((name, i) => ({
      name,
      unit: model.featureUnits[i] ?? '',
      mean: model.mean[i] ?? Number.NaN,
      std: model.std[i] ?? Number.NaN,
    })),
    classes: [...model.classes],
    metrics: { accuracy: metrics.accuracy, log_loss: metrics.logLoss },
    training: {
      algorithm:
        'Multinomial logistic (softmax) regression, full-batch gradient descent with L2, inputs standardized on the training split',
      seed: settings.seed,
      epochs: settings.epochs,
      learningRate: settings.learningRate,
      l2: settings.l2,
      testFraction: settings.testFraction,
      finalTrainingLoss: last?.loss ?? Number.NaN,
    },
    evaluation: {
      heldOutAccuracy: metrics.accuracy,
      heldOutLogLoss: metrics.logLoss,
      confusion: { rows: 'true species', columns: 'predicted species', matrix: metrics.confusion },
      perClass: metrics.perClass.map((c) => ({ ...c })),
    },
    artifact: {
      file: 'penguins.onnx',
      format: 'ONNX',
      irVersion: DEFAULT_IR_VERSION,
      opsetVersion: DEFAULT_OPSET_VERSION,
      bytes: onnx.length,
      sha256: await sha256Hex(onnx),
      inputs:
        'features: float32 [batch, 4] (beak_length_mm, beak_depth_mm, flipper_length_mm, body_mass_g), raw units',
      outputs:
        'probabilities: float32 [batch, 3] (Adelie, Chinstrap, Gentoo); label: int64 [batch]',
    },
  };
  return { onnx, card, run };
}
