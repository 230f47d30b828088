/**
 * Applications a route wrote, for the audit trail: a route's result carries their ids under this symbol
 * (JSON leaves symbols out, so they never reach the response), and the audit hook notes which cases'
 * frozen members were rewritten.
 */
export const INGESTED_IDS: unique symbol = Symbol("ingested application ids");
