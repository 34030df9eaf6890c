-- CreateTable
CREATE TABLE "Series" (
    "id" SERIAL NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unit" TEXT,
    "dims" TEXT NOT NULL DEFAULT '{}',
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Point" (
    "id" BIGSERIAL NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Point_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rollup" (
    "id" BIGSERIAL NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,
    "count" DOUBLE PRECISION NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "lastTs" BIGINT NOT NULL,
    "sketch" BYTEA,

    CONSTRAINT "Rollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Series_key_key" ON "Series"("key");

-- CreateIndex
CREATE INDEX "Series_projectId_name_idx" ON "Series"("projectId", "name");

-- CreateIndex
CREATE INDEX "Point_seriesId_ts_idx" ON "Point"("seriesId", "ts");

-- CreateIndex
CREATE INDEX "Rollup_seriesId_resolution_bucket_idx" ON "Rollup"("seriesId", "resolution", "bucket");

-- AddForeignKey
ALTER TABLE "Series" ADD CONSTRAINT "Series_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
