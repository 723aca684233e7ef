import { PNG } from "pngjs";
import type { Rect } from "../../../src/digest/render/layout-board.ts";

export type Rgb = [number, number, number];

/** A decoded PNG read in layout units: every coordinate is multiplied by the render scale. */
export interface Picture {
  width: number;
  height: number;
  colorAt(x: number, y: number): Rgb;
  /** Pixels in the rectangle darker than mid-grey: text ink on the white board. */
  inkIn(rect: Rect): number;
  /** The rectangle's pixels as a string of 0/1 for "ink or not", to compare glyph shapes. */
  inkMask(rect: Rect): string;
}

export function readPicture(png: Buffer, scale: number): Picture {
  const image = PNG.sync.read(png);
  const rgb = (px: number, py: number): Rgb => {
    const at = (image.width * py + px) * 4;
    return [image.data[at]!, image.data[at + 1]!, image.data[at + 2]!];
  };
  const isInk = (px: number, py: number) => {
    const [r, g, b] = rgb(px, py);
    return (r + g + b) / 3 < 128;
  };
  const pixels = (rect: Rect) => {
    const out: [number, number][] = [];
    for (let py = Math.round(rect.y * scale); py < Math.round((rect.y + rect.height) * scale); py++) {
      for (let px = Math.round(rect.x * scale); px < Math.round((rect.x + rect.width) * scale); px++) out.push([px, py]);
    }
    return out;
  };
  return {
    width: image.width,
    height: image.height,
    colorAt: (x, y) => rgb(Math.round(x * scale), Math.round(y * scale)),
    inkIn: (rect) => pixels(rect).filter(([px, py]) => isInk(px, py)).length,
    inkMask: (rect) =>
      pixels(rect)
        .map(([px, py]) => (isInk(px, py) ? "1" : "0"))
        .join(""),
  };
}

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** Largest per-channel difference: 0 means the same colour. */
export function colorDistance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}
