/**
 * The demo's after-photo (辉县市阳光幼儿园's rewired activity room): a small drawing rasterised with resvg, so the
 * demo's rectification cites a real image the sandbox holds and its thread shows it like any uploaded photo.
 */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320" viewBox="0 0 480 320">
  <rect width="480" height="320" fill="#f3efe6"/>
  <rect y="250" width="480" height="70" fill="#c8b89a"/>
  <rect x="40" y="60" width="400" height="10" rx="3" fill="#9aa5b1"/>
  <rect x="230" y="70" width="10" height="90" fill="#9aa5b1"/>
  <rect x="200" y="160" width="70" height="70" rx="8" fill="#ffffff" stroke="#7b8794" stroke-width="4"/>
  <circle cx="222" cy="188" r="6" fill="#52606d"/>
  <circle cx="248" cy="188" r="6" fill="#52606d"/>
  <rect x="229" y="204" width="12" height="14" rx="2" fill="#52606d"/>
  <rect x="330" y="120" width="80" height="50" rx="6" fill="#ffffff" stroke="#7b8794" stroke-width="4"/>
  <rect x="345" y="135" width="20" height="20" fill="#e12d39"/>
  <rect x="375" y="135" width="20" height="20" fill="#3ebd93"/>
  <circle cx="90" cy="230" r="48" fill="#3ebd93"/>
  <path d="M66 230 l16 18 l32 -36" stroke="#ffffff" stroke-width="10" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

export const DEMO_PHOTO_NAME = "整改后-活动室.png";

export async function demoPhotoPng(): Promise<Buffer> {
  const { renderAsync } = await import("@resvg/resvg-js");
  const image = await renderAsync(SVG, { font: { loadSystemFonts: false }, logLevel: "off" });
  return Buffer.from(image.asPng());
}
