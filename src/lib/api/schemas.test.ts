import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FEATURE_BOUNDS,
  FEATURE_NAMES,
  MAX_BATCH_SIZE,
  PenguinFeaturesSchema,
  PredictRequestSchema,
  PredictResponseSchema,
  ProblemSchema,
  featureRow,
  parsePredictRequest,
} from './schemas';

// An Adelie from Torgersen, row 1 of the Palmer penguins data.
const adelie = {
  beak_length_mm: 39.1,
  beak_depth_mm: 18.7,
  flipper_length_mm: 181,
  body_mass_g: 3750,
};

describe('PenguinFeaturesSchema', () => {
  it('accepts the four measurements, with or without island and sex', () => {
    expect(PenguinFeaturesSchema.safeParse(adelie).success).toBe(true);
    expect(
      PenguinFeaturesSchema.safeParse({ ...adelie, island: 'Torgersen', sex: 'male' }).success,
    ).toBe(true);
  });

  it('accepts each bound exactly and rejects the next value beyond it', () => {
    for (const name of FEATURE_NAMES) {
      const { min, max } = FEATURE_BOUNDS[name];
      expect(PenguinFeaturesSchema.safeParse({ ...adelie, [name]: min }).success).toBe(true);
      expect(PenguinFeaturesSchema.safeParse({ ...adelie, [name]: max }).success).toBe(true);
      expect(PenguinFeaturesSchema.safeParse({ ...adelie, [name]: min - 0.001 }).success).toBe(
        false,
      );
      expect(PenguinFeaturesSchema.safeParse({ ...adelie, [name]: max + 0.001 }).success).toBe(
        false,
      );
    }
  });

  it('bounds contain every measurement of the real data (observed extremes)', () => {
    // Observed ranges of the 342 measured birds in palmerpenguins.
    const observed = {
      beak_length_mm: [32.1, 59.6],
      beak_depth_mm: [13.1, 21.5],
      flipper_length_mm: [172, 231],
      body_mass_g: [2700, 6300],
    } as const;
    for (const name of FEATURE_NAMES) {
      const [low, high] = observed[name];
      expect(FEATURE_BOUNDS[name].min).toBeLessThan(low);
      expect(FEATURE_BOUNDS[name].max).toBeGreaterThan(high);
    }
  });

  it('rejects strings, null, missing fields, unknown fields and unknown enum values', () => {
    expect(PenguinFeaturesSchema.safeParse({ ...adelie, body_mass_g: '3750' }).success).toBe(false);
    expect(PenguinFeaturesSchema.safeParse({ ...adelie, body_mass_g: null }).success).toBe(false);
    const { body_mass_g: _omitted, ...missing } = adelie;
    expect(PenguinFeaturesSchema.safeParse(missing).success).toBe(false);
    expect(PenguinFeaturesSchema.safeParse({ ...adelie, species: 'Adelie' }).success).toBe(false);
    expect(PenguinFeaturesSchema.safeParse({ ...adelie, island: 'Anvers' }).success).toBe(false);
    expect(PenguinFeaturesSchema.safeParse({ ...adelie, sex: 'unknown' }).success).toBe(false);
  });

  it('rejects non-finite numbers, which JSON.parse produces for 1e400', () => {
    const parsed: unknown = JSON.parse('{"body_mass_g": 1e400}');
    expect(parsed).toEqual({ body_mass_g: Infinity });
    expect(PenguinFeaturesSchema.safeParse({ ...adelie, body_mass_g: Infinity }).success).toBe(
      false,
    );
    expect(PenguinFeaturesSchema.safeParse({ ...adelie, body_mass_g: NaN }).success).toBe(false);
  });

  it('describes each measurement with its unit', () => {
    const shape = PenguinFeaturesSchema.shape;
    expect(shape.beak_length_mm.description).toMatch(/millimetres \(mm\)/);
    expect(shape.body_mass_g.description).toMatch(/grams \(g\)/);
    expect(shape.island.description).toMatch(/not used by the model/);
    expect(shape.sex.description).toMatch(/not used by the model/);
  });
});

describe('PredictRequestSchema and parsePredictRequest', () => {
  it('accepts a single instance and batches of 1 and MAX_BATCH_SIZE', () => {
    expect(parsePredictRequest({ instance: adelie })).toEqual({
      ok: true,
      instances: [adelie],
      batch: false,
    });
    expect(parsePredictRequest({ instances: [adelie] })).toEqual({
      ok: true,
      instances: [adelie],
      batch: true,
    });
    const full = Array.from({ length: MAX_BATCH_SIZE }, () => adelie);
    expect(parsePredictRequest({ instances: full }).ok).toBe(true);
    expect(PredictRequestSchema.safeParse({ instances: [...full, adelie] }).success).toBe(false);
  });

  it('rejects an empty batch, both keys, neither key, and non-objects', () => {
    expect(parsePredictRequest({ instances: [] })).toEqual({
      ok: false,
      errors: [{ path: 'instances', message: 'Send at least one instance.' }],
    });
    expect(parsePredictRequest({ instance: adelie, instances: [adelie] })).toEqual({
      ok: false,
      errors: [{ path: '', message: 'Send either `instance` or `instances`, not both.' }],
    });
    const neither = parsePredictRequest({ penguin: adelie });
    expect(neither.ok).toBe(false);
    if (!neither.ok) expect(neither.errors.map((e) => e.path)).toEqual(['', 'penguin']);
    for (const body of [null, 42, 'text', [adelie], true]) {
      const result = parsePredictRequest(body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]?.path).toBe('');
    }
  });

  it('reports field errors with dotted paths into the batch', () => {
    const result = parsePredictRequest({
      instances: [adelie, { ...adelie, body_mass_g: 3.75, wingspan: 1 }],
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'instances.1.body_mass_g', message: 'Must be at least 2000 g.' },
        { path: 'instances.1.wingspan', message: 'Unknown field.' },
      ],
    });
  });

  it('reports a missing field as required and a wrong type with the unit', () => {
    const { beak_depth_mm: _omitted, ...missing } = adelie;
    expect(parsePredictRequest({ instance: { ...missing, flipper_length_mm: '181' } })).toEqual({
      ok: false,
      errors: [
        { path: 'instance.beak_depth_mm', message: 'Required.' },
        {
          path: 'instance.flipper_length_mm',
          message: 'Expected a number in mm, received a string.',
        },
      ],
    });
  });

  it('accepts exactly what the schema accepts, on arbitrary JSON', () => {
    const penguin = fc.record(
      {
        beak_length_mm: fc.double({ min: 20, max: 75, noNaN: true }),
        beak_depth_mm: fc.double({ min: 5, max: 30, noNaN: true }),
        flipper_length_mm: fc.double({ min: 140, max: 250, noNaN: true }),
        body_mass_g: fc.double({ min: 1000, max: 8000, noNaN: true }),
        island: fc.constantFrom('Biscoe', 'Dream', 'Torgersen', 'Anvers'),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ instance: penguin }, { requiredKeys: [] }),
      fc.record(
        { instances: fc.array(penguin, { maxLength: 70 }), instance: penguin },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(body, (value) => {
        const parsed = parsePredictRequest(value);
        expect(parsed.ok).toBe(PredictRequestSchema.safeParse(value).success);
        if (!parsed.ok) expect(parsed.errors.length).toBeGreaterThan(0);
      }),
      { seed: 20240603, numRuns: 500 },
    );
  });
});

describe('featureRow', () => {
  it('orders features as the model input, ignoring island and sex', () => {
    expect(featureRow({ ...adelie, island: 'Dream', sex: 'female' })).toEqual([
      39.1, 18.7, 181, 3750,
    ]);
  });
});

describe('response and problem schemas', () => {
  it('PredictResponseSchema requires every species probability', () => {
    const good = {
      predictions: [
        { label: 'Gentoo', probabilities: { Adelie: 0.1, Chinstrap: 0.2, Gentoo: 0.7 } },
      ],
      model_version: 'v1',
      request_id: 'r1',
    };
    expect(PredictResponseSchema.safeParse(good).success).toBe(true);
    expect(
      PredictResponseSchema.safeParse({
        ...good,
        predictions: [{ label: 'Gentoo', probabilities: { Adelie: 0.3, Gentoo: 0.7 } }],
      }).success,
    ).toBe(false);
  });

  it('ProblemSchema allows extension members, as RFC 9457 §3.2 does', () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'x',
      code: 'malformed-json',
      request_id: 'r',
      errors: [],
      retry: true,
    };
    expect(ProblemSchema.safeParse(problem).success).toBe(true);
    expect(ProblemSchema.safeParse({ ...problem, status: 200 }).success).toBe(false);
  });
});
