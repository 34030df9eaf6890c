-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "token" BIGINT NOT NULL,
    "turn" BIGINT NOT NULL,
    "expiresAt" BIGINT NOT NULL,
    "acquiredAt" BIGINT NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);
