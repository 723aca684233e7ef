-- CreateTable
CREATE TABLE "KeptMessage" (
    "key" TEXT NOT NULL,
    "contentHash" TEXT,
    "sourceMark" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "updates" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "KeptMessage_pkey" PRIMARY KEY ("key")
);
