import type { types } from "@slack/bolt";
import { z } from "zod";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Bilingual, Lang } from "../../lib/i18n.ts";
import { context, escapeMrkdwn, section, type Block } from "../mrkdwn.ts";
import { element, readStateValues, type ModalParse } from "../modal-state.ts";
import { plain } from "./modal-header.ts";

export const UPLOAD_MODAL_CALLBACK = "campaign_template_upload";
export const UPLOAD_FIELDS = { file: { block: "template_file", action: "template_file_input" } } as const;

/** The largest campaign file taken (the shipped ones are about 3 KB). */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

/** Whether a file's name says YAML: only those are read as campaign files. */
export const isYamlFileName = (name: string): boolean => /\.ya?ml$/i.test(name.trim());

const ZUploadMetadata = z.strictObject({ lang: z.enum(["zh", "en"]), channelId: z.string().max(40).nullable() });
export type UploadMetadata = z.infer<typeof ZUploadMetadata>;

export function parseUploadMetadata(raw: unknown): UploadMetadata {
  let json: unknown;
  try {
    json = typeof raw === "string" ? JSON.parse(raw) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ZUploadMetadata.safeParse(json);
  if (!parsed.success) {
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "表单无法读取，请重新输入 /redline 行动 上传。",
      en: "The form could not be read; please run /redline campaign upload again.",
    });
  }
  return parsed.data;
}

/** The office uploads a campaign YAML file; it is checked like a file launched from the server, and stored as a template. */
export function buildUploadModal(metadata: UploadMetadata): types.ModalView {
  const zh = metadata.lang === "zh";
  return {
    type: "modal",
    callback_id: UPLOAD_MODAL_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: plain(zh ? "上传行动模板" : "Upload a template"),
    submit: plain(zh ? "上传" : "Upload"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      section(
        zh
          ? "上传一个行动文件（YAML）。检查与服务器上发起时相同：文件格式、每项任务的日期、目标单位须在名录中。通过后保存为行动模板，可用 `/redline 行动 发起` 发起；同一编号再次上传会替换原模板（已发起的轮次不变）。"
          : "Upload a campaign file (YAML). It is checked as a launch from the server checks it: the format, each task's dates, and the target departments against the directory. Once it passes it is saved as a template to launch with `/redline campaign launch`; uploading the same id again replaces it (runs already launched stay as they are).",
      ),
      {
        type: "input",
        block_id: UPLOAD_FIELDS.file.block,
        label: plain(zh ? "行动文件（.yaml）" : "Campaign file (.yaml)"),
        element: { type: "file_input", action_id: UPLOAD_FIELDS.file.action, filetypes: ["yaml", "yml"], max_files: 1 },
      },
      context(
        zh
          ? "格式见随附的 prisma/seed/campaigns/*.yaml：id、title、summary、sourceClause、targets、tasks（acknowledge / report / education-session / pledge，opens 与 due：launch、launch+7d、05-31、2026-05-31 或 ask）。"
          : "The format is that of the shipped prisma/seed/campaigns/*.yaml: id, title, summary, sourceClause, targets, tasks (acknowledge / report / education-session / pledge, with opens and due: launch, launch+7d, 05-31, 2026-05-31 or ask).",
      ),
    ],
  };
}

/** The uploaded file's id, or the problem under the field. */
export function parseUploadSubmission(rawValues: unknown): ModalParse<{ fileId: string; name: string | null }> {
  const files = element(readStateValues(rawValues), UPLOAD_FIELDS.file)?.files ?? [];
  if (files.length !== 1) {
    return { ok: false, errors: { [UPLOAD_FIELDS.file.block]: { zh: "请上传一个 YAML 文件。", en: "Please upload one YAML file." } } };
  }
  const name = files[0]!.name ?? null;
  if (name && !isYamlFileName(name)) {
    return {
      ok: false,
      errors: { [UPLOAD_FIELDS.file.block]: { zh: `“${name}”不是 .yaml 文件。`, en: `“${name}” is not a .yaml file.` } },
    };
  }
  return { ok: true, data: { fileId: files[0]!.id, name } };
}

/** What the form turns into once the template is saved: its id, what it will launch with, how to launch it. */
export function buildUploadedView(input: {
  id: string;
  title: Bilingual;
  created: boolean;
  revision: number;
  tasks: readonly string[];
  openDates: readonly string[];
  lang: Lang;
}): types.ModalView {
  const zh = input.lang === "zh";
  const title = escapeMrkdwn(input.title[input.lang]);
  const launch = input.openDates.length
    ? `/redline 行动 发起 ${input.id} ${input.openDates.map((d) => `${d}=YYYY-MM-DD`).join(" ")}`
    : `/redline 行动 发起 ${input.id}`;
  const blocks: Block[] = [
    section(
      zh
        ? `✅ 已${input.created ? "保存" : `替换（第 ${input.revision} 版）`}行动模板 *${title}* \`${input.id}\`。\n任务：${input.tasks.map(escapeMrkdwn).join("、")}`
        : `✅ ${input.created ? "Saved" : `Replaced (revision ${input.revision})`} the campaign template *${title}* \`${input.id}\`.\nTasks: ${input.tasks.map(escapeMrkdwn).join(", ")}`,
    ),
    section(
      zh
        ? `发起：\`/redline 行动 发起\`（表单中选择）或 \`${launch}\`${input.openDates.length ? "\n发起时须给出的日期：" + input.openDates.join("、") : ""}`
        : `Launch it: \`/redline campaign launch\` (choose it in the form) or \`${launch}\`${input.openDates.length ? "\nDays to give at launch: " + input.openDates.join(", ") : ""}`,
    ),
  ];
  return { type: "modal", title: plain(zh ? "上传行动模板" : "Upload a template"), close: plain(zh ? "完成" : "Done"), blocks };
}
