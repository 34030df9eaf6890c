-- CreateTable
CREATE TABLE "Service" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "firstSeenAt" BIGINT NOT NULL,
    "lastSeenAt" BIGINT NOT NULL,
    CONSTRAINT "Service_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectGoal" (
    "projectId" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "target" REAL NOT NULL,
    "critical" REAL NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("projectId", "goal"),
    CONSTRAINT "ProjectGoal_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Service_projectId_name_key" ON "Service"("projectId", "name");

-- Services of the data stored before this migration: one per project and `service` tag value of
-- its series, first and last seen when its first and latest series were created.
INSERT INTO "Service" ("projectId", "name", "firstSeenAt", "lastSeenAt")
SELECT "projectId", "service",
       COALESCE(MIN("created"), CAST(strftime('%s', 'now') AS INTEGER)) * 1000,
       COALESCE(MAX("created"), CAST(strftime('%s', 'now') AS INTEGER)) * 1000
FROM (
    SELECT "projectId",
           CASE WHEN json_valid("dims") THEN json_extract("dims", '$.service') END AS "service",
           CAST(strftime('%s', "createdAt") AS INTEGER) AS "created"
    FROM "Series"
) AS "tagged"
WHERE "service" IS NOT NULL AND typeof("service") = 'text'
GROUP BY "projectId", "service";
