import { strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildLabsZip, type LabFile } from './zip';

const FILES: LabFile[] = [
  { path: '02_Docker_Containerization/Dockerfile', content: strToU8('FROM python:3.11-slim\n') },
  { path: 'README.md', content: strToU8('# Labs\n') },
  { path: '01_Model_Deployment/lab.ipynb', content: strToU8('{"cells": []}') },
  { path: '01_Model_Deployment/data/penguins.csv', content: new Uint8Array([0, 1, 2, 255]) },
];

describe('buildLabsZip', () => {
  it('holds every file at its labs/-relative path with its exact bytes', () => {
    const result = buildLabsZip(FILES);
    if (!result.ok) throw new Error(result.error);
    const entries = unzipSync(result.bytes);
    expect(Object.keys(entries)).toEqual([
      '01_Model_Deployment/data/penguins.csv',
      '01_Model_Deployment/lab.ipynb',
      '02_Docker_Containerization/Dockerfile',
      'README.md',
    ]);
    for (const file of FILES) expect(entries[file.path]).toEqual(file.content);
  });

  it('gives the same bytes for the same files in any order', () => {
    const a = buildLabsZip(FILES);
    const b = buildLabsZip([...FILES].reverse());
    expect(a.ok && b.ok && Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('refuses junk, paths outside the module folders, and duplicates', () => {
    const pyc = { path: '01_Model_Deployment/tests/__pycache__/t.pyc', content: new Uint8Array() };
    expect(buildLabsZip([...FILES, pyc])).toEqual({
      ok: false,
      error: 'not a lab file: 01_Model_Deployment/tests/__pycache__/t.pyc',
    });
    expect(buildLabsZip([{ path: '../secret', content: new Uint8Array() }])).toMatchObject({
      ok: false,
    });
    expect(buildLabsZip([FILES[1]!, FILES[1]!])).toEqual({
      ok: false,
      error: 'listed twice: README.md',
    });
  });
});
