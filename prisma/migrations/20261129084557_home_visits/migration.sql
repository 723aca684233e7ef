-- CreateTable
CREATE TABLE "HomeVisit" (
    "slackUserId" TEXT NOT NULL,
    "lastOpenedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HomeVisit_pkey" PRIMARY KEY ("slackUserId")
);
