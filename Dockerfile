# syntax=docker/dockerfile:1
# Multi-stage: dependencies and the build to dist/ (no install scripts but our own prisma generate), then a slim
# non-root runtime that carries dist/ and production dependencies only.
FROM node:22-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY tools ./tools
RUN npm ci --no-audit --no-fund
# Compiled JavaScript (tsc to dist/), then the dev tools (TypeScript, tsx, the Prisma CLI with Studio and React) go.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN node tools/build.mjs && npm prune --omit=dev

FROM node:22-slim AS runtime
ENV NODE_ENV=production \
    DATABASE_URL=pglite:/data/pglite \
    REDLINE_SANDBOX=off \
    PORT=3000
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json package-lock.json slack-app-manifest.yaml ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node prompts ./prompts
COPY --from=deps --chown=node:node /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Start-up applies pending migrations (Wasm schema engine) and seeds an empty database, then serves.
CMD ["node", "dist/main.js"]
