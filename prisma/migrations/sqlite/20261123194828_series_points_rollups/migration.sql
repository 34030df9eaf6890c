-- CreateTable
CREATE TABLE "Series" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unit" TEXT,
    "dims" TEXT NOT NULL DEFAULT '{}',
    "key" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Series_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Point" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seriesId" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "value" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "Rollup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seriesId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,
    "count" REAL NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,
    "last" REAL NOT NULL,
    "lastTs" BIGINT NOT NULL,
    "sketch" BLOB
);

-- CreateIndex
CREATE UNIQUE INDEX "Series_key_key" ON "Series"("key");

-- CreateIndex
CREATE INDEX "Series_projectId_name_idx" ON "Series"("projectId", "name");

-- CreateIndex
CREATE INDEX "Point_seriesId_ts_idx" ON "Point"("seriesId", "ts");

-- CreateIndex
CREATE INDEX "Rollup_seriesId_resolution_bucket_idx" ON "Rollup"("seriesId", "resolution", "bucket");
