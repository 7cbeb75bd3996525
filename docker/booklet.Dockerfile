# syntax=docker/dockerfile:1

# The booklet itself as a static site behind nginx: the same pages GitHub Pages serves, for
# readers who would rather run it locally or inside a private network.
#   docker build -f docker/booklet.Dockerfile -t mlops-booklet .
#   docker run --rm -p 8080:8080 mlops-booklet
# Its build context rules live in docker/booklet.Dockerfile.dockerignore, which BuildKit uses
# instead of the root .dockerignore (that one admits only the API's inputs).

ARG NODE_IMAGE=node:22.23.3-bookworm-slim

FROM ${NODE_IMAGE} AS deps
# The site build runs `git ls-files` (the labs zip and chapter 2's build-context listing hold only
# tracked files), and slim images have no git. Update, install and clean up in ONE RUN: a cached
# update-only layer would leave stale package lists for every later install.
RUN apt-get update \
  && apt-get install -y --no-install-recommends git \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM deps AS build
# The site reads the chapters, components, public files and the build-time model code, so the
# whole (filtered) context is an input here; it comes after the install, so edits skip npm ci.
# It includes .git, which `git ls-files` reads: build from a clone (a worktree's .git is a
# pointer file to a folder outside the context, and git fails there with a clear message).
COPY . .
RUN npm run build

# nginx's unprivileged variant listens on 8080 and runs as user nginx (uid 101), not root.
FROM nginxinc/nginx-unprivileged:1.29.5-alpine AS site
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist /usr/share/nginx/html
# Already the image's default; written out so the choice is visible here.
USER nginx
EXPOSE 8080
# Alpine's busybox has wget; --spider requests the page without saving it.
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/"]
