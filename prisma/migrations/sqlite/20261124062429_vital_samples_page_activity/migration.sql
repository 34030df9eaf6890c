-- CreateTable
CREATE TABLE "VitalSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,
    "route" TEXT NOT NULL,
    "vital" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "device" TEXT NOT NULL,
    "navigation" TEXT,
    "connection" TEXT,
    "target" TEXT,
    "url" TEXT,
    "interaction" TEXT,
    "inputDelay" REAL,
    "processing" REAL,
    "presentation" REAL
);

-- CreateTable
CREATE TABLE "PageActivity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" TEXT NOT NULL,
    "pageId" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "ts" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "VitalSample_projectId_vital_ts_idx" ON "VitalSample"("projectId", "vital", "ts");

-- CreateIndex
CREATE INDEX "VitalSample_ts_idx" ON "VitalSample"("ts");

-- CreateIndex
CREATE INDEX "PageActivity_projectId_ts_idx" ON "PageActivity"("projectId", "ts");

-- CreateIndex
CREATE INDEX "PageActivity_ts_idx" ON "PageActivity"("ts");
