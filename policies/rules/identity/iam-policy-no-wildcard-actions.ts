// iam-policy-no-wildcard-actions: an identity policy must not Allow every action (however spelled),
// NotAction, a whole service on any resource, or sts:AssumeRole on every role (AC-6 least
// privilege, AC-3). Only a deployment role the pack config names, with its reason, keeps a whole
// service, and only on scoped resources (the delivery deploy role manages the estate's buckets with
// "s3:*" on arn:<p>:s3:::govstack-<stack>-*). Patterns are
// judged by probing them with real action and ARN names (lib/action-patterns), so "**", "i*:*" or
// "arn:aws-us-gov:s3:::*" count the same as "*", "iam:*" or Resource "*".

import {
    actionMatches,
    invertingList,
    isUnknown,
    matchesEveryAction,
    matchesEveryResourceOf,
    matchesEveryRole,
    resourcePolicy,
    ResourceContext,
    serviceWideOf,
    statementList,
} from "../../lib";
import { forEachAllow, IDENTITY_TYPES } from "./identity-documents";
import { IAM_POLICY, IAM_ROLE, IAM_ROLE_POLICY } from "./resource-types";

export const iamPolicyNoWildcardActions = resourcePolicy({
    name: "iam-policy-no-wildcard-actions",
    description:
        'IAM identity policies (including IAM Identity Center permission set inline policies) must not Allow Action "*" ' +
        '(administrator access, however spelled: "*:*", "**"), NotAction (everything but a list), a whole service ' +
        '("s3:*", "iam:**", "i*:*") on any resource — Resource "*", an ARN pattern matching every resource of that service ' +
        '("arn:aws-us-gov:s3:::*") or a single bucket —, or sts:AssumeRole on every role: each principal gets the specific ' +
        "actions it needs (AC-6, AC-3). A deployment role named in the deploymentRoles option, with its reason, may keep a " +
        "whole service on scoped resources (the estate's own), never on every resource.",
    summary: 'IAM identity policies do not Allow "*", NotAction, a whole service ("s3:*") or sts:AssumeRole on every role',
    severity: "critical",
    controls: ["AC-6", "AC-6(1)", "AC-3"],
    remediationSteps:
        "List the specific actions the principal calls (CloudTrail / IAM Access Analyzer policy generation shows them) and " +
        "scope Resource to the ARNs it touches.",
    resourceTypes: IDENTITY_TYPES,
    options: {
        allowedServiceWildcards: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: 'Service prefixes whose "<service>:*" may be granted on Resource "*" (e.g. "xray"); "*" itself never is.',
        },
        deploymentRoles: {
            type: "array",
            items: { type: "string" },
            default: [],
            description:
                'Deployment roles that may keep a whole service ("s3:*") on scoped resources (never on "*" or every resource of the ' +
                'service), each as "<role name>: <reason>" — an entry without a reason names no role. Matched against a role\'s ' +
                "name, a role policy's role, or a managed policy's name.",
        },
    },
    noVerdict: [
        {
            when: "a statement's Effect is Deny (or it has no Effect, which IAM rejects)",
            why: "only Allow statements grant; a Deny can only take permissions away",
        },
        {
            when: 'a service-wide action ("s3:*") is on a service in allowedServiceWildcards (pack config)',
            why: 'an explicit, reviewed exception per stack; "*" itself is never allowed',
        },
        {
            when: 'a service-wide action on scoped resources belongs to a role named in deploymentRoles with a reason (pack config)',
            why: "the stack's config names its deployment role and why it needs whole services; never on \"*\" or every resource of the service",
        },
    ],
    validate: (ctx) => {
        const allowedServices = new Set(ctx.config.allowedServiceWildcards.map((s) => s.toLowerCase()));
        forEachAllow(ctx, (doc, statement, label, at) => {
            const where = `${doc.what} ${label}`;
            // NotAction typed as Action is (a string or a list of strings, IAM grammar; lib/statements invertingList): anything
            // else, null too, is the unwaivable "Cannot evaluate"; present in any valid form (even an empty list) it is a violation.
            const notAction = ctx.settle(invertingList(statement, "NotAction", at), { what: `${where} NotAction` });
            if (!notAction.ok) {
                return;
            }
            if (notAction.value !== undefined) {
                ctx.violation(`${where} allows NotAction, i.e. every action but the listed ones; allow the specific actions instead.`);
                return;
            }
            // Action, Resource, NotResource: a string or a list of strings (statementList); anything else is malformed.
            const actionList = ctx.settle(statementList(statement, "Action", at), { what: `${where} Action` });
            if (!actionList.ok) {
                return;
            }
            const actions = actionList.value ?? [];
            if (actions.some(isUnknown)) {
                ctx.cannotVerify(`${where} Action`);
                return;
            }
            const strings = actions.filter((a): a is string => typeof a === "string");
            const everything = strings.find(matchesEveryAction);
            if (everything !== undefined) {
                const spelled = everything === "*" || everything === "*:*" ? "" : ` ("${everything}" matches every action)`;
                ctx.violation(`${where} allows Action "*"${spelled}; grant the specific actions needed.`);
                return;
            }
            const serviceWildcards = strings
                .map((a) => ({ action: a, service: serviceWideOf(a) }))
                .filter((w): w is { action: string; service: string } => w.service !== undefined && !allowedServices.has(w.service.toLowerCase()));
            const resourceList = ctx.settle(statementList(statement, "Resource", at), { quiet: true });
            const notResourceList = ctx.settle(invertingList(statement, "NotResource", at), { quiet: true });
            if ((!resourceList.ok && !resourceList.unknown) || (!notResourceList.ok && !notResourceList.unknown)) {
                return; // malformed: reported
            }
            const resources = resourceList.ok ? (resourceList.value ?? []) : [];
            if (!resourceList.ok || !notResourceList.ok || resources.some(isUnknown)) {
                ctx.cannotVerify(`${where} Resource`);
                return;
            }
            // NotResource typed above (invertingList): present in any valid form (even an empty list) it covers every resource but the listed ones.
            const notResource = { value: notResourceList.value };
            const resourceStrings = resources.filter((r): r is string => typeof r === "string");
            // sts:AssumeRole (however spelled) on every role: the principal may become any role that trusts its account.
            const assume = strings.find((a) => serviceWideOf(a) === undefined && actionMatches(a, "sts:AssumeRole"));
            const everyRole = notResource.value !== undefined ? "NotResource" : resourceStrings.find(matchesEveryRole);
            if (assume !== undefined && everyRole !== undefined) {
                const on = everyRole === "NotResource" ? "NotResource" : `Resource "${everyRole}"`;
                ctx.violation(`${where} allows "${assume}" on ${on}, i.e. any role that trusts the account; name the roles it may assume.`);
            }
            if (serviceWildcards.length === 0) {
                return;
            }
            if (resources.includes("*") || notResource.value !== undefined) {
                ctx.violation(`${where} allows ${serviceWildcards.map((w) => `"${w.action}"`).join(", ")} on Resource "*"; grant the specific actions needed.`);
                return;
            }
            const deployment = deploymentRole(ctx);
            for (const w of serviceWildcards) {
                const servicePattern = w.action.split(":")[0];
                const broad = resourceStrings.find((r) => matchesEveryResourceOf(r, servicePattern));
                if (broad !== undefined) {
                    ctx.violation(`${where} allows "${w.action}" on Resource "${broad}", i.e. every ${w.service} resource; grant the specific actions needed.`);
                } else if (deployment.kind === "unknown") {
                    ctx.cannotVerify(`${where} "${w.action}": the role it belongs to (deploymentRoles)`);
                } else if (deployment.kind === "none") {
                    ctx.violation(
                        `${where} allows "${w.action}", every ${w.service} action, on ${describeList(resourceStrings)}; grant the specific actions needed ` +
                            "(only a deployment role named in deploymentRoles, with a reason, may keep a whole service on the estate's own resources).",
                    );
                }
                // deployment.kind === "named": the config names this role as the deployment role, with its reason.
            }
        });
    },
});

/** For messages: up to two resources, then a count. */
function describeList(resources: readonly string[]): string {
    const shown = resources.slice(0, 2).map((r) => `"${r}"`).join(", ");
    return `Resource ${shown}${resources.length > 2 ? ` and ${resources.length - 2} more` : ""}`;
}

/** A deploymentRoles entry: "<role name>: <reason>". Entries without a reason name no role. */
function parseDeploymentRoles(entries: readonly string[]): ReadonlyMap<string, string> {
    const roles = new Map<string, string>();
    for (const entry of entries) {
        const at = entry.indexOf(":");
        const name = at < 0 ? "" : entry.slice(0, at).trim();
        const reason = at < 0 ? "" : entry.slice(at + 1).trim();
        if (name !== "" && reason !== "") {
            roles.set(name, reason);
        }
    }
    return roles;
}

type Deployment = { kind: "none" } | { kind: "unknown" } | { kind: "named"; reason: string };

/**
 * Whether the document belongs to a deployment role the config names: a role's own inline
 * policies (its `name`), a role policy (its `role`, a name or role ARN), or a managed policy
 * named like the role (its `name`; the deploy role's policy carries the role's name).
 */
function deploymentRole(ctx: ResourceContext<{ readonly deploymentRoles: readonly string[] }>): Deployment {
    const roles = parseDeploymentRoles(ctx.config.deploymentRoles);
    if (roles.size === 0) {
        return { kind: "none" };
    }
    const path = ctx.type === IAM_ROLE_POLICY ? "role" : ctx.type === IAM_ROLE || ctx.type === IAM_POLICY ? "name" : undefined;
    if (path === undefined) {
        return { kind: "none" };
    }
    const v = ctx.readString(path, { quiet: true });
    if (!v.ok) {
        return v.unknown ? { kind: "unknown" } : { kind: "none" };
    }
    const name = v.value?.split("/").pop() ?? "";
    const reason = roles.get(name);
    return reason === undefined ? { kind: "none" } : { kind: "named", reason };
}
