/** Callback and field ids of the accountability forms and buttons. */
export const ACCIDENT_MODAL_CALLBACK = "accident_record_submit";

export const ACCIDENT_FIELDS = {
  occurredOn: { block: "accident_day", action: "day" },
  unit: { block: "accident_unit", action: "unit" },
  county: { block: "accident_county", action: "county" },
  category: { block: "accident_category", action: "category" },
  level: { block: "accident_level", action: "level" },
  deaths: { block: "accident_deaths", action: "deaths" },
  injuries: { block: "accident_injuries", action: "injuries" },
  description: { block: "accident_description", action: "description" },
  responsible: { block: "accident_responsible", action: "responsible" },
} as const;

export const UNIT_RESPONSIBLE_VALUE = "unit_responsible";

/** 发布 under a draft 通报's preview (value: the circular's id). */
export const CIRCULAR_ACTIONS = { publish: "circular_publish" } as const;
