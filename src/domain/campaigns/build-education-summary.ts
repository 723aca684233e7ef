import { ZEducationSessionData, type EducationSessionData } from "./completion-data.ts";
import type { CampaignDepartment, CampaignTask, CompletionRecord } from "./types.ts";

export interface ReportedSession<D extends CampaignDepartment = CampaignDepartment> {
  department: D;
  completion: CompletionRecord;
  /** Null when the stored form data cannot be read; the department still counts as reported. */
  session: EducationSessionData | null;
}

export interface EducationSummary<D extends CampaignDepartment = CampaignDepartment> {
  task: CampaignTask;
  reported: ReportedSession<D>[];
  notReported: D[];
  totals: { departments: number; reported: number; attendees: number };
}

/**
 * The closing summary of a warning-education window: who reported a session, who did not, and how many people
 * attended in all. Departments keep the order given; completions of other tasks or departments are ignored.
 */
export function buildEducationSummary<D extends CampaignDepartment>(
  task: CampaignTask,
  targets: readonly D[],
  completions: readonly CompletionRecord[],
): EducationSummary<D> {
  const byDepartment = new Map(completions.filter((c) => c.taskKey === task.key).map((c) => [c.departmentId, c]));
  const reported: ReportedSession<D>[] = [];
  const notReported: D[] = [];
  for (const department of targets) {
    const completion = byDepartment.get(department.id);
    if (!completion) {
      notReported.push(department);
      continue;
    }
    const parsed = ZEducationSessionData.safeParse(completion.data);
    reported.push({ department, completion, session: parsed.success ? parsed.data : null });
  }
  const attendees = reported.reduce((sum, r) => sum + (r.session?.attendees ?? 0), 0);
  return { task, reported, notReported, totals: { departments: targets.length, reported: reported.length, attendees } };
}
