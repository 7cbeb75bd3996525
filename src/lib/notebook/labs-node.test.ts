import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  discoverLabs,
  labsDirFromEnv,
  readLabNotebook,
  readLabZipFiles,
  trackedLabPaths,
} from './labs-node';

const CHAPTERS = ['01-model-deployment', '02-docker', '03-cloud-apis', '04-ci-cd', '05-monitoring'];
const FIXTURE_LABS = fileURLToPath(new URL('./fixtures/labs/', import.meta.url));

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway git repository with a labs/ folder: tracked files, junk, an untracked file, a link. */
function scratchRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'labs-node-'));
  temporary.push(root);
  const labs = join(root, 'labs');
  const write = (path: string, text: string) => {
    mkdirSync(join(labs, path, '..'), { recursive: true });
    writeFileSync(join(labs, path), text);
  };
  write('README.md', '# Labs\n');
  write('01_Model_Deployment/lab.ipynb', '{}');
  write('01_Model_Deployment/data/penguins.csv', 'a\n1\n');
  write('01_Model_Deployment/tests/__pycache__/t.cpython-311.pyc', 'junk');
  write('02_Docker_Containerization/Dockerfile', 'FROM scratch\n');
  write('notes.txt', 'outside the module folders\n');
  symlinkSync('/etc/hostname', join(labs, '02_Docker_Containerization/host'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-f', 'labs');
  write('01_Model_Deployment/untracked.txt', 'not committed\n');
  return labs;
}

describe('discoverLabs', () => {
  it('finds module folders that hold a lab.ipynb, in chapter order', () => {
    expect(discoverLabs(FIXTURE_LABS, CHAPTERS).map((lab) => lab.slug)).toEqual([
      '01-model-deployment',
    ]);
    expect(discoverLabs(join(FIXTURE_LABS, 'missing'), CHAPTERS)).toEqual([]);
  });
  it('serves the committed notebook byte for byte', () => {
    const [lab] = discoverLabs(FIXTURE_LABS, CHAPTERS);
    const bytes = readLabNotebook(FIXTURE_LABS, lab!);
    expect(new TextDecoder().decode(bytes)).toMatch(/^\{\n "cells": \[/);
  });
});

describe('labsDirFromEnv', () => {
  it('defaults to labs/ in the working directory', () => {
    expect(labsDirFromEnv({}, '/repo')).toBe('/repo/labs');
    expect(labsDirFromEnv({ BOOKLET_LABS_DIR: 'x/labs' }, '/repo')).toBe('/repo/x/labs');
  });
});

describe('readLabZipFiles', () => {
  it('takes tracked regular files in module folders, and leaves out junk, links and untracked files', () => {
    const labs = scratchRepository();
    expect(trackedLabPaths(labs)).toContain(
      '01_Model_Deployment/tests/__pycache__/t.cpython-311.pyc',
    );
    const files = readLabZipFiles(labs);
    expect(files.map((file) => file.path).sort()).toEqual([
      '01_Model_Deployment/data/penguins.csv',
      '01_Model_Deployment/lab.ipynb',
      '02_Docker_Containerization/Dockerfile',
      'README.md',
    ]);
    expect(new TextDecoder().decode(files.find((f) => f.path === 'README.md')!.content)).toBe(
      '# Labs\n',
    );
  });

  it('lists the fixture labs this repository tracks', () => {
    expect(
      readLabZipFiles(FIXTURE_LABS)
        .map((file) => file.path)
        .sort(),
    ).toEqual([
      '01_Model_Deployment/data/penguins-sample.csv',
      '01_Model_Deployment/lab.ipynb',
      '01_Model_Deployment/requirements.txt',
      '01_Model_Deployment/tests/test_sample.py',
      'README.md',
    ]);
  });

  it('fails clearly outside a git work tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labs-no-git-'));
    temporary.push(dir);
    expect(() => trackedLabPaths(dir)).toThrow(/"git ls-files" failed .*Build from a git clone/s);
  });
});
