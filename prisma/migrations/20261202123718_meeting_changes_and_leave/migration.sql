-- CreateEnum
CREATE TYPE "LeaveStatus" AS ENUM ('pending', 'approved', 'refused');

-- AlterEnum
ALTER TYPE "MeetingStatus" ADD VALUE 'cancelled';

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "cancelledBy" TEXT,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "MeetingRevision" (
    "meetingId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "changedBy" TEXT NOT NULL,
    "changes" JSONB NOT NULL,

    CONSTRAINT "MeetingRevision_pkey" PRIMARY KEY ("meetingId","revision")
);

-- CreateTable
CREATE TABLE "MeetingLeave" (
    "id" SERIAL NOT NULL,
    "meetingId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "substituteName" TEXT NOT NULL,
    "substituteSlackUserId" TEXT,
    "status" "LeaveStatus" NOT NULL DEFAULT 'pending',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decisionNote" TEXT,

    CONSTRAINT "MeetingLeave_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingLeave_meetingId_departmentId_key" ON "MeetingLeave"("meetingId", "departmentId");

-- AddForeignKey
ALTER TABLE "MeetingRevision" ADD CONSTRAINT "MeetingRevision_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingLeave" ADD CONSTRAINT "MeetingLeave_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
