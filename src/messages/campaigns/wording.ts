import type { Lang } from "../../lib/i18n.ts";
import type { CampaignDepartment } from "../../domain/campaigns/types.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";

export { lateBy } from "../../domain/campaigns/format-local.ts";

/**
 * The principal head as a mention with the title only: "<@U1>（局长）". Slack already renders the mention as the
 * person's name, so adding the name gave "@李洋（李洋，局长）". Without a Slack id the name stands instead.
 */
export function headWithTitle(department: CampaignDepartment, lang: Lang): string {
  const zh = lang === "zh";
  const title = department.headTitle ? escapeMrkdwn(department.headTitle) : null;
  const parens = (inner: string[]) => (inner.length ? (zh ? `（${inner.join("，")}）` : ` (${inner.join(", ")})`) : "");
  if (department.headSlackUserId) return `<@${department.headSlackUserId}>${parens(title ? [title] : [])}`;
  const name = department.headName ? escapeMrkdwn(department.headName) : null;
  if (name) return `${name}${parens(title ? [title] : [])}`;
  return title ?? "";
}
