import type { Bilingual } from "../../lib/i18n.ts";
import type { FactKind } from "./scoring.ts";

/** What each kind of record line is called on a scorecard. */
export const FACT_KIND_NAMES: Record<FactKind, Bilingual> = {
  task_on_time: { zh: "任务按时完成", en: "task done on time" },
  task_late: { zh: "任务逾期完成", en: "task done late" },
  task_overdue: { zh: "任务逾期未完成", en: "task overdue" },
  education_held: { zh: "警示教育按时开展", en: "warning education held" },
  education_late: { zh: "警示教育逾期开展", en: "warning education late" },
  education_missing: { zh: "警示教育未开展", en: "warning education not held" },
  pledge_signed: { zh: "主要负责人已签字承诺", en: "pledge signed by the head" },
  pledge_missing: { zh: "主要负责人未签字承诺", en: "pledge not signed by the head" },
  meeting_in_person: { zh: "主要负责人亲自参会", en: "head attended in person" },
  meeting_by_deputy: { zh: "主要负责人未亲自参会（他人代会）", en: "head sent a deputy" },
  meeting_on_leave: { zh: "主要负责人经批准请假", en: "head on approved leave" },
  meeting_absent: { zh: "未参会", en: "meeting missed" },
  briefing_confirmed: { zh: "会议精神已传达", en: "briefing confirmed" },
  briefing_unconfirmed: { zh: "会议精神未按时传达", en: "briefing not confirmed" },
  hazard_found: { zh: "排查发现隐患", en: "hazard found" },
  hazard_rectified_on_time: { zh: "隐患按期整改", en: "hazard rectified on time" },
  hazard_rectified_late: { zh: "隐患超期整改", en: "hazard rectified late" },
  hazard_overdue: { zh: "隐患逾期未整改", en: "hazard overdue" },
  hazard_listed: { zh: "重大隐患挂牌督办", en: "hazard listed for supervision" },
  interview: { zh: "被约谈", en: "summoned (约谈)" },
  accident: { zh: "发生生产安全事故", en: "accident" },
  death: { zh: "事故死亡人数", en: "deaths" },
  target_exceeded: { zh: "超出控制指标", en: "control target exceeded" },
};
