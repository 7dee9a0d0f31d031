// iam-policy-no-wildcard-actions: an identity policy must not Allow every action (however spelled),
// NotAction, or a whole service on every resource of it (AC-6 least privilege, CM-7). Patterns are
// judged by probing them with real action and ARN names (lib/action-patterns), so "**", "i*:*" or
// "arn:aws-us-gov:s3:::*" count the same as "*", "iam:*" or Resource "*".

import { isUnknown, listOf, matchesEveryAction, matchesEveryResourceOf, read, resourcePolicy, serviceWideOf } from "../../lib";
import { forEachAllow, IDENTITY_TYPES } from "./identity-documents";

export const iamPolicyNoWildcardActions = resourcePolicy({
    name: "iam-policy-no-wildcard-actions",
    description:
        'IAM identity policies (including IAM Identity Center permission set inline policies) must not Allow Action "*" ' +
        '(administrator access, however spelled: "*:*", "**"), NotAction (everything but a list), or a whole service ' +
        '("s3:*", "iam:**", "i*:*") on Resource "*" or on an ARN pattern matching every resource of that service ' +
        '("arn:aws-us-gov:s3:::*"): each principal gets the specific actions it needs (AC-6, CM-7).',
    summary: 'IAM identity policies do not Allow Action "*", NotAction, or a whole service ("s3:*") on every resource',
    severity: "critical",
    controls: ["AC-6", "AC-6(1)", "AC-3"],
    anchors: [
        "NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess",
        "NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess",
        "3206240f-2e87-4e58-8d24-3e19e7c83d7c", // KICS: ECS Service Admin Role Is Present
        "2f37c4a3-58b9-4afe-8a87-d7f1d2286f84", // KICS: IAM Policies With Full Privileges
        "575a2155-6af1-4026-b1af-d5bc8fe2a904", // KICS: IAM Policy Grants Full Permissions
        "b1ffa705-19a3-4b73-b9d0-0c97d0663842", // KICS: IAM Role With Full Privileges
        "132a8c31-9837-4203-9fd1-15ca210c7b73", // KICS: SSO Policy with full privileges
    ],
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
    },
    validate: (ctx) => {
        const allowedServices = new Set(ctx.config.allowedServiceWildcards.map((s) => s.toLowerCase()));
        forEachAllow(ctx, (doc, statement, label) => {
            const where = `${doc.what} ${label}`;
            const notAction = read(statement, "NotAction");
            if (!notAction.known || notAction.value !== undefined) {
                if (notAction.known) {
                    ctx.violation(`${where} allows NotAction, i.e. every action but the listed ones; allow the specific actions instead.`);
                } else {
                    ctx.cannotVerify(`${where} NotAction`);
                }
                return;
            }
            const actions = listOf(statement, "Action");
            if (actions === undefined || actions.some(isUnknown)) {
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
            if (serviceWildcards.length === 0) {
                return;
            }
            const resources = listOf(statement, "Resource");
            const notResource = read(statement, "NotResource");
            if (resources === undefined || !notResource.known) {
                ctx.cannotVerify(`${where} Resource`);
            } else if (resources.includes("*") || notResource.value !== undefined) {
                ctx.violation(`${where} allows ${serviceWildcards.map((w) => `"${w.action}"`).join(", ")} on Resource "*"; grant the specific actions needed.`);
            } else {
                for (const w of serviceWildcards) {
                    const servicePattern = w.action.split(":")[0];
                    const broad = resources.find((r) => typeof r === "string" && matchesEveryResourceOf(r, servicePattern));
                    if (broad !== undefined) {
                        ctx.violation(`${where} allows "${w.action}" on Resource "${String(broad)}", i.e. every ${w.service} resource; grant the specific actions needed.`);
                    }
                }
            }
        });
    },
});
