import type { TCellState } from "./board-schema.ts";

export interface CellStyle {
  fill: string;
  /** A mark drawn in the cell so the states differ without colour too (colour-blind readers, grey printers). */
  mark: string;
  markColor: string;
}

export const CELL_STYLES: Record<TCellState, CellStyle> = {
  done: { fill: "#2e9e5b", mark: "✓", markColor: "#ffffff" },
  open: { fill: "#f5b942", mark: "○", markColor: "#7a5200" },
  overdue: { fill: "#d93f3f", mark: "!", markColor: "#ffffff" },
  "n/a": { fill: "#e9ecef", mark: "–", markColor: "#9aa0a6" },
};

export const INK = "#1f2328";
export const MUTED_INK = "#59636e";
export const BACKGROUND = "#ffffff";
export const STRIPE = "#f6f8fa";
