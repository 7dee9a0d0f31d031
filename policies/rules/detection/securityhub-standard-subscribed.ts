// securityhub-standard-subscribed: a stack that runs a workload has Security Hub enabled for the
// account with at least one security standard subscribed, so the account's controls are assessed
// continuously (CA-7, SI-4, RA-5, CM-6). A subscription counts for the hub it depends on (dependsOn
// or a property dependency: aws.securityhub.StandardsSubscription names no account, and AWS
// refuses it before the hub is enabled); the hub's own default standards (enableDefaultStandards,
// on unless false) count too.

import { SECURITYHUB_ACCOUNT, SECURITYHUB_STANDARDS_SUBSCRIPTION, StackContext, stackPolicy, StackResource } from "../../lib";
import {
    ACCOUNT_SERVICE_OPTIONS,
    dependsOn,
    serviceDeclared,
} from "./account-services";

/**
 * A Security Hub standard's ARN: `arn:<partition>:securityhub:<region>::standards/<id>/v/<version>`
 * (the CIS 1.2.0 ruleset has no region: `arn:<partition>:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0`).
 */
const STANDARDS_ARN = /^arn:aws(-[a-z]+)*:securityhub:[a-z0-9-]*::(standards|ruleset)\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

const NIST_HINT = "arn:<partition>:securityhub:<region>::standards/nist-800-53/v/5.0.0";

export const securityhubStandardSubscribed = stackPolicy({
    name: "securityhub-standard-subscribed",
    description:
        "A stack that runs a workload (a database, an ECS service or a load balancer by default) declares the account's " +
        "Security Hub (aws.securityhub.Account) with at least one security standard subscribed: an " +
        "aws.securityhub.StandardsSubscription that depends on the account (dependsOn or a property dependency) with a " +
        `Security Hub standards ARN — for FedRAMP, NIST SP 800-53 rev5, \`${NIST_HINT}\` (in GovCloud the partition is ` +
        "`aws-us-gov`) — or the account's default standards (`enableDefaultStandards` not false), so the account's " +
        "controls are assessed continuously (CA-7, SI-4, RA-5, CM-6). A subscription that depends on no account in the " +
        "stack is an unresolved tie (advisory). A stack whose pack config names another stack in accountServicesOwner " +
        "passes with an advisory naming it.",
    summary: "A workload stack enables Security Hub with a security standard subscribed (or names the stack that does)",
    severity: "medium",
    controls: ["CA-7", "SI-4", "RA-5", "CM-6"],
    remediationSteps:
        "Declare an aws.securityhub.Account and an aws.securityhub.StandardsSubscription with `standardsArn: " +
        `"${NIST_HINT}"\` and \`dependsOn: [account]\` — in govstack, set \`govstack:baseline.detection: true\` in the stack ` +
        "that owns the account's detection services — or, in a stack that does not own them, set this policy's " +
        "`accountServicesOwner` to the stack that does.",
    resourceTypes: [SECURITYHUB_ACCOUNT, SECURITYHUB_STANDARDS_SUBSCRIPTION, ...ACCOUNT_SERVICE_OPTIONS.workloadTypes.default],
    noVerdict: [
        {
            when: "the stack declares no Security Hub account and has no resource of workloadTypes",
            why: "a stack without a workload holds nothing Security Hub assesses on its behalf; the account's hub is declared where the workload runs",
        },
    ],
    options: { ...ACCOUNT_SERVICE_OPTIONS },
    validate: (ctx) => {
        const accounts = ctx.ofType(SECURITYHUB_ACCOUNT);
        const fix = `declare an aws.securityhub.Account and a StandardsSubscription (e.g. ${NIST_HINT}) that depends on it`;
        if (!serviceDeclared(ctx, accounts, "Security Hub", "does not enable Security Hub", fix)) {
            return;
        }
        // Subscriptions with an ARN Security Hub accepts; a malformed or foreign one is reported and counts for nothing.
        const subscriptions = ctx.ofType(SECURITYHUB_STANDARDS_SUBSCRIPTION).filter((s) => {
            const arn = ctx.readString(s, "standardsArn", { quiet: true });
            if (!arn.ok) {
                return arn.unknown; // unknown: counts (an ARN built from outputs); malformed: reported
            }
            if (arn.value === undefined || !STANDARDS_ARN.test(arn.value)) {
                ctx.violation(
                    s,
                    `Security Hub standards subscription "${s.name}" has no Security Hub standards ARN in standardsArn ` +
                        `(${arn.value === undefined ? "unset" : JSON.stringify(arn.value)}); use one such as ${NIST_HINT}.`,
                );
                return false;
            }
            return true;
        });
        const untied = subscriptions.some((s) => !accounts.some((a) => dependsOn(s, a)));
        for (const account of accounts) {
            judgeAccount(ctx, account, subscriptions, untied);
        }
    },
});

function judgeAccount(ctx: StackContext<unknown>, account: StackResource, subscriptions: readonly StackResource[], untied: boolean): void {
    if (subscriptions.some((s) => dependsOn(s, account))) {
        return;
    }
    const defaults = ctx.readBoolean(account, "enableDefaultStandards", { quiet: true });
    if (!defaults.ok && !defaults.unknown) {
        return; // malformed: reported against the account
    }
    if (defaults.ok && defaults.value !== false) {
        return; // AWS subscribes its default standards (enableDefaultStandards defaults to true)
    }
    if (!defaults.ok || untied) {
        // The defaults are unknown, or a subscription depends on no hub in the stack: it may be this one's.
        ctx.cannotVerify(account, `whether Security Hub account "${account.name}" subscribes a standard`);
        return;
    }
    ctx.violation(
        account,
        `Security Hub account "${account.name}" subscribes no standard: enableDefaultStandards is false and no ` +
            `aws.securityhub.StandardsSubscription depends on it; subscribe one (e.g. ${NIST_HINT}) with dependsOn: [the account].`,
    );
}
