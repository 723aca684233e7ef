/*
  Warnings:

  - You are about to drop the column `pledgeText` on the `Task` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Task" DROP COLUMN "pledgeText",
ADD COLUMN     "pledgeTextEn" TEXT,
ADD COLUMN     "pledgeTextZh" TEXT;
