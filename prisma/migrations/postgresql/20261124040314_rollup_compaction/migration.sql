-- CreateTable
CREATE TABLE "Compaction" (
    "level" TEXT NOT NULL,
    "resolution" INTEGER NOT NULL,
    "until" BIGINT NOT NULL,
    "seenId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Compaction_pkey" PRIMARY KEY ("level")
);

-- CreateIndex
CREATE INDEX "Rollup_resolution_bucket_idx" ON "Rollup"("resolution", "bucket");
