// config-rule-auto-remediation (advisory): an AWS Config rule whose findings nobody fixes
// automatically only reports; an aws.cfg.RemediationConfiguration with `automatic: true` that names
// the rule (configRuleName, by value or property dependency) closes the loop (SI-2, CA-7, CM-6).
// Advisory by default: not every rule has a safe automatic fix, and GovCloud offers no SSM-document
// remediation for some rules (docs/baseline.md). Runs only in a stack with a Config rule.

import { CONFIG_REMEDIATION_CONFIGURATION, CONFIG_RULE, stackPolicy, StackResource } from "../../lib";

export const configRuleAutoRemediation = stackPolicy({
    name: "config-rule-auto-remediation",
    description:
        "Every AWS Config rule (aws.cfg.Rule) should have an automatic remediation: an aws.cfg.RemediationConfiguration " +
        "that names the rule (`configRuleName`, by value or property dependency) with `automatic: true`, so a " +
        "non-compliant resource is fixed, not only reported (SI-2, CA-7, CM-6). Advisory: not every rule has a safe " +
        "automatic fix. Rules inside a conformance pack are not aws.cfg.Rule resources and are not judged here. A " +
        "remediation whose configRuleName names no rule in the stack is an unresolved tie (advisory \"cannot verify\").",
    summary: "Every AWS Config rule has an automatic remediation (advisory)",
    severity: "low",
    enforcementLevel: "advisory",
    controls: ["SI-2", "CA-7", "CM-6"],
    remediationSteps:
        "Declare an aws.cfg.RemediationConfiguration with `configRuleName: rule.name`, `targetType: \"SSM_DOCUMENT\"`, " +
        "`targetId` (the SSM Automation document), `automatic: true` and `maximumAutomaticAttempts`, or accept the advisory " +
        "for a rule that has no safe automatic fix.",
    resourceTypes: [CONFIG_RULE, CONFIG_REMEDIATION_CONFIGURATION],
    triggerType: CONFIG_RULE,
    noVerdict: [],
    validate: (ctx) => {
        const remediated = new Set<string>();
        const manual = new Set<string>();
        const open = new Set<string>(); // tied, automatic unknown (or malformed, reported)
        let untied = false;
        for (const rem of ctx.ofType(CONFIG_REMEDIATION_CONFIGURATION)) {
            const refs = ctx.resolveRefs(rem, "configRuleName", [CONFIG_RULE], ["name"]);
            const automatic = ctx.readBoolean(rem, "automatic", { quiet: true });
            const into = automatic.ok ? (automatic.value === true ? remediated : manual) : open;
            for (const rule of refs.resources) {
                into.add(rule.urn);
            }
            untied ||= refs.resources.length === 0 && refs.unresolved > 0;
        }
        for (const rule of ctx.ofType(CONFIG_RULE)) {
            judgeRule(rule, { remediated, manual, open }, untied, ctx);
        }
    },
});

function judgeRule(
    rule: StackResource,
    { remediated, manual, open }: Record<"remediated" | "manual" | "open", ReadonlySet<string>>,
    untied: boolean,
    ctx: { violation(r: StackResource, m: string): void; cannotVerify(r: StackResource, w: string): void },
): void {
    if (remediated.has(rule.urn)) {
        return;
    }
    if (untied || open.has(rule.urn)) {
        ctx.cannotVerify(rule, `whether AWS Config rule "${rule.name}" has an automatic remediation`);
        return;
    }
    const why = manual.has(rule.urn) ? "its aws.cfg.RemediationConfiguration is not automatic" : "no aws.cfg.RemediationConfiguration names it";
    ctx.violation(rule, `AWS Config rule "${rule.name}" has no automatic remediation (${why}); declare one with configRuleName: the rule's name and automatic: true.`);
}
