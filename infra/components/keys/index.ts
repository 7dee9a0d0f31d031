// Keys: one customer-managed KMS key per purpose (data, logs, storage, containers, messaging).
export { Keys, KEY_PURPOSES } from "./keys";
export type { KeyPurpose, KeysArgs } from "./keys";
