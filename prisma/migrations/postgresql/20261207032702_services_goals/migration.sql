-- CreateTable
CREATE TABLE "Service" (
    "id" SERIAL NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "firstSeenAt" BIGINT NOT NULL,
    "lastSeenAt" BIGINT NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectGoal" (
    "projectId" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "critical" DOUBLE PRECISION NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectGoal_pkey" PRIMARY KEY ("projectId","goal")
);

-- CreateIndex
CREATE UNIQUE INDEX "Service_projectId_name_key" ON "Service"("projectId", "name");

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectGoal" ADD CONSTRAINT "ProjectGoal_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Services of the data stored before this migration: one per project and `service` tag value of
-- its series, first and last seen when its first and latest series were created.
INSERT INTO "Service" ("projectId", "name", "firstSeenAt", "lastSeenAt")
SELECT "projectId", "service",
       (EXTRACT(EPOCH FROM MIN("createdAt")) * 1000)::BIGINT,
       (EXTRACT(EPOCH FROM MAX("createdAt")) * 1000)::BIGINT
FROM (
    SELECT "projectId", "createdAt", ("dims"::jsonb ->> 'service') AS "service"
    FROM "Series"
    WHERE "dims" LIKE '%"service"%'
) AS "tagged"
WHERE "service" IS NOT NULL
GROUP BY "projectId", "service";
