/** Files people upload in the sandbox (a modal's file picker, the message box): Slack's limits and what they are. */
import { mimetypeOf } from "./web-api.ts";

/** Slack takes files of up to 10 MB through a file_input (its documented limit); the picker refuses larger ones. */
export const FILE_INPUT_MAX_BYTES = 10 * 1024 * 1024;
/** file_input's max_files when the element leaves it out, and its ceiling. */
export const FILE_INPUT_MAX_FILES = 10;

const MAGIC: { type: string; bytes: number[]; at?: number }[] = [
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/gif", bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: "image/webp", bytes: [0x57, 0x45, 0x42, 0x50], at: 8 },
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46] },
];

/** The type the bytes say they are (as Slack decides it), else the name's; never what the browser claims. */
export function sniffMimetype(data: Buffer, name: string): string {
  const known = MAGIC.find((m) => m.bytes.every((b, i) => data[(m.at ?? 0) + i] === b));
  return known?.type ?? mimetypeOf(name);
}

const THUMBNAIL_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** Raster images are shown as thumbnails; anything else (an SVG too) as a file link. */
export function hasThumbnail(mimetype: string): boolean {
  return THUMBNAIL_TYPES.has(mimetype);
}
