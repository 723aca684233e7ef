import type { Lang } from "../../lib/i18n.ts";
import type { Logger } from "../../lib/logger.ts";
import { parseBoard, type TBoardInput } from "./board-schema.ts";
import { buildBoardSvg } from "./build-board-svg.ts";
import { BOARD_FONT_FAMILY, BOARD_FONT_PATH, bundledFontMetrics } from "./font-metrics.ts";
import { layoutBoard, type BoardLayout } from "./layout-board.ts";
import { BACKGROUND } from "./palette.ts";

export interface RenderBoardOptions {
  /** Pixels per layout unit. 2 keeps text crisp when Slack shows the image full size on a high-density screen. */
  scale?: number;
  /** Told which characters of the labels the bundled font cannot draw (they are shown as □). */
  logger?: Logger;
}

export const DEFAULT_BOARD_SCALE = 2;

/** The board's geometry as `renderBoard` draws it, in layout units (multiply by the scale for pixels). */
export function boardLayout(input: TBoardInput, lang: Lang): BoardLayout {
  return layoutBoard(parseBoard(input), lang, bundledFontMetrics());
}

/**
 * The departments × tasks board as a PNG: title, legend, one row per department, one coloured cell per task.
 * resvg rasterises it on libuv's thread pool (PNG encoding, ~0.1–0.25 s for 60 × 8, runs on the caller's
 * thread) with the bundled Noto Sans SC subset and no system fonts, so the picture is the same on every
 * machine; a character the subset lacks is drawn as □ and logged.
 */
export async function renderBoard(input: TBoardInput, lang: Lang, options: RenderBoardOptions = {}): Promise<Buffer> {
  const scale = options.scale ?? DEFAULT_BOARD_SCALE;
  if (!(scale > 0 && scale <= 4)) throw new RangeError(`board scale must be in (0, 4], got ${scale}`);

  const board = parseBoard(input);
  const metrics = bundledFontMetrics();
  const labels = [board.title, ...board.rows.map((r) => r.label), ...board.columns.map((c) => c.label)];
  for (const wording of Object.values(board.legend ?? {})) labels.push(wording[lang]);
  const missing = metrics.missing(labels.join("").replace(/\p{Cc}/gu, ""));
  if (missing.length > 0) {
    options.logger?.warn({ characters: missing.join("") }, "board labels use characters the bundled font lacks; they are drawn as □");
  }

  const svg = buildBoardSvg(layoutBoard(board, lang, metrics));
  // The native renderer is loaded with the first picture, not with the bot: most starts never draw one.
  const { renderAsync } = await import("@resvg/resvg-js");
  const image = await renderAsync(svg, {
    font: { fontFiles: [BOARD_FONT_PATH], loadSystemFonts: false, defaultFontFamily: BOARD_FONT_FAMILY },
    fitTo: { mode: "zoom", value: scale },
    background: BACKGROUND,
    logLevel: "off",
  });
  return image.asPng();
}
