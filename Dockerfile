# syntax=docker/dockerfile:1
# One Dockerfile, one target per service (they share every layer but the last):
#   docker build --target collector  -t autoscale-cirm/collector:0.1.0 .
#   docker build --target forecaster -t autoscale-cirm/forecaster:0.1.0 .
#   docker build --target alerter    -t autoscale-cirm/alerter:0.1.0 .
#   docker build --target api-gateway -t autoscale-cirm/api-gateway:0.1.0 .
#   docker build --target scaler     -t autoscale-cirm/scaler:0.1.0 .      (optional, docs/scaling.md)
# (docker compose build does all four). Checked offline by tools/deploy-check: no container
# engine runs in CI, so the stages, user, entrypoints and healthchecks are asserted by parsing.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: every dependency, bundle the four apps, then keep production dependencies only
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund \
 && npx nx run-many -t build --projects=tag:type:app \
 && npm prune --omit=dev --no-audit --no-fund \
 # The bundles inline our libraries; the workspace links would dangle in the runtime image.
 && rm -rf node_modules/@autoscale

# ---- runtime: what every service image has in common
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="AutoScale CIRM" \
      org.opencontainers.image.description="Watches CPU and memory, forecasts saturation, alerts before it happens" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="UNLICENSED" \
      org.opencontainers.image.source="https://example.invalid/autoscale-cirm"
WORKDIR /app
# LIVENESS_FILE: collector, forecaster and alerter keep it fresh; the HEALTHCHECK and the
# Kubernetes/Compose probes read it with scripts/probe-liveness.mjs.
ENV NODE_ENV=production LIVENESS_FILE=/tmp/autoscale.alive
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/scripts/probe-liveness.mjs ./scripts/probe-liveness.mjs
# Numeric, so Kubernetes' runAsNonRoot can verify it (the image's `node` user).
USER 1000:1000
STOPSIGNAL SIGTERM

# ---- one target per service; exec-form ENTRYPOINT, so SIGTERM reaches Node (PID 1) directly
FROM runtime AS collector
COPY --from=build /app/apps/collector/dist ./apps/collector/dist
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "scripts/probe-liveness.mjs", "/tmp/autoscale.alive", "60"]
ENTRYPOINT ["node", "--enable-source-maps", "apps/collector/dist/main.js"]

FROM runtime AS forecaster
COPY --from=build /app/apps/forecaster/dist ./apps/forecaster/dist
# The forecaster replays up to FORECAST_HISTORY_HOURS of METRICS before it consumes.
HEALTHCHECK --interval=15s --timeout=5s --start-period=600s --retries=3 \
  CMD ["node", "scripts/probe-liveness.mjs", "/tmp/autoscale.alive", "60"]
ENTRYPOINT ["node", "--enable-source-maps", "apps/forecaster/dist/main.js"]

FROM runtime AS alerter
COPY --from=build /app/apps/alerter/dist ./apps/alerter/dist
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "scripts/probe-liveness.mjs", "/tmp/autoscale.alive", "60"]
ENTRYPOINT ["node", "--enable-source-maps", "apps/alerter/dist/main.js"]

# Optional: predictive scale-out (docs/scaling.md); not part of `docker compose up`.
FROM runtime AS scaler
COPY --from=build /app/apps/scaler/dist ./apps/scaler/dist
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "scripts/probe-liveness.mjs", "/tmp/autoscale.alive", "60"]
ENTRYPOINT ["node", "--enable-source-maps", "apps/scaler/dist/main.js"]

# Last, so a plain `docker build .` gives the gateway.
FROM runtime AS api-gateway
COPY --from=build /app/apps/api-gateway/dist ./apps/api-gateway/dist
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 8000}/api/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "--enable-source-maps", "apps/api-gateway/dist/main.js"]
