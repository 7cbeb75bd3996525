FROM node:latest
RUN apt-get update && apt-get install -y curl
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
ENV NODE_ENV=production API_TOKEN=s3cr3t-token
ENV HOST=0.0.0.0 PORT=8000
EXPOSE 8000
CMD ["node", "dist-api/server.mjs"]
