-- CreateEnum
CREATE TYPE "CircularStatus" AS ENUM ('draft', 'published');

-- CreateTable
CREATE TABLE "ScoringRulesVersion" (
    "version" SERIAL NOT NULL,
    "digest" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rules" JSONB NOT NULL,
    "importedBy" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScoringRulesVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "Circular" (
    "id" SERIAL NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "rulesVersion" INTEGER,
    "status" "CircularStatus" NOT NULL DEFAULT 'draft',
    "content" JSONB NOT NULL,
    "draftedBy" TEXT NOT NULL,
    "draftedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedBy" TEXT,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "Circular_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScoringRulesVersion_digest_key" ON "ScoringRulesVersion"("digest");

-- CreateIndex
CREATE UNIQUE INDEX "Circular_sourceKey_key" ON "Circular"("sourceKey");

-- CreateIndex
CREATE INDEX "Circular_period_idx" ON "Circular"("period");
