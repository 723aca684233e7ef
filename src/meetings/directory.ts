import type { Db } from "../db/client.ts";
import type { DirectoryDepartment } from "../domain/meetings/definition/department-selection.ts";

/** Every department, as the meeting rules read it. */
export async function loadDirectory(db: Db): Promise<DirectoryDepartment[]> {
  const rows = await db.department.findMany({ orderBy: { id: "asc" } });
  return rows.map((d) => ({
    id: d.id,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    kind: d.kind,
    slackChannelId: d.slackChannelId,
    headSlackUserId: d.headSlackUserId,
    headName: d.headName,
    headTitle: d.headTitle,
  }));
}
