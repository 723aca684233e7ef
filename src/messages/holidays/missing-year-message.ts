import type { Lang } from "../../lib/i18n.ts";
import { context, header, section, type SlackMessage } from "../mrkdwn.ts";

/** The office is told once that a year has no holiday table: what the bot does meanwhile, and how to fix it. */
export function buildMissingHolidayYearMessage(input: { year: number; lang: Lang }): SlackMessage {
  const { year, lang } = input;
  const zh = lang === "zh";
  const text = zh
    ? `【节假日】尚无 ${year} 年的放假安排：在导入之前，只把周六、周日当作休息日，法定节假日会被当作工作日（提醒、逾期和周报照常发出）。`
    : `Holidays: there is no ${year} holiday schedule. Until one is imported only Saturdays and Sundays count as days off, so statutory holidays count as working days (reminders, overdue notices and the digest go out on them).`;
  return {
    text,
    blocks: [
      header(zh ? `⚠️ 缺少 ${year} 年节假日安排` : `⚠️ No ${year} holiday schedule`),
      section(text),
      section(
        zh
          ? `请按国务院办公厅发布的 ${year} 年部分节假日安排通知，写一个节假日文件（放假日和调休上班日），在服务器上运行：\n\`redline import holidays-${year}.yaml\``
          : `Write a holiday file from the State Council's ${year} notice (days off and make-up working days) and run on the server:\n\`redline import holidays-${year}.yaml\``,
      ),
      context(
        zh
          ? "格式见 README「节假日」一节。本提醒每年只发一次。"
          : "The format is in the README's Holidays section. This warning is posted once per year.",
      ),
    ],
  };
}
