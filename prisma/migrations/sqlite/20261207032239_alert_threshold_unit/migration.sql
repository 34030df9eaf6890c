-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN "thresholdUnit" TEXT;

-- The default "Conversion rate below 1%" rule compared the percentage gauge with 0.01 and so
-- could never fire: where it is still as shipped, it now states 1 in "%".
UPDATE "AlertRule" SET "threshold" = 1, "thresholdUnit" = '%'
WHERE "seedKey" = 'conversion-rate' AND "metric" = 'business.conversion_rate' AND "statistic" = 'avg'
  AND "threshold" = 0.01 AND "thresholdUnit" IS NULL;
