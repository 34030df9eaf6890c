-- CreateTable
CREATE TABLE "Compaction" (
    "resolution" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "until" BIGINT NOT NULL,
    "seenId" BIGINT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Rollup_resolution_bucket_idx" ON "Rollup"("resolution", "bucket");
