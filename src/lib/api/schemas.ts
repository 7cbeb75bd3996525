/**
 * The prediction API's contract. These zod schemas are the single source of truth: the Hono app
 * validates with them, the OpenAPI document is generated from them, and the page's request
 * editor shows their descriptions. Nothing else restates a field, a unit or a bound.
 */
import { z } from 'zod';
import { EXAMPLE_PENGUIN } from '../data/penguins';

/** Most instances one `POST /v1/predict` accepts; a larger batch is answered with 413. */
export const MAX_BATCH_SIZE = 64;

/** Largest request body, in bytes, the API reads; checked on the raw bytes before JSON parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Model inputs, in the column order of the model's `features` tensor. */
export const FEATURE_NAMES = [
  'beak_length_mm',
  'beak_depth_mm',
  'flipper_length_mm',
  'body_mass_g',
] as const;

/** A model input's name. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** The species the model predicts, in the order of its probability columns. */
export const SPECIES = ['Adelie', 'Chinstrap', 'Gentoo'] as const;

/** One of the predicted species. */
export type Species = (typeof SPECIES)[number];

/** Islands of the Palmer Archipelago where the penguins were measured. */
export const ISLANDS = ['Biscoe', 'Dream', 'Torgersen'] as const;

/** Values of the optional `sex` field. */
export const SEXES = ['female', 'male'] as const;

/**
 * Validation bounds per feature. They are deliberately wider than anything in the Palmer penguins
 * data (observed: beak length 32.1–59.6 mm, depth 13.1–21.5 mm, flipper 172–231 mm, mass
 * 2700–6300 g): they reject unit mistakes (metres, kilograms) and typos, not unusual birds,
 * which are the drift monitor's business in chapter 5.
 */
export const FEATURE_BOUNDS: Readonly<
  Record<FeatureName, { min: number; max: number; unit: string }>
> = {
  beak_length_mm: { min: 25, max: 70, unit: 'mm' },
  beak_depth_mm: { min: 10, max: 25, unit: 'mm' },
  flipper_length_mm: { min: 150, max: 240, unit: 'mm' },
  body_mass_g: { min: 2000, max: 7000, unit: 'g' },
};

function measurement(name: FeatureName, description: string) {
  const { min, max, unit } = FEATURE_BOUNDS[name];
  return z
    .number({
      error: (issue) =>
        issue.input === undefined
          ? 'Required.'
          : `Expected a number in ${unit}, received ${describeJson(issue.input)}.`,
    })
    .min(min, { error: `Must be at least ${min} ${unit}.` })
    .max(max, { error: `Must be at most ${max} ${unit}.` })
    .meta({ description });
}

/** One penguin's measurements: the four model inputs plus two optional fields the model ignores. */
export const PenguinFeaturesSchema = z
  .strictObject({
    beak_length_mm: measurement(
      'beak_length_mm',
      'Beak (culmen) length in millimetres (mm), from 25 to 70.',
    ),
    beak_depth_mm: measurement(
      'beak_depth_mm',
      'Beak (culmen) depth in millimetres (mm), from 10 to 25.',
    ),
    flipper_length_mm: measurement(
      'flipper_length_mm',
      'Flipper length in millimetres (mm), from 150 to 240.',
    ),
    body_mass_g: measurement('body_mass_g', 'Body mass in grams (g), from 2000 to 7000.'),
    island: z.enum(ISLANDS).optional().meta({
      description:
        'Island where the penguin was measured. Accepted for logging and monitoring, not used by the model.',
    }),
    sex: z
      .enum(SEXES)
      .optional()
      .meta({ description: 'Sex of the penguin. Accepted but not used by the model.' }),
  })
  .meta({
    description:
      'Measurements of one penguin. Unknown fields are rejected, so a misspelt field name is an error rather than a silently missing input.',
    examples: [{ ...EXAMPLE_PENGUIN }],
  });

/** A penguin's measurements as the API accepts them. */
export type PenguinFeatures = z.infer<typeof PenguinFeaturesSchema>;

/** A request for one prediction. */
export const PredictSingleRequestSchema = z
  .strictObject({ instance: PenguinFeaturesSchema })
  .meta({ description: 'One penguin to classify.' });

/** A request for a batch of predictions. */
export const PredictBatchRequestSchema = z
  .strictObject({
    instances: z
      .array(PenguinFeaturesSchema, { error: 'Expected an array of penguins.' })
      .min(1, { error: 'Send at least one instance.' })
      .max(MAX_BATCH_SIZE, { error: `Send at most ${MAX_BATCH_SIZE} instances per request.` })
      .meta({
        description: `Between 1 and ${MAX_BATCH_SIZE} penguins to classify; predictions come back in the same order.`,
      }),
  })
  .meta({ description: 'A batch of penguins to classify.' });

/** The body of `POST /v1/predict`: exactly one of `instance` or `instances`. */
export const PredictRequestSchema = z
  .xor([PredictSingleRequestSchema, PredictBatchRequestSchema])
  .meta({ description: 'Either `instance` (one penguin) or `instances` (a batch), never both.' });

/** A validated prediction request. */
export type PredictRequest = z.infer<typeof PredictRequestSchema>;

const probability = z.number().min(0).max(1);

/** One prediction: the most probable species and the probability of each. */
export const PredictionSchema = z
  .strictObject({
    label: z.enum(SPECIES).meta({ description: 'The most probable species.' }),
    probabilities: z
      .strictObject({ Adelie: probability, Chinstrap: probability, Gentoo: probability })
      .meta({ description: 'Probability of each species; they sum to 1 up to float32 rounding.' }),
  })
  .meta({ description: 'The model output for one penguin.' });

/** One prediction as the API returns it. */
export type Prediction = z.infer<typeof PredictionSchema>;

/** The body of a successful `POST /v1/predict`. */
export const PredictResponseSchema = z
  .strictObject({
    predictions: z
      .array(PredictionSchema)
      .meta({ description: 'One prediction per instance, in request order (one for `instance`).' }),
    model_version: z.string().meta({ description: 'Version of the model that answered.' }),
    request_id: z.string().meta({
      description: 'Identifier of this request; also in the `x-request-id` header and the logs.',
    }),
  })
  .meta({ description: 'Predictions and the model version that made them.' });

/** A successful prediction response. */
export type PredictResponse = z.infer<typeof PredictResponseSchema>;

/** One field-level validation error inside a problem document. */
export const FieldErrorSchema = z
  .strictObject({
    path: z.string().meta({
      description:
        'Dotted path to the offending value, such as `instances.0.body_mass_g`; empty for the whole body.',
    }),
    message: z.string().meta({ description: 'What is wrong with the value, in plain words.' }),
  })
  .meta({ description: 'One reason the request was rejected.' });

/** A field-level validation error. */
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** An RFC 9457 problem document, as every error response of the API carries it. */
export const ProblemSchema = z
  .looseObject({
    type: z
      .string()
      .meta({ description: 'Problem type URI; `about:blank` means the status code says it all.' }),
    title: z
      .string()
      .meta({ description: 'Short summary of the problem type (the HTTP reason phrase).' }),
    status: z
      .int()
      .min(400)
      .max(599)
      .meta({ description: 'HTTP status code, repeated for convenience.' }),
    detail: z
      .string()
      .meta({ description: 'What went wrong with this request and how to fix it.' }),
    instance: z
      .string()
      .optional()
      .meta({ description: 'The request path that produced the problem.' }),
    code: z.string().meta({
      description:
        'Machine-readable problem code, such as `validation-failed` or `batch-too-large`.',
    }),
    request_id: z.string().meta({ description: 'Identifier to quote when reporting the problem.' }),
    errors: z
      .array(FieldErrorSchema)
      .meta({ description: 'Field-level errors; empty when none apply.' }),
  })
  .meta({
    description:
      'An RFC 9457 problem details document (media type application/problem+json). Extension members may be added.',
  });

/** An RFC 9457 problem document. */
export type Problem = z.infer<typeof ProblemSchema>;

/** Body of `GET /healthz` and of a ready `GET /readyz`. */
export const HealthSchema = z
  .strictObject({
    status: z.enum(['ok', 'ready']),
    model_version: z.string().optional(),
  })
  .meta({ description: 'The process is alive (`ok`) or ready to serve predictions (`ready`).' });

/** Body of a ready `GET /readyz`: which model this replica serves. */
export const ReadySchema = z
  .strictObject({
    status: z.literal('ready'),
    model_version: z.string().meta({ description: 'Version label from the model metadata.' }),
    model_id: z.string().meta({
      description:
        'Id of the model file served: the MODEL_ID the deployment promoted, else `sha256:<hex>` of the file loaded. Also sent as the `x-model-id` header of every prediction.',
    }),
  })
  .meta({ description: 'The model is loaded; this replica can take traffic.' });

/** The outcome of `parsePredictRequest`. */
export type ParsedPredictRequest =
  { ok: true; instances: PenguinFeatures[]; batch: boolean } | { ok: false; errors: FieldError[] };

/**
 * Validates a parsed JSON body against `PredictRequestSchema`. Acceptance is exactly the schema's;
 * only the error report differs: instead of zod's "matched neither branch", it reports the
 * issues of the branch the client evidently meant (`instances` present means a batch).
 */
export function parsePredictRequest(body: unknown): ParsedPredictRequest {
  const parsed = PredictRequestSchema.safeParse(body);
  if (parsed.success) {
    const data = parsed.data;
    return 'instances' in data
      ? { ok: true, instances: data.instances, batch: true }
      : { ok: true, instances: [data.instance], batch: false };
  }
  if (!isPlainObject(body)) {
    return {
      ok: false,
      errors: [{ path: '', message: `Expected a JSON object, received ${describeJson(body)}.` }],
    };
  }
  const hasInstance = Object.hasOwn(body, 'instance');
  const hasInstances = Object.hasOwn(body, 'instances');
  if (hasInstance && hasInstances) {
    return {
      ok: false,
      errors: [{ path: '', message: 'Send either `instance` or `instances`, not both.' }],
    };
  }
  if (!hasInstance && !hasInstances) {
    const unknown = Object.keys(body).map((key) => ({ path: key, message: 'Unknown field.' }));
    return {
      ok: false,
      errors: [
        { path: '', message: 'Expected `instance` (one penguin) or `instances` (a batch).' },
        ...unknown,
      ],
    };
  }
  const branch = hasInstances ? PredictBatchRequestSchema : PredictSingleRequestSchema;
  const result = branch.safeParse(body);
  // The branch cannot accept what the union rejected, but a typed fallback beats an assertion.
  if (result.success) return { ok: false, errors: [{ path: '', message: 'Invalid request.' }] };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues) };
}

/** Converts zod issues to `{ path, message }` pairs, one per unknown key for `unrecognized_keys`. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: [...base, key].join('.'), message: 'Unknown field.' });
      }
    } else {
      out.push({ path: base.join('.'), message: issue.message });
    }
  }
  return out;
}

/** Orders a penguin's features as the model's input row. */
export function featureRow(instance: PenguinFeatures): number[] {
  return FEATURE_NAMES.map((name) => instance[name]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : 'a non-finite number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
