-- CreateEnum
CREATE TYPE "AccidentLevel" AS ENUM ('general', 'larger', 'major', 'especially_major');

-- CreateTable
CREATE TABLE "Accident" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "departmentId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "level" "AccidentLevel" NOT NULL,
    "deaths" INTEGER NOT NULL,
    "injuries" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "unitResponsible" BOOLEAN NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Accident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControlTargetYear" (
    "year" INTEGER NOT NULL,
    "warnPercent" INTEGER NOT NULL,
    "alarmPercent" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "importedBy" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ControlTargetYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "ControlTarget" (
    "year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "maxAccidents" INTEGER,
    "maxDeaths" INTEGER,

    CONSTRAINT "ControlTarget_pkey" PRIMARY KEY ("year","category","countyId")
);

-- CreateTable
CREATE TABLE "AccidentFollowUp" (
    "accidentId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closedBy" TEXT,
    "note" TEXT,
    "evidence" TEXT,

    CONSTRAINT "AccidentFollowUp_pkey" PRIMARY KEY ("accidentId","item")
);

-- CreateIndex
CREATE UNIQUE INDEX "Accident_sourceKey_key" ON "Accident"("sourceKey");

-- CreateIndex
CREATE INDEX "Accident_year_category_idx" ON "Accident"("year", "category");

-- CreateIndex
CREATE INDEX "Accident_year_countyId_idx" ON "Accident"("year", "countyId");

-- CreateIndex
CREATE INDEX "AccidentFollowUp_closedAt_idx" ON "AccidentFollowUp"("closedAt");

-- AddForeignKey
ALTER TABLE "ControlTarget" ADD CONSTRAINT "ControlTarget_year_fkey" FOREIGN KEY ("year") REFERENCES "ControlTargetYear"("year") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccidentFollowUp" ADD CONSTRAINT "AccidentFollowUp_accidentId_fkey" FOREIGN KEY ("accidentId") REFERENCES "Accident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
