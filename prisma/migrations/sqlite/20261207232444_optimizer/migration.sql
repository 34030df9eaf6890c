-- CreateTable
CREATE TABLE "Recommendation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "detector" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "snoozedUntil" DATETIME,
    "targetKind" TEXT NOT NULL,
    "targetName" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "severity" REAL NOT NULL,
    "statusChangedAt" DATETIME,
    "statusSeverity" REAL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT,
    CONSTRAINT "Recommendation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OptimizerSettings" (
    "projectId" TEXT NOT NULL PRIMARY KEY,
    "thresholds" TEXT NOT NULL DEFAULT '{}',
    "lastRunAt" DATETIME,
    "updatedBy" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OptimizerSettings_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Recommendation_projectId_status_idx" ON "Recommendation"("projectId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Recommendation_projectId_fingerprint_key" ON "Recommendation"("projectId", "fingerprint");
