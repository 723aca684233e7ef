-- CreateEnum
CREATE TYPE "DepartmentKind" AS ENUM ('department', 'county_district', 'university', 'office');

-- CreateEnum
CREATE TYPE "DispatchStatus" AS ENUM ('claimed', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('launching', 'launched', 'closed');

-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('acknowledge', 'report', 'education_session', 'pledge');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('scheduled', 'closed');

-- CreateEnum
CREATE TYPE "SignInRole" AS ENUM ('head', 'deputy');

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" "DepartmentKind" NOT NULL,
    "slackChannelId" TEXT,
    "headSlackUserId" TEXT,
    "headName" TEXT,
    "headTitle" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Liaison" (
    "departmentId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Liaison_pkey" PRIMARY KEY ("departmentId","slackUserId")
);

-- CreateTable
CREATE TABLE "VenueType" (
    "id" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "aliases" TEXT[],
    "unassignedSource" TEXT,
    "unassignedNoteZh" TEXT,
    "unassignedNoteEn" TEXT,

    CONSTRAINT "VenueType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatrixEntry" (
    "id" SERIAL NOT NULL,
    "venueTypeId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "scopeZh" TEXT,
    "scopeEn" TEXT,
    "qualifiers" TEXT[],
    "sourceClause" TEXT NOT NULL,

    CONSTRAINT "MatrixEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dispatch" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "DispatchStatus" NOT NULL DEFAULT 'claimed',
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "channelId" TEXT,
    "messageTs" TEXT,
    "error" TEXT,

    CONSTRAINT "Dispatch_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "summaryZh" TEXT NOT NULL,
    "summaryEn" TEXT NOT NULL,
    "sourceClause" TEXT NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'launching',
    "definition" JSONB NOT NULL,
    "launchedBy" TEXT NOT NULL,
    "launchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignTarget" (
    "campaignId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageTs" TEXT,

    CONSTRAINT "CampaignTarget_pkey" PRIMARY KEY ("campaignId","departmentId")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "TaskKind" NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "pledgeText" TEXT,
    "pledgeVersion" INTEGER,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Completion" (
    "id" SERIAL NOT NULL,
    "taskId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "userTitle" TEXT,
    "data" JSONB,
    "pledgeVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Completion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "signInOpensAt" TIMESTAMP(3) NOT NULL,
    "signInClosesAt" TIMESTAMP(3) NOT NULL,
    "headMustAttend" BOOLEAN NOT NULL DEFAULT true,
    "briefingDueWorkingDays" INTEGER NOT NULL DEFAULT 2,
    "status" "MeetingStatus" NOT NULL DEFAULT 'scheduled',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "closedBy" TEXT,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingDepartment" (
    "meetingId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "channelId" TEXT,
    "headSlackUserId" TEXT,
    "headName" TEXT,
    "headTitle" TEXT,

    CONSTRAINT "MeetingDepartment_pkey" PRIMARY KEY ("meetingId","departmentId")
);

-- CreateTable
CREATE TABLE "SignIn" (
    "id" SERIAL NOT NULL,
    "meetingId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "SignInRole" NOT NULL,
    "title" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Briefing" (
    "id" SERIAL NOT NULL,
    "meetingId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "headSlackUserId" TEXT,
    "headName" TEXT,
    "deputySlackUserId" TEXT,
    "deputyName" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "deputyConfirmedAt" TIMESTAMP(3),
    "headConfirmedAt" TIMESTAMP(3),

    CONSTRAINT "Briefing_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_slackChannelId_key" ON "Department"("slackChannelId");

-- CreateIndex
CREATE INDEX "Liaison_slackUserId_idx" ON "Liaison"("slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "MatrixEntry_venueTypeId_departmentId_key" ON "MatrixEntry"("venueTypeId", "departmentId");

-- CreateIndex
CREATE INDEX "Dispatch_kind_status_idx" ON "Dispatch"("kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Task_campaignId_key_key" ON "Task"("campaignId", "key");

-- CreateIndex
CREATE INDEX "Completion_departmentId_idx" ON "Completion"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Completion_taskId_departmentId_key" ON "Completion"("taskId", "departmentId");

-- CreateIndex
CREATE INDEX "SignIn_meetingId_departmentId_idx" ON "SignIn"("meetingId", "departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "SignIn_meetingId_slackUserId_key" ON "SignIn"("meetingId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Briefing_meetingId_departmentId_key" ON "Briefing"("meetingId", "departmentId");

-- AddForeignKey
ALTER TABLE "Liaison" ADD CONSTRAINT "Liaison_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatrixEntry" ADD CONSTRAINT "MatrixEntry_venueTypeId_fkey" FOREIGN KEY ("venueTypeId") REFERENCES "VenueType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatrixEntry" ADD CONSTRAINT "MatrixEntry_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignTarget" ADD CONSTRAINT "CampaignTarget_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Completion" ADD CONSTRAINT "Completion_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDepartment" ADD CONSTRAINT "MeetingDepartment_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignIn" ADD CONSTRAINT "SignIn_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Briefing" ADD CONSTRAINT "Briefing_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
