import type { TCellState } from "./board-schema.ts";

export interface CellStyle {
  fill: string;
  /** Colour of the state's mark (✓ ○ ! –), which tells the states apart without colour too. */
  markColor: string;
}

export const CELL_STYLES: Record<TCellState, CellStyle> = {
  done: { fill: "#2e9e5b", markColor: "#ffffff" },
  open: { fill: "#f5b942", markColor: "#7a5200" },
  overdue: { fill: "#d93f3f", markColor: "#ffffff" },
  "n/a": { fill: "#e9ecef", markColor: "#9aa0a6" },
};

export const INK = "#1f2328";
export const MUTED_INK = "#59636e";
export const BACKGROUND = "#ffffff";
export const STRIPE = "#f6f8fa";
