/**
 * What one evaluation request may cost. A context is a few attributes of a user and a tenant;
 * these bounds are far above that and far below what would let one request occupy an isolate.
 */

/** Largest request body read, in bytes; larger ones get 413 before they are read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Deepest nesting of objects and arrays in a context (the context object itself is level 1). */
export const MAX_CONTEXT_DEPTH = 10;

/** Most object members plus array elements in a context, counted at every level. */
export const MAX_CONTEXT_ENTRIES = 1000;
