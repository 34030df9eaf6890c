-- CreateTable
CREATE TABLE "LatePoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seriesId" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "value" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "RollupDirty" (
    "level" TEXT NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,

    PRIMARY KEY ("level", "bucket", "seriesId")
);
