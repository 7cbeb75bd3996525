/**
 * The request playground's presets: one well-formed request of each kind and one of each
 * mistake the API answers differently. The penguins are the first records of each species in
 * the Palmer penguins data (vega-datasets), so the valid presets ask about real birds.
 */
import { EXAMPLE_PENGUIN } from '../data/penguins';
import { MAX_BATCH_SIZE } from './schemas';

/** An HTTP method the playground can send. */
export type PlaygroundMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One ready-made request. */
export interface PlaygroundPreset {
  id: string;
  /** Button text. */
  label: string;
  method: PlaygroundMethod;
  path: string;
  /** Content-Type header to send; empty for none. */
  contentType: string;
  /** Body text exactly as it goes into the editor. */
  body: string;
  /** What the API answers, and why, in one sentence. */
  expectation: string;
  /** The status the API answers with. */
  expectedStatus: number;
}

const ADELIE = EXAMPLE_PENGUIN;
const CHINSTRAP = {
  beak_length_mm: 46.5,
  beak_depth_mm: 17.9,
  flipper_length_mm: 192,
  body_mass_g: 3500,
  island: 'Dream',
  sex: 'female',
};
const GENTOO = {
  beak_length_mm: 46.1,
  beak_depth_mm: 13.2,
  flipper_length_mm: 211,
  body_mass_g: 4500,
  island: 'Biscoe',
  sex: 'female',
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The body of a valid single prediction request (also what the simulator's timing loop sends). */
export const VALID_SINGLE_BODY = pretty({ instance: ADELIE });

const withoutBodyMass = Object.fromEntries(
  Object.entries(ADELIE).filter(([key]) => key !== 'body_mass_g'),
);

/** A batch with one instance more than the limit, one instance per line so it stays readable. */
function oversizedBatch(): string {
  const penguins = [ADELIE, CHINSTRAP, GENTOO];
  const lines: string[] = [];
  for (let i = 0; i <= MAX_BATCH_SIZE; i++) lines.push(`    ${JSON.stringify(penguins[i % 3])}`);
  return `{\n  "instances": [\n${lines.join(',\n')}\n  ]\n}`;
}

/** Every preset, in the order the playground lists them. */
export const PLAYGROUND_PRESETS: readonly PlaygroundPreset[] = [
  {
    id: 'valid-single',
    label: 'Valid single',
    method: 'POST',
    path: '/v1/predict',
    contentType: 'application/json',
    body: VALID_SINGLE_BODY,
    expectation: '200: one prediction, with the model version and a request id.',
    expectedStatus: 200,
  },
  {
    id: 'valid-batch',
    label: 'Valid batch',
    method: 'POST',
    path: '/v1/predict',
    contentType: 'application/json',
    body: pretty({ instances: [ADELIE, CHINSTRAP, GENTOO] }),
    expectation: '200: three predictions, in request order.',
    expectedStatus: 200,
  },
  {
    id: 'missing-field',
    label: 'Missing field',
    method: 'POST',
    path: '/v1/predict',
    contentType: 'application/json',
    body: pretty({ instance: withoutBodyMass }),
    expectation: '422: body_mass_g is required.',
    expectedStatus: 422,
  },
  {
    id: 'wrong-type',
    label: 'Wrong type',
    method: 'POST',
    path: '/v1/predict',
    contentType: 'application/json',
    body: pretty({ instance: { ...ADELIE, beak_length_mm: '39.1' } }),
    expectation: '422: a number sent as a string is not coerced.',
    expectedStatus: 422,
  },
  {
    id: 'out-of-range',
    label: 'Out of range',
    method: 'POST',
    path: '/v1/predict',
    contentType: 'application/json',
    body: pretty({ instance: { ...ADELIE, body_mass_g: 3.75 } }),
    expectation: '422: a mass in kilograms falls below the 2000 g bound.',
    expectedStatus: 422,
  },
  {
    id: 'unknown-field',
    label: 'Unknown field',
    method: 'POST',
    path: '/v1/predict',
    contentType: 'application/json',
    body: pretty({
      instance: {
        beak_length_mm: 39.1,
        beak_depth_mm: 18.7,
        flipper_lenght_mm: 181,
        body_mass_g: 3750,
      },
    }),
    expectation: '422: a misspelt field is rejected, and the real one is reported missing.',
    expectedStatus: 422,
  },
  {
    id: 'batch-too-large',
    label: 'Batch too large',
    method: 'POST',
    path: '/v1/predict',
    contentType: 'application/json',
    body: oversizedBatch(),
    expectation: `413: ${MAX_BATCH_SIZE + 1} instances, one more than the limit of ${MAX_BATCH_SIZE}.`,
    expectedStatus: 413,
  },
  {
    id: 'malformed-json',
    label: 'Malformed JSON',
    method: 'POST',
    path: '/v1/predict',
    contentType: 'application/json',
    body: '{\n  "instance": {\n    "beak_length_mm": 39.1,\n    "beak_depth_mm": 18.7,\n  }\n}',
    expectation: '400: a trailing comma is not JSON.',
    expectedStatus: 400,
  },
  {
    id: 'wrong-content-type',
    label: 'Wrong content type',
    method: 'POST',
    path: '/v1/predict',
    contentType: 'text/plain',
    body: VALID_SINGLE_BODY,
    expectation: '415: the body is fine, but the header says it is plain text.',
    expectedStatus: 415,
  },
];
