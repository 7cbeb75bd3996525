/**
 * Which exercises the reader has solved, kept in the browser. The data is one versioned JSON
 * document under {@link PROGRESS_KEY}. It is read defensively: corrupt, foreign or future data
 * starts fresh and never throws. When storage is missing or throws (private browsing, blocked
 * cookies), progress is kept in memory for the page's life and `persistent` says so, so the page
 * can tell the reader once instead of logging errors.
 */

/** The localStorage key; the `v1` changes only with an incompatible document shape. */
export const PROGRESS_KEY = 'mlops-booklet:exercises:v1';
/** Version written into the document. */
export const PROGRESS_VERSION = 1;
/** Most exercise ids kept per chapter and characters per id (a bound on what is stored). */
const MAX_IDS = 100;
const MAX_ID_LENGTH = 80;

/** The part of the Web Storage API the store uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Solved exercise ids per chapter slug. */
export type SolvedMap = Record<string, string[]>;

const validId = (id: unknown): id is string =>
  typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH;

/** Reads a stored document; anything that is not a version-1 progress document gives `{}`. */
export function parseProgress(text: string | null): SolvedMap {
  if (text === null) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null) return {};
  const doc = data as { version?: unknown; solved?: unknown };
  if (doc.version !== PROGRESS_VERSION || typeof doc.solved !== 'object' || doc.solved === null)
    return {};
  const out: SolvedMap = Object.create(null) as SolvedMap;
  for (const [chapter, ids] of Object.entries(doc.solved)) {
    if (!validId(chapter) || !Array.isArray(ids)) continue;
    out[chapter] = [...new Set(ids.filter(validId))].slice(0, MAX_IDS);
  }
  return out;
}

/** Writes the document the store keeps. */
export function serializeProgress(solved: SolvedMap): string {
  return JSON.stringify({ version: PROGRESS_VERSION, solved });
}

/**
 * The page's storage, or null when reading it throws (a sandboxed frame, storage disabled) or
 * a write fails (Safari's old private mode had a zero quota). Probing writes a throwaway key.
 */
export function browserStorage(get: () => StorageLike | null | undefined): StorageLike | null {
  try {
    const storage = get();
    // The page's storage fallback (components/widget/storage-fallback.ts) stands in for refused
    // storage with a memory-only store and marks it: that store does not persist, so it counts as
    // none and the reader is told progress is not saved.
    if (!storage || (storage as { mlopsMemoryOnly?: boolean }).mlopsMemoryOnly === true)
      return null;
    const probe = `${PROGRESS_KEY}:probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

/** Solved exercises per chapter, saved to storage when there is one and in memory otherwise. */
export class ProgressStore {
  #storage: StorageLike | null;
  #memory: SolvedMap;

  constructor(storage: StorageLike | null) {
    this.#storage = storage;
    this.#memory = this.#read();
  }

  /** Whether progress survives a reload (false: storage unavailable, kept in memory only). */
  get persistent(): boolean {
    return this.#storage !== null;
  }

  #read(): SolvedMap {
    if (!this.#storage) return this.#memory ?? {};
    try {
      return parseProgress(this.#storage.getItem(PROGRESS_KEY));
    } catch {
      this.#storage = null;
      return this.#memory ?? {};
    }
  }

  #write(solved: SolvedMap): void {
    this.#memory = solved;
    if (!this.#storage) return;
    try {
      this.#storage.setItem(PROGRESS_KEY, serializeProgress(solved));
    } catch {
      // Quota exceeded or storage revoked mid-session: keep going in memory.
      this.#storage = null;
    }
  }

  /** Ids solved in `chapter`, re-read so another tab's progress shows too. */
  solved(chapter: string): string[] {
    this.#memory = this.#read();
    return [...(this.#memory[chapter] ?? [])];
  }

  /** Whether `id` in `chapter` is solved. */
  isSolved(chapter: string, id: string): boolean {
    return this.solved(chapter).includes(id);
  }

  /** Records `id` in `chapter` as solved (idempotent). */
  markSolved(chapter: string, id: string): void {
    if (!validId(chapter) || !validId(id)) return;
    const all = { ...this.#read() };
    const ids = all[chapter] ?? [];
    if (ids.includes(id) || ids.length >= MAX_IDS) return;
    all[chapter] = [...ids, id];
    this.#write(all);
  }

  /** Forgets the solved exercises of one chapter; other chapters keep theirs. */
  reset(chapter: string): void {
    const all = { ...this.#read() };
    delete all[chapter];
    this.#write(all);
  }
}
