-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "shortEn" TEXT,
ADD COLUMN     "shortZh" TEXT;
