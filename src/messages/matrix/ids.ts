/** Callback, block and action ids of the matrix's office forms and history buttons. */
export const MATRIX_CALLBACKS = {
  addVenueType: "matrix_add_venue_type",
  addAliases: "matrix_add_aliases",
  changeLead: "matrix_change_lead",
} as const;

export const MATRIX_FIELDS = {
  nameZh: { block: "matrix_name_zh", action: "name_zh" },
  nameEn: { block: "matrix_name_en", action: "name_en" },
  category: { block: "matrix_category", action: "category" },
  aliases: { block: "matrix_aliases", action: "aliases" },
  entry: { block: "matrix_entry", action: "entry" },
  department: { block: "matrix_department", action: "department" },
  scopeZh: { block: "matrix_scope_zh", action: "scope_zh" },
  scopeEn: { block: "matrix_scope_en", action: "scope_en" },
  document: { block: "matrix_document", action: "document" },
  clause: { block: "matrix_clause", action: "clause" },
} as const;

export const MATRIX_ACTIONS = { historyOlder: "matrix_history_older", historyNewest: "matrix_history_newest" } as const;
