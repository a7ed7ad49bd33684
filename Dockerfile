# syntax=docker/dockerfile:1
# Lead Triage: multi-stage build, small non-root runtime image.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# `npm ci` runs `prepare`: generates the Prisma client and compiles to dist/. The embedded database's template
# (an empty migrated database, its files private to the builder as PostgreSQL writes them) must be readable by
# the runtime's non-root user, who copies it into /data on first start.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev && chmod -R a+rX dist

FROM node:20-bookworm-slim AS runtime
# A font for the digest chart's labels (the slim image has none).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY personas ./personas
COPY prisma ./prisma
# `lead-triage …` on the PATH, for `docker exec <container> lead-triage check …`.
RUN mkdir -p /data && chown node:node /data && ln -s /app/dist/cli.js /usr/local/bin/lead-triage
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Migrations run on start, under a lock, before the app takes requests.
CMD ["node", "dist/main.js"]
