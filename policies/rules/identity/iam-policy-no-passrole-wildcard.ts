// iam-policy-no-passrole-wildcard: iam:PassRole on "*" or on every role of the account lets a
// principal hand any role to a service and run code with its privileges, an escalation path
// (AC-6, AC-6(1), AC-5).

import { actionMatches, invertingList, isUnknown, matchesEveryAction, matchesEveryRole, resourcePolicy, statementList } from "../../lib";
import { forEachAllow, IDENTITY_TYPES } from "./identity-documents";

export const iamPolicyNoPassRoleWildcard = resourcePolicy({
    name: "iam-policy-no-passrole-wildcard",
    description:
        'IAM identity policies must not Allow iam:PassRole (or a pattern matching it) on Resource "*" or on every role ' +
        '("arn:aws-us-gov:iam::<account>:role/*"): passing any role to a service lets a principal run code with that ' +
        "role's privileges, an escalation path (AC-6, AC-6(1), AC-5).",
    summary: 'IAM identity policies do not Allow iam:PassRole on Resource "*" or on every role of the account',
    severity: "high",
    controls: ["AC-6", "AC-6(1)", "AC-5"],
    remediationSteps:
        "Scope iam:PassRole to the ARNs of the roles the principal hands to a service (e.g. the ECS task and execution " +
        "roles), and add a Condition on iam:PassedToService.",
    resourceTypes: IDENTITY_TYPES,
    noVerdict: [
        {
            when: "a statement's Effect is Deny (or it has no Effect, which IAM rejects)",
            why: "only Allow statements grant; a Deny can only take permissions away",
        },
        {
            when: 'the statement\'s actions match every action ("*", "*:*")',
            why: "iam-policy-no-wildcard-actions reports that grant; it is not reported twice",
        },
    ],
    validate: (ctx) => {
        forEachAllow(ctx, (doc, statement, label, at) => {
            const actions = ctx.settle(statementList(statement, "Action", at), { what: `${doc.what} ${label} Action` });
            if (!actions.ok) {
                return;
            }
            // Elements are strings or unknown sentinels (statementList); Action "*" is
            // iam-policy-no-wildcard-actions' finding, so it is not reported twice.
            const strings = (actions.value ?? []).filter((a): a is string => typeof a === "string" && !isUnknown(a));
            const passRole = strings.find((a) => !matchesEveryAction(a) && actionMatches(a, "iam:PassRole"));
            if (passRole === undefined) {
                return;
            }
            const resources = ctx.settle(statementList(statement, "Resource", at), { quiet: true });
            const notResource = ctx.settle(invertingList(statement, "NotResource", at), { quiet: true });
            if ((!resources.ok && !resources.unknown) || (!notResource.ok && !notResource.unknown)) {
                return; // malformed: reported
            }
            if (!resources.ok || !notResource.ok) {
                ctx.cannotVerify(`${doc.what} ${label} Resource`);
            } else if ((resources.value ?? []).includes("*") || notResource.value !== undefined) {
                ctx.violation(`${doc.what} ${label} allows "${passRole}" on Resource "*"; scope it to the role ARNs that are passed.`);
            } else {
                // "role/*" passes any role of the account: the same escalation as "*".
                const everyRole = (resources.value ?? []).find((r): r is string => typeof r === "string" && !isUnknown(r) && matchesEveryRole(r));
                if (everyRole !== undefined) {
                    ctx.violation(`${doc.what} ${label} allows "${passRole}" on Resource "${everyRole}", i.e. every role; scope it to the role ARNs that are passed.`);
                }
            }
        });
    },
});
