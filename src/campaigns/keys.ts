/**
 * Dispatch keys of everything the bot posts for a campaign on its own. Built only from ids, task keys, slot keys
 * and local days — never from when or where they were computed — so a retry, a restart, an overlapping tick or a
 * second replica claims the same key and the message goes out once.
 */
export const campaignKeys = {
  prefix: (campaignId: string) => `campaign:${campaignId}:`,
  launch: (campaignId: string, departmentId: string) => `campaign:${campaignId}:launch:${departmentId}`,
  reminder: (campaignId: string, taskKey: string, departmentId: string, slotKey: string) =>
    `campaign:${campaignId}:task:${taskKey}:remind:${departmentId}:${slotKey}`,
  escalation: (campaignId: string, taskKey: string, departmentId: string) =>
    `campaign:${campaignId}:task:${taskKey}:escalate:${departmentId}`,
  summary: (campaignId: string, taskKey: string) => `campaign:${campaignId}:task:${taskKey}:summary`,
  /** The closing notice in one department's channel. */
  closing: (campaignId: string, departmentId: string) => `campaign:${campaignId}:closed:${departmentId}`,
  /** The final tally in the office channel. */
  closedOffice: (campaignId: string) => `campaign:${campaignId}:closed-office`,
} as const;

/**
 * A department's morning bundle (every campaign reminder and escalation due for it at one tick, in one message): the
 * n-th of its local day. Not under a campaign's prefix, since one bundle covers items of several campaigns.
 */
export const reminderBundleKey = (departmentId: string, day: string, seq: number) => `reminder-bundle:${departmentId}:${day}:${seq}`;

export const CAMPAIGN_DISPATCH_KINDS = {
  launch: "campaign-launch",
  /** Before bundles: one post per (task, department, slot). Still read, so a slot sent that way is not sent again. */
  reminder: "campaign-reminder",
  escalation: "campaign-escalation",
  reminderBundle: "campaign-reminder-bundle",
  summary: "campaign-education-summary",
  closing: "campaign-closing",
} as const;
