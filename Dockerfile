# One image for every mmhub process: a service, a gateway, or a one-shot migration.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
# fixes to dependencies, applied by npm ci (postinstall)
COPY patches ./patches
# what npm ci runs after installing: the build, the console's and the embedded template's
COPY scripts/prepare.js ./scripts/prepare.js
COPY bin ./bin
COPY cli ./cli
COPY services ./services
COPY gateway ./gateway
COPY console ./console
RUN npm ci && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production MMHUB_MODE=production MMHUB_HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/bin ./bin
COPY --from=build --chown=node:node /app/package.json ./package.json
USER node
# the port the process listens on: MMHUB_PORT, else 4000 as the configuration's default
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:'+(process.env.MMHUB_PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/mmhub.js"]
CMD ["serve", "--service", "initiatives"]
