# syntax=docker/dockerfile:1

# Prediction API of chapter 3 (the Hono app in src/lib/api), packaged for production.
# The model is an input, not a build step: CI trains it once, the quality gate evaluates that
# file, and the image ships the same file, named by its digest (chapter 4).
#   npm run build:model     # or download the gated artifact into artifacts/penguins.onnx
#   docker build --build-arg MODEL_ID=sha256:$(sha256sum artifacts/penguins.onnx | cut -d' ' -f1) \
#     -t penguins-api .
#   docker run --rm --init -p 8000:8000 penguins-api
# (--init puts a tiny init process at PID 1, so `docker stop` reaches Node as a SIGTERM.)
# Four stages: `deps` installs every package from the lockfile, `build` bundles the server,
# `prod-deps` installs runtime packages only, and `runtime` keeps just what the server needs.
# BuildKit runs `deps` and `prod-deps` in parallel.

# One pinned base for every stage, the same Node version package.json pins for development.
# Bump it deliberately (and add @sha256:<digest> to freeze it byte for byte).
ARG NODE_IMAGE=node:22.23.3-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Only the manifests: this layer and the install below stay cached until they change.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM deps AS build
# Just the inputs of the bundle, so an edit to the chapters never rebuilds the API.
COPY tsconfig.json ./
COPY src/lib/ ./src/lib/
COPY scripts/ ./scripts/
# Bundles scripts/api-server.ts into dist-api/server.mjs; onnxruntime-web stays external.
RUN npm run build:api

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# Runtime packages only; no install scripts, since the server needs none of them.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root: the server can read its code and model but not rewrite them.
COPY --from=prod-deps /app/node_modules ./node_modules
# The evaluated model, from the build context: the file the gate passed, not a fresh training.
# Before the bundle: a real model is large and changes less often than the code.
COPY artifacts/penguins.onnx ./artifacts/penguins.onnx
COPY --from=build /app/dist-api ./dist-api
# HOST=0.0.0.0: inside a container, 127.0.0.1 is unreachable from the published port.
ENV HOST=0.0.0.0 PORT=8000 MODEL_PATH=/app/artifacts/penguins.onnx
# Declared late, in this stage only: a new value changes these two lines, never a layer above.
# The server reports it as model_id in /readyz and in the x-model-id header, and refuses to get
# ready if it is a sha256 digest that does not match the model file. Empty: the file's digest.
ARG MODEL_ID
LABEL io.mlops-booklet.model-id=$MODEL_ID
ENV MODEL_ID=$MODEL_ID
# The unprivileged account the official Node images ship.
USER node
EXPOSE 8000
# Slim images have no curl; Node 22 has fetch. Exits non-zero unless /healthz answers 2xx.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist-api/server.mjs"]
