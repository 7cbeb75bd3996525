/**
 * Chapter 3's Kubernetes manifests (deploy/k8s) against the service they deploy: every probe
 * names a route the Hono app serves, with the meaning the chapter gives it, every port is the
 * one the Dockerfile exposes and the server listens on, and the three objects point at each
 * other. The schema itself is checked in reference/test_k8s_manifests.py (kubernetes-validate).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createApp } from '../src/lib/api/app';
import { API_ROUTES } from '../src/lib/api/openapi';
import { createFunctionPredictor, createUnavailablePredictor } from '../src/lib/api/predictor';

const ROOT = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

type Json = Record<string, any>;

/** Every document of every manifest, by kind. */
function manifests(): Record<string, Json> {
  const byKind: Record<string, Json> = {};
  for (const file of ['deployment.yaml', 'service.yaml', 'hpa.yaml']) {
    for (const document of parseAllDocuments(read(`deploy/k8s/${file}`))) {
      expect(document.errors).toEqual([]);
      const object = document.toJS() as Json;
      byKind[object['kind']] = object;
    }
  }
  return byKind;
}

/** The Dockerfile's instructions of one kind, continuation lines joined, from the last stage. */
function dockerfileInstructions(keyword: string): string[] {
  const joined = read('Dockerfile').replace(/\\\r?\n/g, ' ');
  const lines = joined.split(/\r?\n/).map((line) => line.trim());
  const lastStage = lines.findLastIndex((line) => /^FROM\s/i.test(line));
  return lines
    .slice(lastStage)
    .filter((line) => new RegExp(`^${keyword}\\s`, 'i').test(line))
    .map((line) => line.slice(keyword.length).trim());
}

/** Variables the runtime stage sets with ENV (`KEY=value` pairs, or the legacy `KEY value`). */
function dockerfileEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of dockerfileInstructions('ENV')) {
    if (!args.includes('=')) {
      const [key = '', ...value] = args.split(/\s+/);
      env[key] = value.join(' ');
      continue;
    }
    for (const pair of args.split(/\s+/)) {
      const [key = '', value = ''] = pair.split(/=(.*)/s);
      env[key] = value.replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

const { Deployment: deployment, Service: service, HorizontalPodAutoscaler: hpa } = manifests();
const podSpec = deployment?.['spec']['template']['spec'] as Json;
const container = podSpec['containers'][0] as Json;
const probes = {
  startup: container['startupProbe'] as Json,
  liveness: container['livenessProbe'] as Json,
  readiness: container['readinessProbe'] as Json,
};

/** The container port a probe or Service names, by name or by number. */
function containerPort(port: string | number): number | undefined {
  const ports = container['ports'] as Json[];
  const match = ports.find((p) => p['name'] === port || p['containerPort'] === port);
  return match?.['containerPort'];
}

const classes = ['Adelie', 'Chinstrap', 'Gentoo'];
const readyApp = createApp({
  predictor: createFunctionPredictor((rows) => rows.map(() => [0.8, 0.1, 0.1]), {
    version: 'test-1',
    classes,
  }),
});
const loadingApp = createApp({ predictor: createUnavailablePredictor('The model is loading.') });

/** Whether the kubelet counts the answer as a success: any status from 200 to 399. */
async function probeSucceeds(app: typeof readyApp, path: string): Promise<boolean> {
  const response = await app.request(path, { headers: { 'user-agent': 'kube-probe/1.37' } });
  return response.status >= 200 && response.status < 400;
}

describe('the probes', () => {
  it('are all HTTP GETs on routes the API serves', () => {
    for (const probe of Object.values(probes)) {
      expect(probe['httpGet']).toBeDefined();
      expect(API_ROUTES).toContain(probe['httpGet']['path']);
    }
  });

  it('succeed against a replica whose model is loaded', async () => {
    for (const probe of Object.values(probes)) {
      expect(await probeSucceeds(readyApp, probe['httpGet']['path'])).toBe(true);
    }
  });

  it('keep a replica that is loading its model alive but out of the Service', async () => {
    // Startup and liveness must pass without a model (or a missing file means a restart loop);
    // readiness must fail, so the Service sends the replica no traffic yet.
    expect(await probeSucceeds(loadingApp, probes.startup['httpGet']['path'])).toBe(true);
    expect(await probeSucceeds(loadingApp, probes.liveness['httpGet']['path'])).toBe(true);
    expect(await probeSucceeds(loadingApp, probes.readiness['httpGet']['path'])).toBe(false);
  });

  it('name a port the container declares', () => {
    for (const probe of Object.values(probes)) {
      expect(containerPort(probe['httpGet']['port'])).toBeDefined();
    }
  });
});

describe('the ports', () => {
  it('are the port the Dockerfile exposes and the server listens on', () => {
    const port = containerPort('http');
    const exposed = dockerfileInstructions('EXPOSE').flatMap((args) => args.split(/\s+/));
    expect(exposed.map((p) => Number(p.replace(/\/tcp$/i, '')))).toContain(port);
    expect(Number(dockerfileEnv()['PORT'])).toBe(port);
    const env = Object.fromEntries(
      (container['env'] as Json[]).map((e) => [e['name'], e['value']]),
    );
    expect(Number(env['PORT'])).toBe(port);
    // Inside a container, a server bound to 127.0.0.1 cannot be reached through the pod's IP.
    expect(env['HOST']).toBe('0.0.0.0');
  });

  it('let the Service reach the container port', () => {
    for (const port of service?.['spec']['ports'] as Json[]) {
      expect(containerPort(port['targetPort'])).toBeDefined();
    }
  });
});

describe('the objects', () => {
  it('select the pods the Deployment creates', () => {
    const labels = deployment?.['spec']['template']['metadata']['labels'] as Json;
    const selectors = [
      deployment?.['spec']['selector']['matchLabels'] as Json,
      service?.['spec']['selector'] as Json,
    ];
    for (const selector of selectors) {
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      for (const [key, value] of Object.entries(selector)) expect(labels[key]).toBe(value);
    }
  });

  it('let the autoscaler own the replica count of this Deployment', () => {
    expect(hpa?.['spec']['scaleTargetRef']).toEqual({
      apiVersion: deployment?.['apiVersion'],
      kind: 'Deployment',
      name: deployment?.['metadata']['name'],
    });
    // A replicas field would reset the autoscaler's count on every `kubectl apply`.
    expect(deployment?.['spec']).not.toHaveProperty('replicas');
    // CPU utilization is measured against the request, so the container must make one.
    expect(container['resources']['requests']['cpu']).toBeDefined();
  });

  it('run as a non-root uid the kubelet can verify', () => {
    const context = { ...podSpec['securityContext'], ...container['securityContext'] } as Json;
    expect(context['runAsNonRoot']).toBe(true);
    const user = dockerfileInstructions('USER').at(-1) ?? '';
    // The kubelet refuses runAsNonRoot with a named USER unless runAsUser gives the number.
    if (!/^\d+(:\d+)?$/.test(user)) expect(context['runAsUser']).toBeGreaterThan(0);
    expect(context['allowPrivilegeEscalation']).toBe(false);
  });
});
