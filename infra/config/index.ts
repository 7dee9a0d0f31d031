/**
 * The estate's settings: one typed, validated `EstateSettings` per stack, read once from Pulumi
 * config (the stack file plus its ESC environment). Every invalid value fails here, before any
 * resource is declared, with a message naming the key, the bad value and what is allowed. Prod
 * guard rails are part of the validation, not a convention. No password is ever a setting: RDS
 * manages its master password in Secrets Manager, the cache password is generated.
 *
 * schema.ts  the shape of each setting and its default
 * rules.ts   settings that must agree with each other, and prod's guard rails
 * rules-files.ts settings that name something on disk (the image build context must exist)
 * settings.ts the typed result (EstateSettings) the estate is built from
 * load.ts    parseSettings (no Pulumi runtime) and loadSettings (from Pulumi config)
 */
export { loadSettings, parseSettings } from "./load";
export type { EstateSettings, ImageSource } from "./settings";
