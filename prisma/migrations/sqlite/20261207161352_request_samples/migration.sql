-- CreateTable
CREATE TABLE "RequestSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,
    "service" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "durationMs" REAL NOT NULL,
    "dbTimeMs" REAL,
    "dbQueries" INTEGER,
    "cache" TEXT,
    "requestBytes" REAL,
    "responseBytes" REAL,
    "instance" TEXT,
    "reason" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "RequestSample_projectId_service_method_route_ts_idx" ON "RequestSample"("projectId", "service", "method", "route", "ts");

-- CreateIndex
CREATE INDEX "RequestSample_ts_idx" ON "RequestSample"("ts");
