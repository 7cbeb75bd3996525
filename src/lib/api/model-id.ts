/**
 * The model id a deployment reports (Contract A, the promoted model): `model_id` in `GET /readyz`
 * and the `x-model-id` header of every prediction. The pipeline passes the promoted id into the
 * image as `MODEL_ID`; without it, the id is `sha256:<hex>` of the model file the server loaded,
 * the same digest `sha256sum` prints, so an operator can match a replica to a file.
 */
import { sha256Hex } from '../data/hash';

/** Header that carries the model id on prediction responses. */
export const MODEL_ID_HEADER = 'x-model-id';

/**
 * What `MODEL_ID` may hold: 1–256 visible ASCII characters, since the value travels in an HTTP
 * header, where a space, a line break or a non-ASCII byte could not be carried safely.
 */
export const MODEL_ID_PATTERN = /^[\x21-\x7e]{1,256}$/;

const DIGEST_ID = /^sha256:[0-9a-f]{64}$/i;

/** A `MODEL_ID` that cannot be served: malformed, or a digest that is not the loaded file's. */
export class ModelIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelIdError';
  }
}

/** `sha256:<lowercase hex>` of the model bytes. */
export async function modelDigest(bytes: Uint8Array): Promise<string> {
  return `sha256:${await sha256Hex(bytes)}`;
}

/**
 * The id to report for `bytes`: `configured` (the `MODEL_ID` variable) when it is set and not
 * empty, else the file's digest. Fails closed with {@link ModelIdError} when `configured` is
 * malformed, or is a `sha256:` digest of different bytes: a replica whose file was swapped must
 * not claim the promoted id. Any other well-formed value (a run id, say) is reported as given.
 */
export async function resolveModelId(bytes: Uint8Array, configured?: string): Promise<string> {
  const digest = await modelDigest(bytes);
  if (configured === undefined || configured === '') return digest;
  if (!MODEL_ID_PATTERN.test(configured)) {
    throw new ModelIdError(
      'MODEL_ID must be 1 to 256 visible ASCII characters (no spaces), such as sha256:<hex>.',
    );
  }
  if (DIGEST_ID.test(configured) && configured.toLowerCase() !== digest) {
    throw new ModelIdError(
      `MODEL_ID is ${configured}, but the model file loaded is ${digest}: ` +
        'the file is not the promoted model.',
    );
  }
  return configured;
}
