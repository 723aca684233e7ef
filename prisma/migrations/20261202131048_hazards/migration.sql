-- CreateEnum
CREATE TYPE "HazardState" AS ENUM ('registered', 'rectifying', 'awaiting_acceptance', 'closed');

-- CreateEnum
CREATE TYPE "HazardLevel" AS ENUM ('general', 'major');

-- CreateEnum
CREATE TYPE "HazardSource" AS ENUM ('self_inspection', 'campaign', 'supervision_group', 'imported');

-- CreateEnum
CREATE TYPE "HazardRouting" AS ENUM ('matrix', 'office');

-- CreateEnum
CREATE TYPE "HazardAction" AS ENUM ('register', 'start_rectification', 'submit_rectification', 'accept', 'return', 'list', 'delist', 'progress_report', 'interview', 'note');

-- CreateEnum
CREATE TYPE "HazardFileKind" AS ENUM ('before', 'after', 'other');

-- CreateTable
CREATE TABLE "HazardCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "HazardCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Hazard" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "placeName" TEXT NOT NULL,
    "placeAddress" TEXT,
    "venueTypeId" TEXT,
    "leadDepartmentId" TEXT,
    "routing" "HazardRouting" NOT NULL,
    "description" TEXT NOT NULL,
    "level" "HazardLevel" NOT NULL,
    "category" TEXT,
    "source" "HazardSource" NOT NULL,
    "sourceRef" TEXT,
    "foundBySlackUserId" TEXT NOT NULL,
    "foundDay" TEXT NOT NULL,
    "deadlineDay" TEXT NOT NULL,
    "responsibleSlackUserId" TEXT,
    "responsibleName" TEXT,
    "measures" TEXT,
    "responsibility" TEXT,
    "funding" TEXT,
    "contingencyPlan" TEXT,
    "state" "HazardState" NOT NULL DEFAULT 'registered',
    "listed" BOOLEAN NOT NULL DEFAULT false,
    "listedAt" TIMESTAMP(3),
    "delistedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "channelId" TEXT,
    "messageTs" TEXT,
    "clientKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Hazard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HazardEvent" (
    "id" BIGSERIAL NOT NULL,
    "hazardId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorSlackUserId" TEXT NOT NULL,
    "action" "HazardAction" NOT NULL,
    "fromState" "HazardState",
    "toState" "HazardState",
    "note" TEXT,
    "detail" JSONB,

    CONSTRAINT "HazardEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HazardFile" (
    "id" SERIAL NOT NULL,
    "hazardId" INTEGER NOT NULL,
    "eventId" BIGINT,
    "kind" "HazardFileKind" NOT NULL,
    "slackFileId" TEXT NOT NULL,
    "name" TEXT,
    "mimetype" TEXT,
    "permalink" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HazardFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafetyInterview" (
    "id" SERIAL NOT NULL,
    "departmentId" TEXT NOT NULL,
    "hazardId" INTEGER,
    "onDay" TEXT NOT NULL,
    "summoned" TEXT NOT NULL,
    "note" TEXT,
    "recordedBySlackUser" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SafetyInterview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Hazard_number_key" ON "Hazard"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Hazard_clientKey_key" ON "Hazard"("clientKey");

-- CreateIndex
CREATE INDEX "Hazard_state_deadlineDay_idx" ON "Hazard"("state", "deadlineDay");

-- CreateIndex
CREATE INDEX "Hazard_unitId_state_idx" ON "Hazard"("unitId", "state");

-- CreateIndex
CREATE INDEX "Hazard_leadDepartmentId_state_idx" ON "Hazard"("leadDepartmentId", "state");

-- CreateIndex
CREATE INDEX "Hazard_listed_state_idx" ON "Hazard"("listed", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Hazard_year_seq_key" ON "Hazard"("year", "seq");

-- CreateIndex
CREATE INDEX "HazardEvent_hazardId_at_idx" ON "HazardEvent"("hazardId", "at");

-- CreateIndex
CREATE INDEX "HazardEvent_action_at_idx" ON "HazardEvent"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "HazardFile_hazardId_slackFileId_key" ON "HazardFile"("hazardId", "slackFileId");

-- CreateIndex
CREATE INDEX "SafetyInterview_departmentId_onDay_idx" ON "SafetyInterview"("departmentId", "onDay");

-- CreateIndex
CREATE INDEX "SafetyInterview_hazardId_idx" ON "SafetyInterview"("hazardId");

-- AddForeignKey
ALTER TABLE "HazardEvent" ADD CONSTRAINT "HazardEvent_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HazardFile" ADD CONSTRAINT "HazardFile_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HazardFile" ADD CONSTRAINT "HazardFile_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "HazardEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A hazard's history is append-only: refuse UPDATE and DELETE whoever asks (TRUNCATE, for test resets, is not a row change).
CREATE FUNCTION "hazard_event_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'HazardEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "hazard_event_append_only"
  BEFORE UPDATE OR DELETE ON "HazardEvent"
  FOR EACH ROW EXECUTE FUNCTION "hazard_event_append_only"();
