import type { CampaignDepartment, CampaignInfo, CampaignTask, CompletionRecord } from "../../../src/domain/campaigns/types.ts";

export const ZONE = "Asia/Shanghai";
/** A Beijing wall-clock time, "2026-05-27T10:30". */
export const bj = (local: string) => new Date(`${local}+08:00`);

export const civil: CampaignDepartment = {
  id: "civil-affairs",
  nameZh: "民政部门",
  nameEn: "Civil Affairs Department",
  kind: "department",
  headSlackUserId: "U0LIMING",
  headName: "李明",
  headTitle: "局长",
};
export const culture: CampaignDepartment = {
  id: "culture",
  nameZh: "文化部门",
  nameEn: "Culture Department",
  kind: "department",
  headSlackUserId: null,
  headName: null,
  headTitle: null,
};
export const weihui: CampaignDepartment = {
  id: "weihui",
  nameZh: "卫辉市",
  nameEn: "Weihui City",
  kind: "county_district",
  headSlackUserId: "U0WANG",
  headName: "王强",
  headTitle: null,
};

export const campaign: CampaignInfo = {
  id: "summer-fire-safety",
  title: { zh: "夏季消防安全专项行动", en: "Summer fire-safety special action" },
  summary: { zh: "立即开展夏季消防安全专项行动。", en: "The summer fire-safety special action starts now." },
  sourceClause: "要按照5月21日全市消防工作会议的要求，立即开展夏季消防安全专项行动。",
};

/** Launched Wednesday 27 May 2026 10:30; the education week closes Wednesday 3 June 10:30. */
export const ack: CampaignTask = {
  key: "acknowledge",
  kind: "acknowledge",
  title: { zh: "确认收到行动通知", en: "Acknowledge the launch" },
  opensAt: bj("2026-05-27T10:30"),
  dueAt: bj("2026-05-28T10:30"),
  pledge: null,
};
export const education: CampaignTask = {
  key: "warning-education",
  kind: "education-session",
  title: { zh: "开展消防安全警示教育并填报", en: "Hold warning education and report it" },
  opensAt: bj("2026-05-27T10:30"),
  dueAt: bj("2026-06-03T10:30"),
  pledge: null,
};
/** Due at the end of Friday 5 June. */
export const pledge: CampaignTask = {
  key: "safety-pledge",
  kind: "pledge",
  title: { zh: "签署消防安全承诺", en: "Sign the fire-safety pledge" },
  opensAt: bj("2026-05-27T10:30"),
  dueAt: bj("2026-06-06T00:00"),
  pledge: { version: 2, text: { zh: "本人郑重承诺……", en: "I solemnly pledge…" } },
};
export const report: CampaignTask = {
  key: "rectification-report",
  kind: "report",
  title: { zh: "上报隐患整治情况", en: "Report hazard rectification" },
  opensAt: bj("2026-06-01T00:00"),
  dueAt: bj("2026-06-06T00:00"),
  pledge: null,
};

export function completion(overrides: Partial<CompletionRecord> & Pick<CompletionRecord, "taskKey" | "departmentId">): CompletionRecord {
  return {
    slackUserId: "U0CHEN",
    userName: "陈芳",
    userTitle: "科长",
    completedAt: bj("2026-05-27T11:00"),
    pledgeVersion: null,
    data: null,
    ...overrides,
  };
}
