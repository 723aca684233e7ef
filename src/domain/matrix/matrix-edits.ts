import { AppError, ErrorCode } from "../../lib/errors.ts";
import { normalizeText } from "./normalize.ts";
import type { MatrixVenueType } from "./types.ts";

/** Aliases as the office types them, one per line or separated by commas or 、; blanks and repeats dropped. */
export function splitAliases(text: string | null | undefined): string[] {
  const seen = new Set<string>();
  return (text ?? "")
    .split(/[\n,，、;；]+/)
    .map((a) => a.trim().replace(/\s+/g, " "))
    .filter((a) => a && normalizeText(a) && !seen.has(normalizeText(a)) && seen.add(normalizeText(a)));
}

/** The venue type that already answers to `name` (by its names or an alias, in matching form), if any. */
export function nameOwner(name: string, venueTypes: readonly Pick<MatrixVenueType, "id" | "nameZh" | "nameEn" | "aliases">[]) {
  const key = normalizeText(name);
  return venueTypes.find((v) => [v.nameZh, v.nameEn, ...v.aliases].some((n) => normalizeText(n) === key));
}

/**
 * Refuses names another venue type already answers to, naming it: one alias must lead to one place, or a
 * question would be answered from whichever was matched first.
 */
export function checkNamesFree(
  names: readonly string[],
  venueTypes: readonly Pick<MatrixVenueType, "id" | "nameZh" | "nameEn" | "aliases">[],
  ownId?: string,
): void {
  for (const name of names) {
    if (name.length > 60)
      throw new AppError(ErrorCode.InputInvalid, {
        zh: `别名“${name.slice(0, 20)}…”太长（最多 60 字）。`,
        en: `The alias "${name.slice(0, 20)}…" is too long (60 characters at most).`,
      });
    const owner = nameOwner(name, venueTypes);
    if (owner && owner.id !== ownId)
      throw new AppError(
        ErrorCode.Conflict,
        {
          zh: `“${name}”已是“${owner.nameZh}”的名称或别名，未保存。`,
          en: `"${name}" is already a name or alias of "${owner.nameEn}"; nothing was saved.`,
        },
        { details: { name, owner: owner.id } },
      );
  }
}

/** An id for a new venue type from its English name (`flower market` → `flower-market`), unique among `taken`. */
export function venueTypeIdFor(nameEn: string, taken: ReadonlySet<string>): string {
  const base =
    nameEn
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50)
      .replace(/-+$/, "") || "venue";
  const stem = /^[a-z0-9]/.test(base) ? base : `v-${base}`;
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}
