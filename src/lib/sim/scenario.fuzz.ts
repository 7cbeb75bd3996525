import fc from 'fast-check';
import { expect } from 'vitest';
import { createSimulation } from './queueing';
import {
  MAX_FIELD_CHARS,
  parseSimulatorInput,
  SIMULATOR_BOUNDS,
  type SimulatorField,
} from './scenario';
import { SIMULATOR_DEFAULTS } from './form-defaults';
import { simulatorInput } from './scenario-fixtures';
import { fuzzSuite } from '../fuzz';

/** Generated inputs per simulator field (reported in the closing note). */
export const FUZZ_RUNS = 250;

const FIELDS = Object.keys(SIMULATOR_DEFAULTS.values) as SimulatorField[];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt().map(String),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-0', '1e309', '1e-320', '0x10', '٣', '１', '1,5'),
  fc.constantFrom('9'.repeat(100_000), ' 1 '.repeat(30)),
);

const { describe, it, tests } = fuzzSuite();

for (const field of FIELDS)
  describe(`fuzz: the simulator field ${field}`, () => {
    it(`gives a message at the field or a config that simulates (${FUZZ_RUNS} inputs)`, (assert) => {
      assert(
        fc.property(text, fc.boolean(), (value, autoscale) => {
          const parsed = parseSimulatorInput(simulatorInput({ [field]: value }, { autoscale }));
          if (!parsed.ok) {
            for (const message of Object.values(parsed.errors)) expect(message).toMatch(/\S/);
            if (value.length > MAX_FIELD_CHARS && (autoscale || !(field in AUTOSCALER)))
              expect(parsed.errors[field]).toMatch(/^Too long/);
            return;
          }
          // A config the parser accepts must be one the simulator takes, and its first steps run.
          const simulation = createSimulation(parsed.config);
          simulation.step(500);
          if (field !== 'queueCapacity' && (autoscale || !(field in AUTOSCALER))) {
            const bounds = SIMULATOR_BOUNDS[field];
            const n = Number(value.trim());
            expect(n).toBeGreaterThanOrEqual(bounds.min);
            expect(n).toBeLessThanOrEqual(bounds.max);
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    });
  });

const AUTOSCALER = {
  targetUtilization: 1,
  scaleInterval: 1,
  scaleUpDelay: 1,
  coldStart: 1,
  minReplicas: 1,
  maxReplicas: 1,
};

describe('fuzz: the choices', () => {
  it(`policy and service kind (${FUZZ_RUNS} inputs)`, (assert) => {
    assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom('random', 'round-robin', 'shared-queue')),
        fc.constantFrom('exponential', 'measured') as fc.Arbitrary<'exponential' | 'measured'>,
        fc.option(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { maxLength: 50 })),
        (policy, serviceKind, measuredMs) => {
          const parsed = parseSimulatorInput(
            simulatorInput({}, { policy, serviceKind, measuredMs }),
          );
          if (parsed.ok) createSimulation(parsed.config).step(200);
          else expect(Object.keys(parsed.errors).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});

/** The properties above, for the unit test beside this file and the fuzz bench. */
export const FUZZ_TESTS = tests;
