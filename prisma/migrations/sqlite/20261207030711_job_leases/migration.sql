-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "token" BIGINT NOT NULL,
    "turn" BIGINT NOT NULL,
    "expiresAt" BIGINT NOT NULL,
    "acquiredAt" BIGINT NOT NULL
);
