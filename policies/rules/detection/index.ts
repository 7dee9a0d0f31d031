// Detection services in a workload stack (issue 17 item 10): the account's GuardDuty detector with
// S3 and malware protection (SI-4, SI-3), Security Hub with a standard subscribed (CA-7), an AWS
// Config recorder that is on, delivers and keeps 7 years of history (CM-8, AU-11), and Config rules
// that remediate themselves (advisory). GuardDuty, Security Hub and the Config recorder are one per
// account and region: one stack declares them; another says so in its pack config
// (`accountServicesOwner`, account-services.ts) and passes with an advisory naming that stack.
// One stack policy per service family (each stack policy costs every preview a pass over the stack).
//
// One file per policy; this index only imports them, in the pack's (and docs/policies.md's) order.

import { GovPolicy } from "../../lib";
import { configRecorderEnabled } from "./config-recorder-enabled";
import { configRuleAutoRemediation } from "./config-rule-auto-remediation";
import { guarddutyDetectorEnabled } from "./guardduty-detector-enabled";
import { securityhubStandardSubscribed } from "./securityhub-standard-subscribed";

export { configRecorderEnabled, configRuleAutoRemediation, guarddutyDetectorEnabled, securityhubStandardSubscribed };

export const detectionPolicies: GovPolicy[] = [guarddutyDetectorEnabled, securityhubStandardSubscribed, configRecorderEnabled, configRuleAutoRemediation];
