// iam-password-policy-strength: when the stack declares the account password policy, it meets the
// FedRAMP Moderate IA-5(1) parameters the pack enforces: at least 14 characters, the last 24
// passwords not reused, all four character classes, and expiry within 90 days. (IAM users should
// not have passwords at all — iam-no-user-login-profile — but the account policy still governs any
// that exist outside the stack, e.g. break-glass users.) Unset fields take AWS's defaults
// (aws.iam.AccountPasswordPolicy docs: length 6, no reuse prevention, no class required, no
// expiry), so an unset field fails.

import {
    Guard,
    requireTrue,
    resourcePolicy,
} from "../../lib";
import { IAM_ACCOUNT_PASSWORD_POLICY } from "./resource-types";

const MIN_LENGTH = 14;
const MIN_REUSE = 24;
const MAX_AGE_DAYS = 90;

const CLASSES: readonly (readonly [string, string])[] = [
    ["requireSymbols", "symbols"],
    ["requireNumbers", "numbers"],
    ["requireUppercaseCharacters", "upper-case letters"],
    ["requireLowercaseCharacters", "lower-case letters"],
];

/**
 * A whole number: the provider takes an integer; digits in a string (as a config value arrives)
 * read as that number. Anything else is malformed, never "unset".
 */
const WHOLE_NUMBER: Guard<number> = {
    expected: "a whole number",
    parse: (v) => (typeof v === "number" && Number.isInteger(v) ? { value: v } : typeof v === "string" && /^\d+$/.test(v) ? { value: Number(v) } : undefined),
};

export const iamPasswordPolicyStrength = resourcePolicy({
    name: "iam-password-policy-strength",
    description:
        `A declared account password policy (aws.iam.AccountPasswordPolicy) requires at least ${MIN_LENGTH} characters, ` +
        `prevents reuse of the last ${MIN_REUSE} passwords, requires symbols, numbers, upper- and lower-case letters, and ` +
        `expires passwords within ${MAX_AGE_DAYS} days (FedRAMP Moderate IA-5(1)); an unset field takes AWS's weaker default.`,
    summary: `Account password policy: ≥ ${MIN_LENGTH} chars, reuse prevention ≥ ${MIN_REUSE}, all character classes, expiry ≤ ${MAX_AGE_DAYS} days`,
    severity: "high",
    controls: ["IA-5", "IA-5(1)", "AC-2"],
    remediationSteps:
        `Set minimumPasswordLength: ${MIN_LENGTH} (or more), passwordReusePrevention: ${MIN_REUSE}, requireSymbols, requireNumbers, ` +
        `requireUppercaseCharacters and requireLowercaseCharacters: true, and maxPasswordAge: ${MAX_AGE_DAYS} (or fewer days).`,
    resourceTypes: [IAM_ACCOUNT_PASSWORD_POLICY],
    noVerdict: [],
    validate: (ctx) => {
        const what = `Account password policy "${ctx.name}"`;
        const judge = (path: string, ok: (n: number) => boolean, need: string): void => {
            // Unknown → advisory; malformed → the unwaivable "Cannot evaluate" (both reported by the read).
            const n = ctx.readAs(path, WHOLE_NUMBER);
            if (!n.ok) {
                return;
            }
            if (n.value === undefined) {
                ctx.violation(`${what} leaves ${path} unset; set it to ${need}.`);
            } else if (!ok(n.value)) {
                ctx.violation(`${what} sets ${path} to ${n.value}; set it to ${need}.`);
            }
        };
        judge("minimumPasswordLength", (n) => n >= MIN_LENGTH, `${MIN_LENGTH} or more`);
        judge("passwordReusePrevention", (n) => n >= MIN_REUSE, `${MIN_REUSE} (remember at least ${MIN_REUSE} passwords)`);
        judge("maxPasswordAge", (n) => n >= 1 && n <= MAX_AGE_DAYS, `between 1 and ${MAX_AGE_DAYS} days`);
        for (const [path, noun] of CLASSES) {
            requireTrue(ctx, path, `${what} does not require ${noun}; set ${path}: true.`);
        }
    },
});
