/*
  Warnings:

  - A unique constraint covering the columns `[departmentId,onDay,summoned]` on the table `SafetyInterview` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateTable
CREATE TABLE "SupervisionGroup" (
    "id" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupervisionGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionGroupMember" (
    "groupId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "SupervisionGroupMember_pkey" PRIMARY KEY ("groupId","slackUserId")
);

-- CreateTable
CREATE TABLE "SupervisionGroupCounty" (
    "groupId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,

    CONSTRAINT "SupervisionGroupCounty_pkey" PRIMARY KEY ("groupId","departmentId")
);

-- CreateIndex
CREATE INDEX "SupervisionGroupMember_slackUserId_idx" ON "SupervisionGroupMember"("slackUserId");

-- CreateIndex
CREATE INDEX "Hazard_state_submittedAt_idx" ON "Hazard"("state", "submittedAt");

-- CreateIndex
CREATE INDEX "Hazard_source_sourceRef_idx" ON "Hazard"("source", "sourceRef");

-- CreateIndex
CREATE UNIQUE INDEX "SafetyInterview_departmentId_onDay_summoned_key" ON "SafetyInterview"("departmentId", "onDay", "summoned");

-- AddForeignKey
ALTER TABLE "SupervisionGroupMember" ADD CONSTRAINT "SupervisionGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SupervisionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionGroupCounty" ADD CONSTRAINT "SupervisionGroupCounty_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SupervisionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;
