-- CreateTable
CREATE TABLE "LatePoint" (
    "id" BIGSERIAL NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "LatePoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RollupDirty" (
    "level" TEXT NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,

    CONSTRAINT "RollupDirty_pkey" PRIMARY KEY ("level","bucket","seriesId")
);
