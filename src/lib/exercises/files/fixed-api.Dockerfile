# A pinned tag (add @sha256:<digest> to freeze it byte for byte).
FROM node:22.23.3-bookworm-slim
WORKDIR /app
# The manifests first: the install layer stays cached until they change.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
# Then only what the server needs, after the install.
COPY dist-api/ ./dist-api/
# No token in the image: the platform passes it at run time (docker run -e API_TOKEN=...).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000
# The unprivileged account the official Node images ship.
USER node
EXPOSE 8000
# Slim images have no curl; Node 22 has fetch.
HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:8000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist-api/server.mjs"]
