import { z } from "zod";

/** The sign-in form as submitted: the head in person, or someone attending for them with their title. */
export const ZSignInClaimSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("head") }),
  z.object({ role: z.literal("deputy"), title: z.string().trim().min(1).max(80) }),
]);
export type TSignInClaim = z.infer<typeof ZSignInClaimSchema>;
