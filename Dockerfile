# One image for the four services; the command picks the service, e.g.
#   docker run autoscale-cirm node apps/collector/dist/main.js
FROM node:22-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx nx run-many -t build --projects=tag:type:app \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/apps/collector/dist ./apps/collector/dist
COPY --from=build /app/apps/forecaster/dist ./apps/forecaster/dist
COPY --from=build /app/apps/alerter/dist ./apps/alerter/dist
COPY --from=build /app/apps/api-gateway/dist ./apps/api-gateway/dist
USER node
EXPOSE 8000
CMD ["node", "apps/api-gateway/dist/main.js"]
