-- CreateTable
CREATE TABLE "ReminderBundle" (
    "key" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "part" INTEGER NOT NULL DEFAULT 1,
    "parts" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderBundle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ReminderBundleItem" (
    "itemKey" TEXT NOT NULL,
    "bundleKey" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "taskKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "ReminderBundleItem_pkey" PRIMARY KEY ("itemKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReminderBundle_departmentId_day_seq_key" ON "ReminderBundle"("departmentId", "day", "seq");

-- CreateIndex
CREATE INDEX "ReminderBundleItem_bundleKey_idx" ON "ReminderBundleItem"("bundleKey");

-- AddForeignKey
ALTER TABLE "ReminderBundleItem" ADD CONSTRAINT "ReminderBundleItem_bundleKey_fkey" FOREIGN KEY ("bundleKey") REFERENCES "ReminderBundle"("key") ON DELETE CASCADE ON UPDATE CASCADE;
