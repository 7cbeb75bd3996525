import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse';
import { buildStageGraph } from './stage-graph';

// Same shape as the repository's API Dockerfile: deps → build, prod-deps, and runtime copying from both.
const FOUR_STAGES = `ARG NODE_IMAGE=node:22-slim
FROM \${NODE_IMAGE} AS deps
RUN npm ci
FROM deps AS build
RUN npm run build
FROM \${NODE_IMAGE} AS prod-deps
RUN npm ci --omit=dev
FROM \${NODE_IMAGE} AS runtime
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/artifacts/model.onnx ./artifacts/model.onnx
COPY --from=build /app/dist-api ./dist-api
`;

describe('buildStageGraph', () => {
  it('lays out the four-stage API build by depth, with one edge per use', () => {
    const graph = buildStageGraph(parseDockerfile(FOUR_STAGES));
    expect(graph.nodes.map((n) => [n.label, n.column, n.row, n.base, n.baseIsStage])).toEqual([
      ['deps', 0, 0, 'node:22-slim', false],
      ['build', 1, 0, 'deps', true],
      ['prod-deps', 0, 1, 'node:22-slim', false],
      // runtime copies from build (depth 1), so it sits one column further: depth 2.
      ['runtime', 2, 0, 'node:22-slim', false],
    ]);
    // The two COPY --from=build lines are one edge, kept at the first line (10).
    expect(graph.edges).toEqual([
      { from: 0, to: 1, kind: 'from', line: 4 },
      { from: 2, to: 3, kind: 'copy', line: 9 },
      { from: 1, to: 3, kind: 'copy', line: 10 },
    ]);
    expect(graph.columns).toBe(3);
    expect(graph.rows).toBe(2);
    expect(graph.externalSources).toEqual([]);
  });

  it('follows numeric --from, RUN bind mounts, and reports images that are not stages', () => {
    const text = [
      'FROM alpine:3.20',
      'RUN echo one > /one',
      'FROM alpine:3.20 AS tools',
      'RUN --mount=type=bind,from=0,source=/one,target=/mnt/one cat /mnt/one',
      'COPY --from=nginx:1.27 /etc/nginx/nginx.conf /nginx.conf',
    ].join('\n');
    const graph = buildStageGraph(parseDockerfile(text));
    expect(graph.nodes.map((n) => [n.label, n.column, n.row])).toEqual([
      ['stage 0', 0, 0],
      ['tools', 1, 0],
    ]);
    expect(graph.edges).toEqual([{ from: 0, to: 1, kind: 'mount', line: 4 }]);
    expect(graph.externalSources).toEqual([{ stage: 1, ref: 'nginx:1.27', line: 5 }]);
  });

  it('does not let a stage refer to itself or to a later stage', () => {
    // `--from=later` names a stage defined further down, which Docker treats as an image name.
    const text = 'FROM alpine:3.20 AS first\nCOPY --from=later /x /x\nFROM alpine:3.20 AS later\n';
    const graph = buildStageGraph(parseDockerfile(text));
    expect(graph.edges).toEqual([]);
    expect(graph.externalSources).toEqual([{ stage: 0, ref: 'later', line: 2 }]);
    expect(graph.nodes.map((n) => n.column)).toEqual([0, 0]);
    expect(graph.nodes.map((n) => n.row)).toEqual([0, 1]);
  });

  it('is empty for a file without FROM', () => {
    const graph = buildStageGraph(parseDockerfile('RUN echo hi\n'));
    expect(graph).toEqual({ nodes: [], edges: [], externalSources: [], columns: 0, rows: 0 });
  });
});
