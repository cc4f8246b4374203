export {
  type AttemptRow,
  attemptFromRow as toAttempt,
  DELIVERY_COLUMNS,
  type DeliveryRow,
  deliveryFromRow as toDelivery,
  type EventRow,
  eventFromRow as toEvent,
  jobEventRow,
} from '@hookwire/sender/store-kit';

/** Serialises a value for a `json` column: pg would send a JS array as a Postgres array. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** PostgreSQL text cannot hold NUL; a subscriber's response excerpt may contain one. */
export function text(value: string | undefined): string | null {
  return value === undefined ? null : value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value;
}
