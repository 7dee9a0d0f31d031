// kms-key-policy-lockout-check: KMS's lockout safety check stays on, so no key policy can leave a
// key that nobody is allowed to manage (AC-6, SC-12).

import { KMS_KEY_POLICY, resourcePolicy } from "../../lib";
import { KEY_TYPES } from "./resource-types";

// "Setting this value to true increases the risk that the KMS key becomes unmanageable. Do not set
// this value to true indiscriminately." (KMS CreateKey/PutKeyPolicy BypassPolicyLockoutSafetyCheck)
// https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-bypass-policy-lockout-safety-check

export const kmsKeyPolicyLockoutCheck = resourcePolicy({
    name: "kms-key-policy-lockout-check",
    description:
        "KMS keys and key policies must not set bypassPolicyLockoutSafetyCheck: the check refuses a key policy that would stop the " +
        "caller (and so, usually, anyone) from changing it again. Bypassing it can leave a key that no principal may administer — " +
        "only AWS Support can recover it — and is AWS's own advice against (AC-6, SC-12).",
    summary: "KMS keys and key policies keep the policy lockout safety check (no bypassPolicyLockoutSafetyCheck)",
    severity: "high",
    controls: ["AC-6", "SC-12"],
    remediationSteps: "Remove `bypassPolicyLockoutSafetyCheck` (or set it to false) and make the key policy let the account (its root) administer the key.",
    resourceTypes: [...KEY_TYPES, KMS_KEY_POLICY],
    noVerdict: [],
    validate: (ctx) => {
        const bypass = ctx.readBoolean("bypassPolicyLockoutSafetyCheck");
        if (bypass.ok && bypass.value === true) {
            ctx.violation(`${ctx.label} bypasses the key policy lockout safety check; remove bypassPolicyLockoutSafetyCheck.`);
        }
    },
});
