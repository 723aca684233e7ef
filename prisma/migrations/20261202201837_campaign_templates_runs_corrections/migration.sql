-- Campaigns become runs of a template. Runs launched before keep their ids; their template is the id itself
-- (campaign files used to be launched once, under their own id).
-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "templateId" TEXT;
UPDATE "Campaign" SET "templateId" = "id";
ALTER TABLE "Campaign" ALTER COLUMN "templateId" SET NOT NULL;
-- AlterTable
ALTER TABLE "Completion" ADD COLUMN     "correctedAt" TIMESTAMP(3),
ADD COLUMN     "correctedBy" TEXT,
ADD COLUMN     "correctedName" TEXT,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CampaignTemplate" (
    "id" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "fileName" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "uploadedBy" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompletionRevision" (
    "id" SERIAL NOT NULL,
    "completionId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "data" JSONB,
    "slackUserId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "writtenAt" TIMESTAMP(3) NOT NULL,
    "replacedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CompletionRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CompletionRevision_completionId_revision_key" ON "CompletionRevision"("completionId", "revision");

-- CreateIndex
CREATE INDEX "Campaign_templateId_status_idx" ON "Campaign"("templateId", "status");

-- AddForeignKey
ALTER TABLE "CompletionRevision" ADD CONSTRAINT "CompletionRevision_completionId_fkey" FOREIGN KEY ("completionId") REFERENCES "Completion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
