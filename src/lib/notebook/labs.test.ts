import { describe, expect, it } from 'vitest';
import { isLabZipPath, labLinkResolver, labModuleFor } from './labs';

const CHAPTERS = ['01-model-deployment', '02-docker', '03-cloud-apis', '04-ci-cd', '05-monitoring'];

describe('labModuleFor', () => {
  it('matches each original module folder to the chapter with the same number', () => {
    expect(labModuleFor('02_Docker_Containerization', CHAPTERS)).toEqual({
      folder: '02_Docker_Containerization',
      number: 2,
      slug: '02-docker',
      notebookFileName: '02_Docker_Containerization.ipynb',
    });
    expect(labModuleFor('05_Monitoring_and_Retraining', CHAPTERS)?.slug).toBe('05-monitoring');
  });
  it('ignores other folders and numbers with no chapter', () => {
    expect(labModuleFor('shared', CHAPTERS)).toBeUndefined();
    expect(labModuleFor('06_Extra', CHAPTERS)).toBeUndefined();
    expect(labModuleFor('1_Model', CHAPTERS)).toBeUndefined();
    expect(labModuleFor('01-model', CHAPTERS)).toBeUndefined();
  });
});

describe('isLabZipPath', () => {
  // Admitted: the README and files inside module folders. Left out: caches, environments,
  // secrets and anything outside the module folders.
  it.each<[string, boolean]>([
    ['README.md', true],
    ['01_Model_Deployment/lab.ipynb', true],
    ['01_Model_Deployment/data/penguins.csv', true],
    ['04_CI_CD_Pipeline/.github/workflows/ml.yml', true],
    ['02_Docker_Containerization/.dockerignore', true],
    ['01_Model_Deployment/tests/test_lab.py', true],
    ['conftest.py', false],
    ['shared/util.py', false],
    ['01_Model_Deployment', false],
    ['01_Model_Deployment/tests/__pycache__/test_lab.cpython-311.pyc', false],
    ['01_Model_Deployment/train.pyc', false],
    ['01_Model_Deployment/.ipynb_checkpoints/lab-checkpoint.ipynb', false],
    ['01_Model_Deployment/.venv/bin/python', false],
    ['03_Cloud_Deployment_and_APIs/.env', false],
    ['03_Cloud_Deployment_and_APIs/.env.local', false],
    ['01_Model_Deployment/../../etc/passwd', false],
    ['01_Model_Deployment//lab.ipynb', false],
  ])('%s is in the zip: %s', (path, admitted) => {
    expect(isLabZipPath(path), path).toBe(admitted);
  });
});

describe('labLinkResolver', () => {
  const resolve = labLinkResolver('01_Model_Deployment', CHAPTERS, '/mlops-booklet/');
  it('sends a link to another lab’s notebook or folder to that lab’s page', () => {
    expect(resolve('../02_Docker_Containerization/lab.ipynb')).toBe(
      '/mlops-booklet/labs/02-docker/',
    );
    expect(resolve('../05_Monitoring_and_Retraining/#drift')).toBe(
      '/mlops-booklet/labs/05-monitoring/#drift',
    );
    expect(resolve('lab.ipynb#setup')).toBe('/mlops-booklet/labs/01-model-deployment/#setup');
  });
  it('has no page for other files of a folder, unknown folders, or links leaving labs/', () => {
    expect(resolve('data/penguins.csv')).toBeUndefined();
    expect(resolve('../02_Docker_Containerization/Dockerfile')).toBeUndefined();
    expect(resolve('../09_Extra/lab.ipynb')).toBeUndefined();
    expect(resolve('../../README.md')).toBeUndefined();
    expect(resolve('//evil.test/labs/01_Model_Deployment/lab.ipynb')).toBeUndefined();
  });
});
