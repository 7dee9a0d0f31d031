// iam-policy-no-passrole-wildcard: iam:PassRole on "*" or on every role of the account lets a
// principal hand any role to a service and run code with its privileges, an escalation path
// (AC-6, AC-6(1), AC-5).

import { actionMatches, isUnknown, listOf, matchesEveryAction, matchesEveryRole, read, resourcePolicy } from "../../lib";
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
    anchors: [
        "e39bee8c-fe54-4a3f-824d-e5e2d1cca40a", // KICS: IAM Role Policy passRole Allows All
    ],
    remediationSteps:
        "Scope iam:PassRole to the ARNs of the roles the principal hands to a service (e.g. the ECS task and execution " +
        "roles), and add a Condition on iam:PassedToService.",
    resourceTypes: IDENTITY_TYPES,
    validate: (ctx) => {
        forEachAllow(ctx, (doc, statement, label) => {
            const actions = listOf(statement, "Action");
            if (actions === undefined) {
                ctx.cannotVerify(`${doc.what} ${label} Action`);
                return;
            }
            // Action "*" is iam-policy-no-wildcard-actions' finding; don't report it twice.
            const passRole = actions.find((a) => typeof a === "string" && !matchesEveryAction(a) && !isUnknown(a) && actionMatches(a, "iam:PassRole"));
            if (passRole === undefined) {
                return;
            }
            const resources = listOf(statement, "Resource");
            const notResource = read(statement, "NotResource");
            if (resources === undefined || !notResource.known) {
                ctx.cannotVerify(`${doc.what} ${label} Resource`);
            } else if (resources.includes("*") || notResource.value !== undefined) {
                ctx.violation(`${doc.what} ${label} allows "${String(passRole)}" on Resource "*"; scope it to the role ARNs that are passed.`);
            } else {
                // "role/*" passes any role of the account: the same escalation as "*".
                const everyRole = resources.find((r) => typeof r === "string" && matchesEveryRole(r));
                if (everyRole !== undefined) {
                    ctx.violation(`${doc.what} ${label} allows "${String(passRole)}" on Resource "${String(everyRole)}", i.e. every role; scope it to the role ARNs that are passed.`);
                }
            }
        });
    },
});
