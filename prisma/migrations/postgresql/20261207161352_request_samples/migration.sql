-- CreateTable
CREATE TABLE "RequestSample" (
    "id" BIGSERIAL NOT NULL,
    "projectId" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,
    "service" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "durationMs" DOUBLE PRECISION NOT NULL,
    "dbTimeMs" DOUBLE PRECISION,
    "dbQueries" INTEGER,
    "cache" TEXT,
    "requestBytes" DOUBLE PRECISION,
    "responseBytes" DOUBLE PRECISION,
    "instance" TEXT,
    "reason" TEXT NOT NULL,

    CONSTRAINT "RequestSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestSample_projectId_service_method_route_ts_idx" ON "RequestSample"("projectId", "service", "method", "route", "ts");

-- CreateIndex
CREATE INDEX "RequestSample_ts_idx" ON "RequestSample"("ts");
