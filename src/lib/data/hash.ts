/**
 * Content hashes for data provenance: the model card records the SHA-256 of the exact rows a
 * model was trained on, so an artifact can be matched to its data.
 */

/**
 * Lowercase hex SHA-256 of bytes, or of the UTF-8 bytes of a string, via WebCrypto (Node 22 and
 * browsers). The booklet's one SHA-256: data provenance, artifact digests and the page's checks.
 */
export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * JSON with object keys sorted at every level and no whitespace, so equal data always gives the
 * same text. Numbers use JavaScript's shortest round-trip form; like JSON.stringify, non-finite
 * numbers become null and undefined object fields are left out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 hex of the canonical JSON of `rows`: independent of key order, sensitive to row order. */
export async function hashRows(rows: readonly unknown[]): Promise<string> {
  return sha256Hex(canonicalJson(rows));
}
