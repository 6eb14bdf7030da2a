/** Who is asking: what the HTTP layer (or the CLI) knows of the caller, for the use cases. */
export interface Caller {
  /** The API key id, when a key was sent (stored with each decision). */
  keyId: string | null;
  /** Name shown in the audit trail: the key's name and id, or "anonymous". */
  actor: string;
  /** Who counts against the per-minute limits: the key, or the address. */
  limitKey: string;
}
