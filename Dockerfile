# syntax=docker/dockerfile:1
# The payments subgraph on Node.js 24 LTS:
#   docker build -t payments-subgraph .
#   docker run --read-only --stop-timeout 15 -p 4001:4001 -e STRIPE_SECRET_KEY -e ROUTER_SECRET payments-subgraph

# Compiles src/ and schema.graphql into dist/ with the dev dependencies (esbuild).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json schema.graphql ./
COPY src ./src
RUN npm run build

# Production dependencies and dist/ only: nothing is compiled or written at run time,
# so the container runs on a read-only filesystem.
FROM node:24-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4001
# The slim image has no curl; node's own fetch probes the liveness endpoint, on PORT or,
# when it is unset or empty (which the subgraph reads as unset), on 4001.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT?.trim() || 4001}/health`).then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# Exec form: node is PID 1 and receives SIGTERM itself, then drains and exits 0.
CMD ["node", "dist/src/main.js"]
