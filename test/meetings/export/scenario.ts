import { buildAttendanceReport } from "../../../src/domain/meetings/build-attendance-report.ts";
import type { BriefingRecord } from "../../../src/domain/meetings/types.ts";
import { civil, culture, education, local, meeting, signIn, weihui } from "../../domain/meetings/factories.ts";

/** One closed meeting: 民政局's head came, 教育局 sent a deputy, 卫辉市 nobody, 文化局 has no registered head. */
export const report = buildAttendanceReport(
  meeting({ status: "closed" }),
  [civil, education, weihui, culture],
  [
    signIn({
      departmentId: "civil-affairs",
      slackUserId: "U_LI",
      name: "李明",
      role: "head",
      title: "局长",
      signedInAt: local("2024-05-28 14:05"),
    }),
    signIn({ departmentId: "education", slackUserId: "U_QIAN", name: "钱伟", title: "副局长", signedInAt: local("2024-05-28 14:12") }),
  ],
);

export const briefings: BriefingRecord[] = [
  {
    departmentId: "education",
    headSlackUserId: "U_ZHAO",
    deputySlackUserId: "U_QIAN",
    dueAt: local("2024-05-30 18:00"),
    deputyConfirmedAt: local("2024-05-29 09:00"),
    headConfirmedAt: null,
  },
  {
    departmentId: "weihui",
    headSlackUserId: "U_WANG",
    deputySlackUserId: null,
    dueAt: local("2024-05-30 18:00"),
    deputyConfirmedAt: null,
    headConfirmedAt: local("2024-05-29 10:30"),
  },
];

/** After the briefing deadline. */
export const now = local("2024-05-31 09:00");

/** What an Excel cell showing local wall-clock time holds when read back. */
export function wallClock(y: number, mo: number, d: number, h: number, mi: number): Date {
  return new Date(Date.UTC(y, mo - 1, d, h, mi));
}
