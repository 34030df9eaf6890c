-- CreateTable
CREATE TABLE "VitalSample" (
    "id" BIGSERIAL NOT NULL,
    "projectId" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,
    "route" TEXT NOT NULL,
    "vital" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "device" TEXT NOT NULL,
    "navigation" TEXT,
    "connection" TEXT,
    "target" TEXT,
    "url" TEXT,
    "interaction" TEXT,
    "inputDelay" DOUBLE PRECISION,
    "processing" DOUBLE PRECISION,
    "presentation" DOUBLE PRECISION,

    CONSTRAINT "VitalSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PageActivity" (
    "id" BIGSERIAL NOT NULL,
    "projectId" TEXT NOT NULL,
    "pageId" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,

    CONSTRAINT "PageActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VitalSample_projectId_vital_ts_idx" ON "VitalSample"("projectId", "vital", "ts");

-- CreateIndex
CREATE INDEX "VitalSample_ts_idx" ON "VitalSample"("ts");

-- CreateIndex
CREATE INDEX "PageActivity_projectId_ts_idx" ON "PageActivity"("projectId", "ts");

-- CreateIndex
CREATE INDEX "PageActivity_ts_idx" ON "PageActivity"("ts");
