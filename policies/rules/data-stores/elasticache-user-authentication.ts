// elasticache-user-authentication: who may connect to a Redis OSS or Valkey cache as an RBAC user
// (IA-2 identification and authentication, IA-5 authenticator management, AC-3 access enforcement).
// An enabled user must authenticate: with IAM (short-lived tokens, no stored secret) or with
// passwords. A user that needs no password may exist only switched off — every user group must
// hold a user named "default", and a disabled one without credentials is the safe way to have it.
//
// Sources: ElastiCache API CreateUser (AuthenticationMode.Type is InputAuthenticationType:
// "password" | "no-password-required" | "iam"; NoPasswordRequired; Passwords), the ElastiCache
// guide "Role-Based Access Control (RBAC)" ("you pass on and off as part of the access string; if
// neither is specified, the user is assigned off"), and Redis ACL SETUSER, which applies the rules
// left to right, case-insensitively, so the last "on"/"off" wins ("reset" also switches a user off).

import { Checked, resourcePolicy, ResourceContext } from "../../lib";
import { ELASTICACHE_USER } from "./resource-types";

/** ElastiCache's InputAuthenticationType (case-sensitive; the provider validates it the same way). */
const AUTH_TYPES = ["password", "no-password-required", "iam"] as const;

/**
 * Whether an access string leaves the user on: its last top-level "on"/"off" keyword (or "reset",
 * which includes "off"), case-insensitive; off when it has none. Tokens inside a selector
 * ("(~app* +get)") are selector rules, not the user's state.
 */
export function accessStringEnabled(access: string): boolean {
    let enabled = false;
    let depth = 0;
    for (const token of access.split(/\s+/)) {
        if (token === "") {
            continue;
        }
        if (depth > 0 || token.startsWith("(")) {
            depth += token.startsWith("(") ? 1 : 0;
            depth -= token.endsWith(")") ? 1 : 0;
            depth = Math.max(depth, 0);
            continue;
        }
        const t = token.toLowerCase();
        if (t === "on") {
            enabled = true;
        } else if (t === "off" || t === "reset") {
            enabled = false;
        }
    }
    return enabled;
}

type Auth =
    | { readonly kind: "iam" }
    | { readonly kind: "password"; readonly passwords: boolean }
    | { readonly kind: "no-password"; readonly via: string }
    | { readonly kind: "none" }
    | { readonly kind: "unknown" }
    | { readonly kind: "malformed" };

/** Whether any password is given (authenticationMode.passwords, passwords, passwordsWo); a computed one counts. */
function passwordsSet(ctx: ResourceContext<unknown>): Checked<boolean> {
    let set = false;
    for (const path of ["authenticationMode.passwords", "passwords"]) {
        const list = ctx.readArray(path, { quiet: true });
        if (!list.ok && !list.unknown) {
            return list;
        }
        set ||= !list.ok || (list.value ?? []).length > 0;
    }
    const wo = ctx.readString("passwordsWo", { quiet: true });
    if (!wo.ok && !wo.unknown) {
        return wo;
    }
    set ||= !wo.ok || (wo.value ?? "") !== "";
    return { ok: true, value: set };
}

/** How the user authenticates; malformed values are reported. */
function authOf(ctx: ResourceContext<unknown>): Auth {
    const type = ctx.readEnum("authenticationMode.type", AUTH_TYPES, { quiet: true });
    const noPassword = ctx.readBoolean("noPasswordRequired", { quiet: true });
    const passwords = passwordsSet(ctx);
    if ((!type.ok && !type.unknown) || (!noPassword.ok && !noPassword.unknown) || (!passwords.ok && !passwords.unknown)) {
        return { kind: "malformed" };
    }
    // Either field saying "no password" makes it one (the weaker reading wins).
    if (type.ok && type.value === "no-password-required") {
        return { kind: "no-password", via: 'authenticationMode.type "no-password-required"' };
    }
    if (noPassword.ok && noPassword.value === true) {
        return { kind: "no-password", via: "noPasswordRequired: true" };
    }
    if (!type.ok || !noPassword.ok) {
        return { kind: "unknown" };
    }
    if (type.value === "iam") {
        return { kind: "iam" };
    }
    const hasPasswords = passwords.ok ? passwords.value === true : true;
    if (type.value === "password" || hasPasswords) {
        return { kind: "password", passwords: hasPasswords };
    }
    return { kind: "none" };
}

export const elasticacheUserAuthentication = resourcePolicy({
    name: "elasticache-user-authentication",
    description:
        "An ElastiCache (Redis OSS / Valkey) RBAC user that is switched on must authenticate: authenticationMode.type \"iam\", or " +
        "\"password\" with passwords set. A user that needs no password (authenticationMode.type \"no-password-required\" or " +
        "noPasswordRequired: true) must be switched off: its accessString's last on/off keyword is \"off\", or it has none (AWS " +
        "then assigns off). Otherwise anyone who reaches the cache connects as that user with its permissions (IA-2, IA-5, AC-3).",
    summary: "Enabled ElastiCache RBAC users authenticate with IAM or passwords; a no-password user is switched off",
    severity: "high",
    controls: ["IA-2", "IA-5", "AC-3"],
    remediationSteps:
        'Set `authenticationMode: { type: "iam" }` on the aws.elasticache.User (user id = user name), or `{ type: "password", ' +
        "passwords: [...] }` from a secret; a user that must exist without credentials (the group's \"default\") gets an " +
        '`accessString` starting with "off" (e.g. "off -@all").',
    resourceTypes: [ELASTICACHE_USER],
    noVerdict: [
        {
            when: "the user is switched off (the last on/off keyword of accessString is off, or there is none)",
            why: "nobody can authenticate as a disabled user, whatever its credentials; every user group needs a user named default, and a disabled one is the safe way to have it",
        },
    ],
    validate: (ctx) => {
        const access = ctx.readString("accessString", { quiet: true });
        const auth = authOf(ctx);
        if ((!access.ok && !access.unknown) || auth.kind === "malformed" || auth.kind === "iam" || (auth.kind === "password" && auth.passwords)) {
            return; // malformed (reported), or an authenticating user: its on/off state does not matter
        }
        if (!access.ok) {
            ctx.cannotVerify(`whether ${ctx.label} is switched off (accessString)`);
            return;
        }
        if (!accessStringEnabled(access.value ?? "")) {
            return;
        }
        switch (auth.kind) {
            case "unknown":
                ctx.cannotVerify(`how ${ctx.label} authenticates (authenticationMode.type, noPasswordRequired)`);
                return;
            case "no-password":
                ctx.violation(
                    `${ctx.label} is switched on by its accessString but needs no password (${auth.via}): anyone who reaches the cache ` +
                        'connects as it. Set authenticationMode.type "iam" (or "password" with passwords), or switch it off ("off" in accessString).',
                );
                return;
            case "password":
                ctx.violation(`${ctx.label} is switched on with authenticationMode.type "password" but sets no passwords; set authenticationMode.passwords or use "iam".`);
                return;
            case "none":
                ctx.violation(`${ctx.label} is switched on but declares no authentication; set authenticationMode.type "iam" (or "password" with passwords).`);
                return;
        }
    },
});
