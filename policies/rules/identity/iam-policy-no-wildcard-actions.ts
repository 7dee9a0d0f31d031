// iam-policy-no-wildcard-actions: an identity policy must not Allow every action (however spelled),
// NotAction, or a whole service on every resource of it (AC-6 least privilege, CM-7). Patterns are
// judged by probing them with real action and ARN names (lib/action-patterns), so "**", "i*:*" or
// "arn:aws-us-gov:s3:::*" count the same as "*", "iam:*" or Resource "*".

import { isUnknown, matchesEveryAction, matchesEveryResourceOf, ownValue, read, resourcePolicy, serviceWideOf, statementList } from "../../lib";
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
    noVerdict: [
        {
            when: "a statement's Effect is Deny (or it has no Effect, which IAM rejects)",
            why: "only Allow statements grant; a Deny can only take permissions away",
        },
        {
            when: 'a service-wide action ("s3:*") is on a service in allowedServiceWildcards (pack config)',
            why: 'an explicit, reviewed exception per stack; "*" itself is never allowed',
        },
    ],
    validate: (ctx) => {
        const allowedServices = new Set(ctx.config.allowedServiceWildcards.map((s) => s.toLowerCase()));
        forEachAllow(ctx, (doc, statement, label, at) => {
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
            const actions = ctx.settle(statementList(statement, "Action", at), { what: `${where} Action` });
            if (!actions.ok) {
                return;
            }
            if ((actions.value ?? []).some(isUnknown)) {
                ctx.cannotVerify(`${where} Action`);
                return;
            }
            const strings = (actions.value ?? []).filter((a): a is string => typeof a === "string");
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
            const resources = ctx.settle(statementList(statement, "Resource", at), { quiet: true });
            const notResource = ctx.settle(statementList(statement, "NotResource", at), { quiet: true });
            if ((!resources.ok && !resources.unknown) || (!notResource.ok && !notResource.unknown)) {
                return; // malformed: reported
            }
            if (!resources.ok || !notResource.ok) {
                ctx.cannotVerify(`${where} Resource`);
            } else if ((resources.value ?? []).includes("*") || ownValue(statement, "NotResource") !== undefined) {
                ctx.violation(`${where} allows ${serviceWildcards.map((w) => `"${w.action}"`).join(", ")} on Resource "*"; grant the specific actions needed.`);
            } else {
                for (const w of serviceWildcards) {
                    const servicePattern = w.action.split(":")[0];
                    const broad = (resources.value ?? []).find((r): r is string => typeof r === "string" && !isUnknown(r) && matchesEveryResourceOf(r, servicePattern));
                    if (broad !== undefined) {
                        ctx.violation(`${where} allows "${w.action}" on Resource "${broad}", i.e. every ${w.service} resource; grant the specific actions needed.`);
                    }
                }
            }
        });
    },
});
