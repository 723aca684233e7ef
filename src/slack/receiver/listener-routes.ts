import type { App } from "@slack/bolt";

type Pattern = string | RegExp;
type Constraint = Pattern | Record<string, Pattern | undefined>;
type Surface = "action" | "view" | "command" | "shortcut" | "options";

/** Which payload field a bare string or RegExp constraint of each surface names (Bolt's own reading of them). */
const ID_FIELD: Record<Surface, string> = {
  action: "action_id",
  view: "callback_id",
  command: "command",
  shortcut: "callback_id",
  options: "action_id",
};

/** A bare `app.view("id")` takes submissions only, as Bolt reads it; closings need `{ type: "view_closed" }`. */
const BARE_TYPE: Partial<Record<Surface, string>> = { view: "view_submission" };

const matches = (pattern: Pattern | undefined, value: unknown): boolean =>
  pattern === undefined || (typeof value === "string" && (typeof pattern === "string" ? pattern === value : pattern.test(value)));

/**
 * The listeners registered on the app, by surface, so the receiver can tell a well-formed request nobody listens to
 * (a button redline never made, a shortcut not configured) and answer it 200 at once. Bolt would leave it unanswered
 * for three seconds and then say 404. Recording happens as listeners register; nothing has to be listed by hand.
 */
export class ListenerRoutes {
  private readonly routes: { surface: Surface; constraint: Constraint }[] = [];

  /** Wraps app.action / view / command / shortcut / options so every registration is noted. Call before registering. */
  record(app: App): void {
    const methods = app as unknown as Record<Surface, (constraint: Constraint, ...rest: unknown[]) => unknown>;
    for (const surface of Object.keys(ID_FIELD) as Surface[]) {
      const register = methods[surface].bind(app);
      methods[surface] = (constraint, ...rest) => {
        this.routes.push({ surface, constraint });
        return register(constraint, ...rest);
      };
    }
  }

  /** Whether some listener takes this payload (`fields` are the payload's ids: action_id, block_id, callback_id …). */
  has(surface: Surface, fields: Record<string, unknown>): boolean {
    return this.routes.some(({ surface: s, constraint }) => {
      if (s !== surface) return false;
      if (typeof constraint === "string" || constraint instanceof RegExp)
        return matches(constraint, fields[ID_FIELD[s]]) && matches(BARE_TYPE[s], fields.type);
      return Object.entries(constraint).every(([key, pattern]) => matches(pattern, fields[key]));
    });
  }
}
