# syntax=docker/dockerfile:1
# One image for every process: the API (default command), the worker and the one-shot commands.
#   docker build -t techtrek-backend .
#   docker run techtrek-backend                                                    # API on 3000
#   docker run techtrek-backend node dist/apps/worker/apps/worker/src/main.js      # worker, health on 3001
#   docker run techtrek-backend node dist/apps/worker/apps/worker/src/cli.js migrate   # or seed, db:create
ARG NODE_IMAGE=node:20-bookworm-slim

# All dependencies, for the build. --ignore-scripts: the packages we use load prebuilt binaries
# (as they do on the development machines, where npm 11 skips install scripts), and it keeps
# third-party postinstall code (telemetry, source builds) out of the image build.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

# Production dependencies only, in their own stage so no build tool reaches the runtime image.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root and read-only for the app user; the only writable place is the local
# media store (MEDIA_LOCAL_DIR, a volume in docker-compose.yml).
# package.json is needed at run time: its "type": "module" makes Node load dist/ as ES modules.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Data files read relative to the working directory: the starter curriculum (`seed`) and the
# common-password list (sign-up and password changes).
COPY libs/lessons/curriculum ./libs/lessons/curriculum
COPY libs/auth/src/infrastructure/security/common-passwords.txt ./libs/auth/src/infrastructure/security/
RUN mkdir -p /app/data/media && chown node:node /app/data/media
USER node
EXPOSE 3000 3001
# Liveness through Node's fetch (the slim image has no curl). HEALTHCHECK_PORT lets the worker
# container point it at WORKER_PORT; otherwise it checks the API's PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const port = process.env.HEALTHCHECK_PORT || process.env.PORT || 3000; fetch('http://127.0.0.1:' + port + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
