-- AlterTable
-- SQLite adds a NOT NULL column with a constant default in place: the User table (and the
-- sessions and accounts that cascade from it) is left as it is, rather than copied and dropped.
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'UTC';
