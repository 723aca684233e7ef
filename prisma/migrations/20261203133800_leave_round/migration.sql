-- AlterTable
ALTER TABLE "MeetingLeave" ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1;
