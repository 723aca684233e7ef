import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from "docx";
import { overviewParagraphs, type CircularContent } from "../../domain/accountability/circular.ts";

/** Fonts as offices name them (GB/T 9704); named, not shipped: Word uses them where installed. */
export const CIRCULAR_FONTS = { title: "方正小标宋简体", body: "仿宋_GB2312", heading1: "黑体", heading2: "楷体_GB2312" } as const;
/** Sizes in half-points: 2号 = 22 pt (title), 3号 = 16 pt (body and headings). */
const SIZE = { title: 44, body: 32 } as const;
/** 22 lines in the 225 mm type area: an exact line pitch of about 28.9 pt. */
const LINE = Math.round((225 / 22) * 56.7);
/** Millimetres to twips, rounded (docx's own helper truncates: A4 would come out 11905 × 16837). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
export const ISSUER = "市政府安全生产委员会办公室";

const run = (text: string, font: string, size: number = SIZE.body, bold = false) =>
  new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font }, size, bold });
const spacing = { line: LINE, lineRule: LineRuleType.EXACT };

function body(text: string): Paragraph {
  // First-line indent of two characters (3号 = 16 pt each).
  return new Paragraph({ children: [run(text, CIRCULAR_FONTS.body)], spacing, indent: { firstLine: 640 }, alignment: AlignmentType.BOTH });
}
function heading1(text: string): Paragraph {
  return new Paragraph({ children: [run(text, CIRCULAR_FONTS.heading1)], spacing, indent: { firstLine: 640 } });
}
function heading2(text: string): Paragraph {
  return new Paragraph({ children: [run(text, CIRCULAR_FONTS.heading2)], spacing, indent: { firstLine: 640 } });
}
function centered(text: string, font: string, size: number = SIZE.body): Paragraph {
  return new Paragraph({ children: [run(text, font, size)], spacing, alignment: AlignmentType.CENTER });
}
function right(text: string): Paragraph {
  return new Paragraph({ children: [run(text, CIRCULAR_FONTS.body)], spacing, alignment: AlignmentType.RIGHT, indent: { right: 1280 } });
}

const cnDate = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
const CN_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The 通报 as an official document: A4, GB/T 9704 margins and type area, title, 发文字号 placeholder, body, 落款 and date. */
export async function circularDocx(c: CircularContent, opts: { issuedOn: string }): Promise<Buffer> {
  const paragraphs: Paragraph[] = [
    centered(ISSUER, CIRCULAR_FONTS.title, SIZE.title),
    centered(`市安委办〔${c.period.slice(0, 4)}〕  号`, CIRCULAR_FONTS.body),
    centered("", CIRCULAR_FONTS.body),
    centered(c.title, CIRCULAR_FONTS.title, SIZE.title),
    centered("", CIRCULAR_FONTS.body),
    new Paragraph({ children: [run("各县（市）、区人民政府，市安委会各成员单位，各驻新高校：", CIRCULAR_FONTS.body)], spacing }),
    body(
      `为落实安全生产责任，现将${c.periodName}全市安全生产工作情况通报如下（依据${c.rules.name}${c.rules.version === null ? "" : `第 ${c.rules.version} 版`}，数据截至${cnDate(c.asOfDay)}）。`,
    ),
  ];
  let n = 0;
  const section = (title: string) => paragraphs.push(heading1(`${CN_NUM[n++]}、${title}`));

  section("总体情况");
  for (const p of overviewParagraphs(c)) paragraphs.push(body(p));

  section("通报表扬");
  paragraphs.push(
    body(c.praise.length ? `${c.praise.map((u) => u.name).join("、")}本期各项工作考核满分，予以通报表扬。` : "本期没有考核满分的单位。"),
  );

  section("通报批评");
  paragraphs.push(heading2("（一）工作落后的单位"));
  if (!c.criticism.length) paragraphs.push(body("本期没有考核落后的单位。"));
  for (const u of c.criticism) paragraphs.push(body(`${u.name}（${u.score} 分，${u.grade}）：${u.failings.join("；")}。`));
  paragraphs.push(heading2("（二）未按要求参加会议的主要负责人"));
  if (!c.absentHeads.length) paragraphs.push(body("本期各单位主要负责人均按要求参会。"));
  for (const u of c.absentHeads) paragraphs.push(body(`${u.name}：${u.lines.join("；")}。`));

  section("约谈");
  if (!c.summons.length) paragraphs.push(body("本期没有需要约谈的单位和负责人。"));
  for (const s of c.summons) paragraphs.push(body(`${s.name}：${s.reasons.join("；")}。由市安委办约谈其主要负责人。`));

  section("考核排名");
  for (const r of c.ranking) paragraphs.push(body(`${r.rank}．${r.name}  ${r.score} 分  ${r.grade}${r.veto ? "（一票否决，不得评优）" : ""}`));

  section("工作要求");
  paragraphs.push(
    body("被通报批评的单位要认真查找原因，逐项整改，于 10 个工作日内将整改情况报市安委办。考核不达标的单位负责人当年年度考核不得评为优秀等次，不得提拔使用。"),
  );
  paragraphs.push(centered("", CIRCULAR_FONTS.body), right(ISSUER), right(cnDate(opts.issuedOn)));

  const doc = new Document({
    creator: "redline",
    title: c.title,
    styles: { default: { document: { run: { font: { ascii: CIRCULAR_FONTS.body, eastAsia: CIRCULAR_FONTS.body }, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            // A4; type area 156 × 225 mm: top 37 mm, binding (left) 28 mm, so right 26 mm and bottom 35 mm.
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        children: paragraphs,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
