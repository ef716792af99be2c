# One image for both processes: `node dist/apps/hub/src/main.js` or `node dist/apps/worker/src/main.js`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
# connector definitions of the bundled demo systems, the console assets and the model files
COPY --from=build /app/adapters ./adapters
COPY --from=build /app/test/simulators ./test/simulators
COPY --from=build /app/apps/console/dist ./apps/console/dist
COPY --from=build /app/libs/inference/models ./libs/inference/models
USER node
EXPOSE 3000
CMD ["node", "dist/apps/hub/src/main.js"]
