-- AlterTable
ALTER TABLE "Dispatch" ADD COLUMN     "ambiguous" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "reconciled" TEXT,
ADD COLUMN     "reconciledAt" TIMESTAMP(3),
ADD COLUMN     "threadTs" TEXT;

-- CreateIndex
CREATE INDEX "Dispatch_status_leaseUntil_idx" ON "Dispatch"("status", "leaseUntil");
