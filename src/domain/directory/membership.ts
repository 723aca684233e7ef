/** How a Slack user is registered with a department. */
export interface Membership {
  departmentId: string;
  as: "head" | "liaison";
}
