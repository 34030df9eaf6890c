-- CreateTable
CREATE TABLE "Compaction" (
    "level" TEXT NOT NULL PRIMARY KEY,
    "resolution" INTEGER NOT NULL,
    "until" BIGINT NOT NULL,
    "seenId" BIGINT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Rollup_resolution_bucket_idx" ON "Rollup"("resolution", "bucket");
